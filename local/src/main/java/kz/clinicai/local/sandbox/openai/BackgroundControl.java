package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * Test knobs for background responses, at {@code POST /openai/_control/background}
 * {@code {"hold": true|false, "outcome": "completed"|"failed"|"incomplete"}}: {@code hold} keeps every background
 * response where it is when polled (to test cancelling and progress pages), {@code outcome} decides how the next
 * ones end. Reset restores auto-progress to completed.
 */
final class BackgroundControl {

    private static final Set<String> OUTCOMES = Set.of("completed", "failed", "incomplete");

    private volatile boolean hold;
    private volatile String outcome = "completed";

    boolean held() {
        return hold;
    }

    String outcome() {
        return outcome;
    }

    /** Applies a control body; returns the state, or throws IllegalArgumentException for a bad value. */
    ObjectNode apply(JsonNode body) {
        if (body.has("outcome")) {
            String o = body.get("outcome").asText();
            if (!OUTCOMES.contains(o)) {
                throw new IllegalArgumentException("outcome must be one of " + OUTCOMES);
            }
            outcome = o;
        }
        if (body.has("hold")) {
            hold = body.get("hold").asBoolean();
        }
        return state();
    }

    ObjectNode state() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("hold", hold);
        out.put("outcome", outcome);
        return out;
    }

    void reset() {
        hold = false;
        outcome = "completed";
    }
}
