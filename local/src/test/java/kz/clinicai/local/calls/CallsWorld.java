package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.json.Json;

/**
 * The calls capability on the shared platform stack: the calls API, the Voximplant simulator's callee scripts and
 * sessions, and time zones that put "now" inside or outside calling hours (so the tests pass at any hour).
 */
final class CallsWorld {

    static final String API_KEY = "local-calls-key";
    static final String SIGNING_KEY = "local-calls-signing-key";
    /** Simulated time runs this much faster than the wall clock (playback, pauses, the scenario's timers). */
    static final double TIME_SCALE = 0.05;
    private static final AtomicLong NUMBERS = new AtomicLong(2_000_000 + System.nanoTime() % 1_000_000);
    private static boolean ready;

    private CallsWorld() {
    }

    static synchronized void boot() {
        if (!ready) {
            PlatformStackFixture.stack();
            PlatformStackFixture.sandboxPost("/voximplant/_control/time_scale", Map.of("scale", TIME_SCALE));
            ready = true;
        }
    }

    /** A fresh valid Kazakh mobile number per test (+7 701 ...), so callee scripts never collide. */
    static String newPhone() {
        return "+7701" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
    }

    static void script(String phone, String answer, List<Map<String, Object>> utterances) {
        PlatformStackFixture.sandboxPost("/voximplant/_control/callees",
                Map.of("phone", phone, "answer", answer, "utterances", utterances));
    }

    static Map<String, Object> says(String text) {
        return Map.of("text", text, "pause_ms", 300);
    }

    /** A zone whose local time now is well inside 09:00–21:00 (or well outside it). */
    static String zone(boolean inside) {
        Instant now = Instant.now();
        for (int offset = -12; offset <= 14; offset++) {
            ZoneId zone = ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
            int hour = now.atZone(zone).getHour();
            if (inside ? hour >= 10 && hour <= 19 : hour >= 0 && hour <= 6) {
                return zone.getId();
            }
        }
        throw new IllegalStateException("no zone found");
    }

    static HttpResponse<String> startCall(Map<String, Object> body) {
        return post("/calls", body, API_KEY);
    }

    static HttpResponse<String> post(String path, Object body, String key) {
        try {
            String json = Json.mapper().writeValueAsString(body);
            return key == null ? PlatformStackFixture.send("POST", PlatformStackFixture.api() + path, json)
                    : PlatformStackFixture.send("POST", PlatformStackFixture.api() + path, json, "x-api-key", key);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode call(String id) {
        HttpResponse<String> r = PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/calls/" + id, null,
                "x-api-key", API_KEY);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /calls/" + id + " answered " + r.statusCode() + ": " + r.body());
        }
        return PlatformStackFixture.json(r);
    }

    /** Polls GET /calls/{id} until its status is one of {@code statuses} and, when asked, it has a summary. */
    static JsonNode awaitStatus(String id, Set<String> statuses, boolean withSummary) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = call(id);
            if (statuses.contains(last.path("status").asText()) && (!withSummary || last.hasNonNull("summary"))) {
                // a scenario error (a refused API, a phrase without a voice, a throwing handler) fails the call's test
                assertThat(lines(id, "error")).as("scenario errors in the simulator's session of " + id).isEmpty();
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("call " + id + " never reached " + statuses + "; last: " + last + "\nsimulator: "
                + session(id).map(JsonNode::toString).orElse("(no session)"));
    }

    /** The simulator's session of this call (custom data = call id). */
    static Optional<JsonNode> session(String callId) {
        for (JsonNode s : PlatformStackFixture.sandboxGet("/voximplant/_sessions").path("sessions")) {
            if (callId.equals(s.path("custom_data").asText())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Lines of one kind in the simulator's session log ("bot", "callee", "event", "http"). */
    static List<String> lines(String callId, String kind) {
        List<String> out = new ArrayList<>();
        session(callId).ifPresent(s -> s.path("lines").forEach(l -> {
            if (kind.equals(l.path("kind").asText())) {
                out.add(l.path("text").asText());
            }
        }));
        return out;
    }

    /** Turns as "role|note|text". */
    static List<String> turns(JsonNode call) {
        List<String> out = new ArrayList<>();
        call.path("turns").forEach(t -> out.add(t.path("role").asText() + "|" + t.path("note").asText("") + "|"
                + t.path("text").asText()));
        return out;
    }

    /** The Responses requests the OpenAI sandbox received whose input mentions {@code text}. */
    static List<JsonNode> modelRequestsMentioning(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : PlatformStackFixture.sandboxGet("/openai/_requests").path("data")) {
            if (r.path("path").asText().endsWith("/responses") && r.path("body").toString().contains(text)) {
                out.add(r);
            }
        }
        return out;
    }
}
