package kz.clinicai.calls.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.shared.json.Json;

/** A call as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CallView(@JsonProperty("call_id") String callId, String phone, String status, String mode, String language,
                @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt,
                Integer attempts, @JsonProperty("next_attempt_at") String nextAttemptAt, List<Turn> turns,
                String recording, String summary, JsonNode outcome, String failure, Map<String, String> metadata) {

    static CallView full(Call c) {
        return new CallView(c.id(), c.phone(), c.status().wire(), c.mode(), c.language(), c.createdAt(), c.updatedAt(),
                c.attempts(), c.nextAttemptAt(), c.turns(), c.recordingKey(), c.summary(), outcome(c.outcome()),
                c.failure(), c.metadata());
    }

    static CallView created(Call c) {
        return new CallView(c.id(), c.phone(), c.status().wire(), null, null, c.createdAt(), null, null,
                c.nextAttemptAt(), null, null, null, null, null, null);
    }

    static CallView brief(Call c) {
        return new CallView(c.id(), c.phone(), c.status().wire(), c.mode(), c.language(), c.createdAt(), c.updatedAt(),
                c.attempts(), c.nextAttemptAt(), null, null, c.summary(), outcome(c.outcome()), c.failure(), null);
    }

    private static JsonNode outcome(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
