package kz.clinicai.calls.call;

import java.util.List;
import java.util.Map;

/**
 * A call as stored. {@code metadata} is the customer's own data, returned as given; {@code outcome} is the
 * structured after-call result (JSON object as text).
 */
public record Call(String id, String phone, CallStatus status, String mode, String language, String greeting,
                   String assistant, Map<String, String> metadata, String createdAt, String updatedAt,
                   int attempts, String nextAttemptAt, String sessionId, List<Turn> turns, String recordingKey,
                   String summary, String outcome, String failure) {

    public Call {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        turns = turns == null ? List.of() : List.copyOf(turns);
    }
}
