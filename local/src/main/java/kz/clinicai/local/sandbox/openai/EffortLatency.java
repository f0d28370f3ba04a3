package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kz.clinicai.shared.json.Json;

/**
 * An optional delay per reasoning effort before a Responses answer, for benches (never for tests: the default is no
 * delay), at {@code POST /openai/_control/latency} {@code {"none": 300, "low": 700, …}} (milliseconds; an effort left
 * out keeps its value, 0 removes it). The delay applies to reasoning models only, for the effort the request names or
 * the model's default. The figures a bench sets are its stated assumptions, not OpenAI measurements.
 */
final class EffortLatency {

    private final Map<String, Long> millis = new ConcurrentHashMap<>();

    long millis(String effort) {
        return effort == null ? 0 : millis.getOrDefault(effort, 0L);
    }

    /** Applies a control body; returns the state, or throws IllegalArgumentException for a bad value. */
    ObjectNode apply(JsonNode body) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!kz.clinicai.shared.openai.ModelCapabilities.EFFORT_ORDER.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown effort '" + e.getKey() + "'; efforts are "
                        + kz.clinicai.shared.openai.ModelCapabilities.EFFORT_ORDER);
            }
            if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0 || e.getValue().asLong() > 60_000) {
                throw new IllegalArgumentException(e.getKey() + " must be 0..60000 milliseconds");
            }
            millis.put(e.getKey(), e.getValue().asLong());
        }
        return state();
    }

    ObjectNode state() {
        ObjectNode out = Json.mapper().createObjectNode();
        millis.forEach(out::put);
        return out;
    }

    void sleep(String effort) {
        long ms = millis(effort);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void reset() {
        millis.clear();
    }
}
