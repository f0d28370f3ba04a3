package kz.clinicai.local;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/**
 * The thinking time benches assume per reasoning effort, set on the OpenAI simulator
 * ({@code POST /openai/_control/latency}) so that a bench of a reasoning default shows what its effort costs. These
 * are ASSUMPTIONS, not measurements: the extra time before the first output token of a short voice/chat turn
 * (a few hundred input tokens, one tool call or ≈40 tokens of text) compared with the same turn without reasoning.
 * No public figure for gpt-6-luna on turns this short was found; the only published per-effort latencies seen were
 * coding tasks (medians of seconds to tens of seconds), far longer than a turn. A non-reasoning model and effort
 * "none" add nothing.
 */
public final class EffortDelays {

    /** Milliseconds per effort (see the class comment: assumed). */
    public static final Map<String, Long> ASSUMED = assumed();

    private EffortDelays() {
    }

    private static Map<String, Long> assumed() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("none", 0L);
        m.put("minimal", 150L);
        m.put("low", 400L);
        m.put("medium", 1200L);
        m.put("high", 3000L);
        m.put("xhigh", 8000L);
        m.put("max", 15000L);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Sets the assumed delays on the stack's OpenAI simulator and says so. */
    public static void apply(Stack stack, PrintStream out) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.sandbox().mountUrl("openai") + "/_control/latency"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(ASSUMED))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the OpenAI simulator refused the latency control: " + r.body());
        }
        out.println("OpenAI simulator: ASSUMED thinking time per reasoning effort (ms, EffortDelays): " + ASSUMED);
    }
}
