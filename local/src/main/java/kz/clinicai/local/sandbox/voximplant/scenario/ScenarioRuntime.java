package kz.clinicai.local.sandbox.voximplant.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios started through StartScenarios: one {@link ScenarioSession} per media session, all sharing one
 * GraalJS engine (parsed code is cached across sessions). Keeps the last {@link #KEEP} sessions for the page.
 */
public final class ScenarioRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRuntime.class);

    static final int KEEP = 100;
    private static final String PRELUDE = "/kz/clinicai/local/sandbox/voximplant/voxengine.js";

    private final Engine engine;
    private final String prelude;
    private final Map<String, ScenarioSession> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Per number: the callee of each attempt, in order (the last one answers every later attempt). */
    private final Map<String, Attempts> callees = new ConcurrentHashMap<>();
    private volatile double timeScale = 1.0;
    private volatile String openAiBaseUrl = "http://127.0.0.1:1/openai/v1";

    public ScenarioRuntime() {
        this.engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        try (InputStream in = ScenarioRuntime.class.getResourceAsStream(PRELUDE)) {
            this.prelude = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code script} for one session; returns at once (the scenario runs on its own loop). */
    public ScenarioSession start(String sessionId, String customData, String script, String recordBaseUrl) {
        ScenarioSession session = new ScenarioSession(sessionId, customData, script, timeScale, recordBaseUrl,
                this::callee, engine, () -> { }, openAiBaseUrl);
        synchronized (sessions) {
            sessions.put(sessionId, session);
            while (sessions.size() > KEEP) {
                String oldest = sessions.keySet().iterator().next();
                sessions.remove(oldest).stop();
            }
        }
        session.start(prelude);
        return session;
    }

    /** Where the realtime stand-in finds the OpenAI sandbox's Responses API. */
    public void openAiBaseUrl(String url) {
        openAiBaseUrl = url;
    }

    public Optional<ScenarioSession> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public List<ScenarioSession> sessions() {
        synchronized (sessions) {
            return new ArrayList<>(sessions.values());
        }
    }

    public long running() {
        return sessions().stream().filter(s -> !s.ended()).count();
    }

    /** The callee this dial of {@code phone} reaches: each call to it is one attempt. */
    public Callee callee(String phone) {
        Attempts attempts = callees.get(phone);
        return attempts == null ? Callee.standard() : attempts.next();
    }

    public void script(String phone, Callee callee) {
        script(phone, List.of(callee));
    }

    /** {@code perAttempt}: the first dial reaches the first callee, the second the second…, later ones the last. */
    public void script(String phone, List<Callee> perAttempt) {
        if (perAttempt.isEmpty()) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
        callees.put(phone, new Attempts(List.copyOf(perAttempt), new java.util.concurrent.atomic.AtomicInteger()));
    }

    /** The scripts by number, each with the attempts dialled so far. */
    public Map<String, Attempts> scripts() {
        return Map.copyOf(callees);
    }

    public record Attempts(List<Callee> perAttempt, java.util.concurrent.atomic.AtomicInteger dialled) {
        Callee next() {
            int n = dialled.getAndIncrement();
            return perAttempt.get(Math.min(n, perAttempt.size() - 1));
        }
    }

    public void timeScale(double scale) {
        if (scale <= 0 || scale > 10) {
            throw new IllegalArgumentException("time scale must be in (0, 10]");
        }
        timeScale = scale;
    }

    public double timeScale() {
        return timeScale;
    }

    public void reset() {
        sessions().forEach(ScenarioSession::stop);
        sessions.clear();
        callees.clear();
        timeScale = 1.0;
    }

    @Override
    public void close() {
        List<ScenarioSession> all = sessions();
        all.forEach(ScenarioSession::stop);
        // Only then close the engine: a session thread still inside JavaScript would deadlock with engine.close.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        try {
            for (ScenarioSession session : all) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !session.awaitStopped(java.time.Duration.ofNanos(left))) {
                    LOG.warn("a scenario session is still running at shutdown; closing the engine anyway");
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close(true);
    }
}
