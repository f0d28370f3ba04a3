package kz.clinicai.local.sandbox.voximplant.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import kz.clinicai.shared.json.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running scenario: the scenario's JavaScript in its own GraalJS context, driven by one event-loop thread (JS
 * is single-threaded, as in VoxEngine), against simulated call legs, ASR, AMD and a scripted callee. Simulated
 * durations (playback, pauses, dialling, the scenario's own timers) are multiplied by {@code timeScale} so tests run
 * fast while a person watching the page sees a natural pace at 1.0. {@code Net.httpRequestAsync} makes real HTTP
 * requests (the function URL of the local stack).
 */
public final class ScenarioSession {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioSession.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(6)).build();
    /** VoxEngine's limit on a whole Net.httpRequestAsync. */
    private static final Duration HTTP_TOTAL = Duration.ofSeconds(90);
    private static final int MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

    /** A response over VoxEngine's 2 MB: Net answers code -9 and no text. */
    private static final class ResponseTooLarge extends IOException {
    }

    /** A stored recording: its WAV, or gone (the URL answers 404). */
    public record Recording(byte[] wav, boolean gone, boolean secure) {
    }

    private final class Leg {
        final String id;
        final String number;
        final boolean operator;
        final Callee callee;
        String amd;
        String asr;
        String state = "dialing";
        Object playing;
        String playingText;
        /** Recorders this leg sends its media to (call.sendMediaTo(recorder)). */
        final List<Rec> media = new ArrayList<>();
        /** The whole-call recording of call.record(): RecordStopped comes only after Disconnected. */
        Rec callRecord;
        int next;
        Realtime realtime;

        Leg(String id, String number, boolean operator, Callee callee) {
            this.id = id;
            this.number = number;
            this.operator = operator;
            this.callee = callee;
        }

        boolean live() {
            return state.equals("connected");
        }
    }

    /** A recording: a Recorder (VoxEngine.createRecorder) or call.record()'s whole-call recording. */
    private final class Rec {
        final String id;
        final String url;
        boolean secure;
        final StringBuilder words = new StringBuilder();
        boolean gone;
        boolean started;
        boolean stopped;

        Rec(String id, boolean secure) {
            this.id = id;
            this.secure = secure;
            this.url = recordBaseUrl + "/" + ScenarioSession.this.id + "/" + id + ".wav";
        }

        void hear(String text, boolean willBeGone) {
            if (!stopped) {
                words.append(words.isEmpty() ? "" : " ").append(text);
                gone |= willBeGone;
            }
        }

        /** Stores the WAV the URL serves; returns its duration in seconds. */
        double store() {
            stopped = true;
            String text = words.toString();
            double seconds = Math.max(0.5, text.isBlank() ? 0.5 : text.split("\\s+").length * 0.32);
            recordings.put(id + ".wav", new Recording(SandboxAudio.wav(text, seconds), gone, secure));
            return seconds;
        }
    }

    /** SIMPLIFICATION of OpenAI Realtime: turn-based, answered by the OpenAI sandbox's Responses rule model. */
    private final class Realtime {
        final String id;
        final String model;
        String instructions = "";
        JsonNode tools = Json.mapper().createArrayNode();
        final com.fasterxml.jackson.databind.node.ArrayNode history = Json.mapper().createArrayNode();
        Object speaking;
        Leg leg;

        Realtime(String id, String model) {
            this.id = id;
            this.model = model;
        }
    }

    private final Map<String, Realtime> realtimes = new LinkedHashMap<>();
    private final Map<String, Rec> recorders = new LinkedHashMap<>();
    private Value dispatcher;
    private final String openAiBaseUrl;
    private final String id;
    private final String customData;
    private final String script;
    private final double timeScale;
    private final String recordBaseUrl;
    private final Function<String, Callee> callees;
    private final Engine engine;
    private final SessionLog log = new SessionLog();
    private final ScheduledExecutorService loop;
    private final Map<String, Leg> legs = new LinkedHashMap<>();
    private final Map<Integer, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Runnable onEnd;
    private Context js;
    private volatile boolean ended;

    public ScenarioSession(String id, String customData, String script, double timeScale, String recordBaseUrl,
                           Function<String, Callee> callees, Engine engine, Runnable onEnd, String openAiBaseUrl) {
        this.openAiBaseUrl = openAiBaseUrl;
        this.id = id;
        this.customData = customData == null ? "" : customData;
        this.script = script;
        this.timeScale = timeScale;
        this.recordBaseUrl = recordBaseUrl;
        this.callees = callees;
        this.engine = engine;
        this.onEnd = onEnd;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voxengine-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    public String id() {
        return id;
    }

    public String customData() {
        return customData;
    }

    public SessionLog log() {
        return log;
    }

    public boolean ended() {
        return ended;
    }

    public Recording recording(String name) {
        return recordings.get(name);
    }

    /** Loads the simulated VoxEngine and the scenario, then fires AppEvents.Started. */
    public void start(String prelude) {
        log.status("running");
        loop.execute(() -> {
            try {
                js = Context.newBuilder("js").engine(engine)
                        .allowHostAccess(HostAccess.newBuilder().allowAccessAnnotatedBy(HostAccess.Export.class).build())
                        .build();
                // The prelude is a function of (global, host) returning the dispatcher: nothing internal is global.
                Value init = js.eval(Source.newBuilder("js", prelude, "voxengine-sandbox.js").buildLiteral());
                dispatcher = init.execute(js.eval("js", "globalThis"), new Host()).getMember("dispatch");
                js.eval(Source.newBuilder("js", script, "scenario.js").buildLiteral());
                log.add("event", "AppEvents.Started (custom data " + customData + ")");
                dispatch("app", "Application.Started", Map.of("customData", customData));
            } catch (PolyglotException e) {
                fail("scenario failed to load: " + e.getMessage());
            }
        });
    }

    // ---- the loop ---------------------------------------------------------------------------------------------

    private void later(long simulatedMs, Runnable task) {
        if (ended) {
            return;
        }
        try {
            loop.schedule(() -> guarded(task), Math.max(0, Math.round(simulatedMs * timeScale)), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the session ended meanwhile
        }
    }

    private void guarded(Runnable task) {
        if (ended) {
            return;
        }
        try {
            task.run();
        } catch (PolyglotException e) {
            log.add("error", "scenario error: " + e.getMessage());
            LOG.warn("scenario {} error: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            log.add("error", "simulator error: " + e);
            LOG.warn("scenario {} simulator error", id, e);
        }
    }

    private void dispatch(String target, String event, Map<String, Object> data) {
        if (ended || js == null) {
            return;
        }
        try {
            dispatcher.execute(target, event, Json.mapper().writeValueAsString(data));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fail(String message) {
        log.add("error", message);
        LOG.warn("scenario {}: {}", id, message);
        end("failed");
    }

    private void end(String status) {
        if (ended) {
            return;
        }
        ended = true;
        log.status(status);
        timers.values().forEach(f -> f.cancel(false));
        try {
            loop.execute(() -> {
                if (js != null) {
                    js.close(true);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // already stopping
        }
        loop.shutdown();
        onEnd.run();
    }

    /** Stops the session from outside (sandbox reset, shutdown). */
    public void stop() {
        if (!ended) {
            log.add("event", "session stopped by the sandbox");
        }
        end(ended ? log.status() : "stopped");
        loop.shutdownNow();
    }

    /**
     * Waits until the session's thread has left JavaScript (after {@link #stop}). Closing the shared engine while a
     * session thread is still creating or evaluating its context deadlocks in Truffle (the closer holds the engine's
     * lock and waits for the context's threads; the session thread waits for that lock), which once hung the build.
     */
    public boolean awaitStopped(java.time.Duration timeout) throws InterruptedException {
        return loop.awaitTermination(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    // ---- call simulation --------------------------------------------------------------------------------------

    private String callPstn(JsonNode a) {
        String number = a.path("number").asText();
        boolean operator = legs.values().stream().anyMatch(l -> !l.operator);
        Callee callee = operator ? new Callee("human", List.of()) : callees.apply(number);
        Leg leg = new Leg("call-" + ids.incrementAndGet(), number, operator, callee);
        leg.amd = a.hasNonNull("amd") ? a.get("amd").asText() : null;
        legs.put(leg.id, leg);
        if (!operator) {
            log.phone(number);
        }
        log.add("event", (operator ? "callPSTN operator " : "callPSTN ") + number);
        switch (callee.answer()) {
            case "busy" -> later(1500, () -> failed(leg, 486, "Busy Here"));
            case "no_answer" -> later(4000, () -> failed(leg, 480, "Temporarily Unavailable"));
            case "failed" -> later(800, () -> failed(leg, 404, "Not Found"));
            default -> later(1200, () -> connected(leg));
        }
        return "{\"id\":\"" + leg.id + "\"}";
    }

    private void failed(Leg leg, int code, String reason) {
        leg.state = "failed";
        log.add("event", "CallEvents.Failed " + code + " " + reason + (leg.operator ? " (operator)" : ""));
        dispatch(leg.id, "Call.Failed", Map.of("code", code, "reason", reason));
    }

    private void connected(Leg leg) {
        leg.state = "connected";
        log.add("event", "CallEvents.Connected" + (leg.operator ? " (operator)" : ""));
        dispatch(leg.id, "Call.Connected", Map.of());
        if (leg.amd != null) {
            boolean voicemail = leg.callee.answer().equals("voicemail");
            later(voicemail ? 2500 : 1500, () -> {
                if (leg.live()) {
                    String result = voicemail ? "VOICEMAIL" : "HUMAN";
                    log.add("event", "AMD.DetectionComplete " + result);
                    // confidence: 0 (uncertain) … 100 (certain), as declared
                    dispatch(leg.amd, "AMD.Events.DetectionComplete", Map.of("resultClass", result, "confidence", 93,
                            "callId", leg.id));
                }
            });
        }
        if (leg.operator) {
            // The operator talks with the callee (not simulated), then hangs up.
            later(4000, () -> hangupBy(leg, "operator hung up"));
        }
    }

    private void say(Leg leg, JsonNode a) {
        if (!leg.live()) {
            return;
        }
        String text = a.path("text").asText();
        String voice = a.path("voice").asText("");
        if (voice.isEmpty()) {
            // What VoxEngine does with a phrase and no voice: its default English voice reads Russian or Kazakh text.
            log.add("error", "Call.say without a voice: VoxEngine reads it with its default voice (Amazon en_US_Joanna)");
        }
        log.add("bot", text);
        LOG.info("scenario {} says [{}]: {}", id, voice, text);
        Object token = new Object();
        leg.playing = token;
        leg.playingText = text;
        long duration = Math.max(600, text.length() * 55L);
        later(duration, () -> {
            if (leg.playing == token && leg.live()) {
                leg.playing = null;
                dispatch(leg.id, "Call.PlaybackFinished", Map.of());
                calleeTurn(leg);
            }
        });
        Callee.Utterance next = nextUtterance(leg);
        if (next != null && next.interrupt() && leg.asr != null) {
            leg.next++;
            later(duration / 3, () -> {
                if (leg.playing == token && leg.live()) {
                    speak(leg, next, true);
                }
            });
        }
    }

    private Callee.Utterance nextUtterance(Leg leg) {
        return leg.operator || leg.next >= leg.callee.utterances().size() ? null : leg.callee.utterances().get(leg.next);
    }

    /** The bot's phrase ended: the callee answers after a pause, stays silent, hangs up, or has nothing left. */
    private void calleeTurn(Leg leg) {
        if (leg.operator || !leg.callee.answer().equals("human")) {
            return;
        }
        Callee.Utterance u = nextUtterance(leg);
        if (u == null) {
            later(6000, () -> hangupBy(leg, "callee hung up (nothing more to say)"));
            return;
        }
        leg.next++;
        if (u.silence()) {
            log.add("callee", "(silence)");
            return;
        }
        if (u.hangup()) {
            later(u.pauseMs(), () -> hangupBy(leg, "callee hung up"));
            return;
        }
        later(u.pauseMs(), () -> speak(leg, u, false));
    }

    private void speak(Leg leg, Callee.Utterance u, boolean overBot) {
        if (!leg.live()) {
            return;
        }
        log.add("callee", u.text() + (overBot ? "  (interrupts)" : ""));
        if (leg.realtime != null) {
            Realtime rt = leg.realtime;
            dispatch(rt.id, "OpenAI.RealtimeAPI.InputAudioBufferSpeechStarted", server("input_audio_buffer.speech_started", Map.of()));
            long took = Math.max(500, u.text().split("\\s+").length * 320L);
            later(took, () -> {
                if (!leg.live() || leg.realtime != rt) {
                    return;
                }
                dispatch(rt.id, "OpenAI.RealtimeAPI.ConversationItemInputAudioTranscriptionCompleted",
                        server("conversation.item.input_audio_transcription.completed", Map.of("transcript", u.text())));
                rt.history.add(Json.mapper().createObjectNode().put("role", "user").put("content", u.text()));
                respond(rt);
            });
            return;
        }
        if (leg.asr != null) {
            dispatch(leg.asr, "ASR.CaptureStarted", Map.of());
        }
        if (overBot && leg.playing != null) {
            log.add("event", "the callee talks over the bot's phrase: \"" + leg.playingText + "\"");
        }
        long duration = Math.max(500, u.text().split("\\s+").length * 320L);
        later(duration, () -> {
            if (!leg.live()) {
                return;
            }
            leg.media.forEach(r -> r.hear(u.text(), u.recordGone()));
            if (leg.callRecord != null) {
                leg.callRecord.hear(u.text(), u.recordGone());
            }
            if (leg.asr != null) {
                String asr = leg.asr;
                // the documented order: the speech is captured, then recognised
                dispatch(asr, "ASR.SpeechCaptured", Map.of());
                if (asr.equals(leg.asr)) {
                    dispatch(asr, "ASR.Result", Map.of("text", u.text(), "confidence", 92));
                }
            }
        });
    }

    /** One model turn of the stand-in: the sandbox's Responses rule model with the session's instructions and tools. */
    private void respond(Realtime rt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "gpt-6-luna");
        body.put("instructions", rt.instructions);
        body.put("input", rt.history.deepCopy());
        List<Object> tools = new ArrayList<>();
        rt.tools.forEach(t -> {
            Map<String, Object> tool = Json.mapper().convertValue(t, Map.class);
            tool.put("strict", true);
            tools.add(tool);
        });
        body.put("tools", tools);
        body.put("store", false);
        String json;
        try {
            json = Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(openAiBaseUrl + "/responses")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer sandbox-openai-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        Thread.startVirtualThread(() -> {
            JsonNode answer;
            try {
                answer = Json.mapper().readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
            } catch (IOException e) {
                later(0, () -> dispatch(rt.id, "OpenAI.RealtimeAPI.Error", serverError("server_error", null, String.valueOf(e.getMessage()))));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            later(0, () -> answered(rt, answer));
        });
    }

    private void answered(Realtime rt, JsonNode answer) {
        if (rt.leg == null || !rt.leg.live()) {
            return;
        }
        if (answer.path("error").isObject()) {
            log.add("error", "realtime stand-in: " + answer.path("error").path("message").asText());
            dispatch(rt.id, "OpenAI.RealtimeAPI.Error", serverError("server_error", null, answer.path("error").path("message").asText()));
            return;
        }
        for (JsonNode item : answer.path("output")) {
            if (item.path("type").asText().equals("function_call")) {
                rt.history.add(Json.mapper().createObjectNode().put("type", "function_call")
                        .put("call_id", item.path("call_id").asText()).put("name", item.path("name").asText())
                        .put("arguments", item.path("arguments").asText()));
                log.add("event", "realtime function call " + item.path("name").asText());
                dispatch(rt.id, "OpenAI.RealtimeAPI.ResponseFunctionCallArgumentsDone", server("response.function_call_arguments.done",
                        Map.of("name", item.path("name").asText(), "call_id", item.path("call_id").asText(),
                                "arguments", item.path("arguments").asText())));
                return;
            }
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : answer.path("output")) {
            item.path("content").forEach(c -> text.append(c.path("text").asText("")));
        }
        String said = text.toString().trim();
        rt.history.add(Json.mapper().createObjectNode().put("role", "assistant").put("content", said));
        log.add("bot", said + "  (realtime voice)");
        dispatch(rt.id, "OpenAI.RealtimeAPI.ResponseOutputAudioTranscriptDone", server("response.output_audio_transcript.done",
                Map.of("transcript", said)));
        Object token = new Object();
        rt.speaking = token;
        later(Math.max(600, said.length() * 55L), () -> {
            if (rt.speaking == token && rt.leg != null && rt.leg.live()) {
                rt.speaking = null;
                dispatch(rt.id, "OpenAI.RealtimeAPI.ResponseDone", server("response.done", Map.of()));
                calleeTurn(rt.leg);
            }
        });
        Callee.Utterance next = nextUtterance(rt.leg);
        if (next != null && next.interrupt()) {
            rt.leg.next++;
            Leg leg = rt.leg;
            later(Math.max(600, said.length() * 55L) / 3, () -> {
                if (rt.speaking == token) {
                    speak(leg, next, true);
                }
            });
        }
    }

    private String realtimeCommand(Realtime rt, String op, JsonNode a) {
        switch (op) {
            case "sessionUpdate" -> {
                RealtimeSessionShape.Refusal refusal = RealtimeSessionShape.check(a, "realtime");
                if (refusal != null) {
                    log.add("error", "realtime session.update refused: " + refusal.message());
                    later(20, () -> dispatch(rt.id, "OpenAI.RealtimeAPI.Error",
                            serverError(refusal.code(), refusal.param(), refusal.message())));
                    return "{}";
                }
                JsonNode session = a.path("session");
                if (session.has("instructions")) {
                    rt.instructions = session.path("instructions").asText("");
                }
                if (session.has("tools")) {
                    rt.tools = session.path("tools");
                }
                log.add("event", "realtime session.update (voice " + session.path("audio").path("output").path("voice").asText("-")
                        + ", transcription " + session.path("audio").path("input").path("transcription").path("model").asText("-")
                        + ", " + rt.tools.size() + " tools)");
                Map<String, Object> updated = Json.mapper().convertValue(session, Map.class);
                updated.put("model", rt.model);
                later(20, () -> dispatch(rt.id, "OpenAI.RealtimeAPI.SessionUpdated", server("session.updated",
                        Map.of("session", updated))));
            }
            case "conversationItemCreate" -> rt.history.add(a.path("item"));
            case "responseCreate" -> respond(rt);
            case "clearMediaBuffer" -> {
                if (rt.speaking != null) {
                    rt.speaking = null;
                    log.add("event", "realtime clearMediaBuffer() — barge-in");
                }
            }
            case "close" -> {
                if (rt.leg != null) {
                    rt.leg.realtime = null;
                }
                rt.leg = null;
                log.add("event", "realtime client closed");
            }
            case "stopMediaTo", "sendMediaTo" -> log.add("event", "realtime " + op + " " + a.path("target").asText());
            case "responseCancel", "inputAudioBufferClear" -> log.add("event", "realtime " + op);
            default -> throw new IllegalArgumentException("unsupported " + op);
        }
        return "{}";
    }

    /** call.record(): the whole call; RecordStarted now, RecordStopped only after Disconnected (as documented). */
    private void record(Leg leg, JsonNode params) {
        if (leg.callRecord != null) {
            return;
        }
        Rec rec = new Rec("record-" + ids.incrementAndGet(), params.path("secure").asBoolean(false) || leg.callee.secureRecords());
        leg.callRecord = rec;
        log.add("event", "call.record() — the whole call until it ends");
        later(50, () -> dispatch(leg.id, "Call.RecordStarted", Map.of("url", rec.url)));
    }

    private void disconnected(Leg leg) {
        dispatch(leg.id, "Call.Disconnected", Map.of());
        Rec rec = leg.callRecord;
        if (rec != null) {
            double seconds = rec.store();
            later(100, () -> dispatch(leg.id, "Call.RecordStopped", Map.of("url", rec.url, "cost", "0.0000",
                    "duration", seconds)));
        }
    }

    /** call.sendMediaTo(recorder): the recorder starts with the first media it gets; its URL comes with Started. */
    private void attach(Leg leg, Rec rec) {
        if (rec.stopped || leg.media.contains(rec)) {
            return;
        }
        leg.media.add(rec);
        rec.secure |= leg.callee.secureRecords();
        if (!rec.started) {
            rec.started = true;
            log.add("event", "Recorder " + rec.id + " started");
            later(50, () -> dispatch(rec.id, "Recorder.Started", Map.of("url", rec.url)));
        }
    }

    private void stopRecorder(Rec rec) {
        if (rec.stopped) {
            return;
        }
        legs.values().forEach(l -> l.media.remove(rec));
        double seconds = rec.store();
        log.add("event", "Recorder.Stopped " + rec.url + (rec.gone ? " (this recording will be gone: 404)" : ""));
        later(100, () -> dispatch(rec.id, "Recorder.Stopped", Map.of("cost", "0.0000", "duration", seconds)));
    }

    /** An OpenAI Realtime server event as Voximplant delivers it: in data.payload. */
    private static Map<String, Object> server(String type, Map<String, Object> fields) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("event_id", "event_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        payload.putAll(fields);
        return Map.of("data", Map.of("payload", payload));
    }

    private static Map<String, Object> serverError(String code, String param, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "invalid_request_error");
        error.put("code", code);
        error.put("message", message);
        error.put("param", param);
        error.put("event_id", null);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("error", error);
        return server("error", fields);
    }

    private void hangup(Leg leg) {
        if (!leg.live() && !leg.state.equals("dialing")) {
            return;
        }
        leg.state = "disconnected";
        leg.playing = null;
        log.add("event", "call.hangup()" + (leg.operator ? " (operator)" : ""));
        later(50, () -> disconnected(leg));
    }

    private void hangupBy(Leg leg, String why) {
        if (!leg.live()) {
            return;
        }
        leg.state = "disconnected";
        leg.playing = null;
        log.add("event", why);
        disconnected(leg);
    }

    // ---- the host object the simulated VoxEngine calls --------------------------------------------------------

    /** Methods the prelude calls; all run on the loop thread (inside JS). */
    public final class Host {

        @HostAccess.Export
        public String customData() {
            return customData;
        }

        @HostAccess.Export
        public void log(String text) {
            log.add("log", text);
        }

        @HostAccess.Export
        public String command(String target, String op, String json) throws IOException {
            JsonNode a = Json.mapper().readTree(json);
            if (target.equals("app")) {
                return switch (op) {
                    case "callPSTN" -> callPstn(a);
                    case "createASR" -> {
                        String asr = "asr-" + ids.incrementAndGet();
                        log.add("event", "createASR " + a.path("profile").asText());
                        yield "{\"id\":\"" + asr + "\"}";
                    }
                    case "createAMD" -> "{\"id\":\"amd-" + ids.incrementAndGet() + "\"}";
                    case "createRecorder" -> {
                        Rec rec = new Rec("recorder-" + ids.incrementAndGet(), a.path("secure").asBoolean(false));
                        recorders.put(rec.id, rec);
                        yield "{\"id\":\"" + rec.id + "\"}";
                    }
                    case "createRealtime" -> {
                        Realtime rt = new Realtime("openai-" + ids.incrementAndGet(), a.path("model").asText());
                        realtimes.put(rt.id, rt);
                        log.add("event", "OpenAI.createRealtimeAPIClient(" + a.path("model").asText()
                                + ", key " + (a.path("apiKey").asText().startsWith("ek_") ? "ephemeral" : "NOT ephemeral")
                                + ") — SIMPLIFIED stand-in: turn-based, the OpenAI sandbox's rule model answers");
                        // the Realtime API greets every new connection with session.created
                        later(30, () -> dispatch(rt.id, "OpenAI.RealtimeAPI.SessionCreated", server("session.created",
                                Map.of("session", Map.of("type", "realtime", "model", rt.model)))));
                        yield "{\"id\":\"" + rt.id + "\"}";
                    }
                    case "sendMediaBetween" -> {
                        Realtime rt = realtimes.get(a.path("b").asText());
                        Leg bridged = legs.get(a.path("a").asText());
                        if (rt != null && bridged != null) {
                            rt.leg = bridged;
                            bridged.realtime = rt;
                            log.add("event", "sendMediaBetween " + bridged.id + " ↔ " + rt.id + " (callee talks to the realtime model)");
                            yield "{}";
                        }
                        log.add("event", "sendMediaBetween " + a.path("a").asText() + " ↔ " + a.path("b").asText()
                                + " (callee bridged to the operator)");
                        yield "{}";
                    }
                    case "terminate" -> {
                        log.add("event", "VoxEngine.terminate()");
                        later(0, () -> end("finished"));
                        yield "{}";
                    }
                    default -> "{}";
                };
            }
            if (realtimes.containsKey(target)) {
                return realtimeCommand(realtimes.get(target), op, a);
            }
            if (recorders.containsKey(target) && op.equals("stop")) {
                stopRecorder(recorders.get(target));
                return "{}";
            }
            if (target.startsWith("asr-") && op.equals("stop")) {
                legs.values().forEach(l -> {
                    if (target.equals(l.asr)) {
                        l.asr = null;
                    }
                });
                return "{}";
            }
            Leg leg = legs.get(target);
            if (leg == null) {
                throw new IllegalArgumentException("no call " + target);
            }
            switch (op) {
                case "say" -> say(leg, a);
                case "stopPlayback" -> {
                    if (leg.playing != null) {
                        leg.playing = null;
                        log.add("event", "call.stopPlayback() — barge-in");
                    }
                }
                case "record" -> record(leg, a);
                case "hangup" -> hangup(leg);
                case "sendMediaTo" -> {
                    String unit = a.path("target").asText();
                    if (recorders.containsKey(unit)) {
                        attach(leg, recorders.get(unit));
                    } else if (unit.startsWith("asr-")) {
                        leg.asr = unit;
                    } else {
                        throw new IllegalArgumentException("the sandbox does not simulate call.sendMediaTo(" + unit
                                + "); use VoxEngine.sendMediaBetween for two-way media");
                    }
                }
                case "stopMediaTo" -> {
                    String unit = a.path("target").asText();
                    if (recorders.containsKey(unit)) {
                        leg.media.remove(recorders.get(unit));
                    } else if (unit.equals(leg.asr)) {
                        leg.asr = null;
                    } else if (leg.realtime != null && unit.equals(leg.realtime.id)) {
                        log.add("event", "the callee is no longer heard by " + unit);
                        leg.realtime.leg = null;
                        leg.realtime = null;
                    }
                }
                default -> throw new IllegalArgumentException("unsupported " + op);
            }
            return "{}";
        }

        @HostAccess.Export
        public void http(String url, String optionsJson, Value callback) throws IOException {
            JsonNode o = Json.mapper().readTree(optionsJson);
            String method = o.path("method").asText("GET");
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TOTAL);
            // headers: {name: value}, as declared (the prelude refuses any other shape)
            o.path("headers").fields().forEachRemaining(h -> b.header(h.getKey(), h.getValue().asText()));
            if (o.path("timeout").isNumber()) {
                // "The value can be only decreased" (below VoxEngine's 90 s)
                b.timeout(Duration.ofMillis(Math.min(HTTP_TOTAL.toMillis(), Math.round(o.path("timeout").asDouble() * 1000))));
            }
            String body = o.path("postData").asText("");
            b.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            String label = method + " " + url + (body.contains("\"type\"") ? " " + Json.mapper().readTree(body).path("type").asText("") : "");
            HttpRequest request = b.build();
            Thread.startVirtualThread(() -> {
                Map<String, Object> result = new HashMap<>();
                long t0 = System.nanoTime();
                try {
                    HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    byte[] bytes = r.body();
                    if (bytes.length > MAX_RESPONSE_BYTES) {
                        throw new ResponseTooLarge();
                    }
                    result.put("code", r.statusCode());
                    result.put("text", new String(bytes, StandardCharsets.UTF_8));
                    // headers: [{key, value}], as HttpRequestResult declares them
                    List<Map<String, String>> headers = new ArrayList<>();
                    r.headers().map().forEach((k, v) -> headers.add(Map.of("key", k, "value", String.join(",", v))));
                    result.put("headers", headers);
                } catch (ResponseTooLarge e) {
                    // HttpRequestResult.code, as declared: -9 server response is larger than 2 MB
                    result.put("code", -9);
                    result.put("error", "response larger than 2 MB");
                } catch (HttpTimeoutException e) {
                    // -7 Timeout (-2 is "Malformed URL")
                    result.put("code", -7);
                    result.put("error", "timeout");
                } catch (java.net.ConnectException e) {
                    // -4 Connection error
                    result.put("code", -4);
                    result.put("error", String.valueOf(e.getMessage()));
                } catch (IOException e) {
                    // -6 Network error
                    result.put("code", -6);
                    result.put("error", String.valueOf(e.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ended) {
                    return;
                }
                later(0, () -> guarded(() -> {
                    log.add("http", label + " → " + result.get("code") + " in " + ms + " ms");
                    try {
                        callback.execute(Json.mapper().writeValueAsString(result));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            });
        }

        @HostAccess.Export
        public int setTimeout(Value fn, double ms) {
            int timer = ids.incrementAndGet();
            if (ended) {
                return timer;
            }
            try {
                ScheduledFuture<?> f = loop.schedule(() -> guarded(() -> {
                    timers.remove(timer);
                    fn.executeVoid();
                }), Math.max(0, Math.round(ms * timeScale)), TimeUnit.MILLISECONDS);
                timers.put(timer, f);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the session ended meanwhile
            }
            return timer;
        }

        @HostAccess.Export
        public void clearTimeout(int timer) {
            ScheduledFuture<?> f = timers.remove(timer);
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** Legs for the page: id → state. */
    public List<String> legsSummary() {
        List<String> out = new ArrayList<>();
        legs.values().forEach(l -> out.add(l.id + " " + l.number + " " + l.state));
        return out;
    }
}
