package kz.clinicai.analytics.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code get.call_legs_report}: who is on this leg of a call session and which recordings are its own.
 * A leg's {@code wav_call_records} is that party's own track (a public client of the same Data API found them to
 * be one track per leg, each almost only one side's voice), which is what lets the worker tell the operator from
 * the client; {@code connect_time} places the track on the call's time line.
 */
public record UisLeg(long id, long callSessionId, boolean operator, Long employeeId, String connectTime,
                     List<String> wavRecords) {

    /** The fields requested from {@code get.call_legs_report}. */
    public static final List<String> FIELDS = List.of("id", "call_session_id", "is_operator", "employee_id",
            "connect_time", "wav_call_records");

    public UisLeg {
        wavRecords = wavRecords == null ? List.of() : List.copyOf(wavRecords);
    }

    public static UisLeg of(JsonNode row) {
        List<String> wav = new ArrayList<>();
        row.path("wav_call_records").forEach(r -> wav.add(r.asText()));
        JsonNode employee = row.path("employee_id");
        JsonNode connect = row.path("connect_time");
        return new UisLeg(row.path("id").asLong(), row.path("call_session_id").asLong(),
                row.path("is_operator").asBoolean(), employee.isNumber() ? employee.asLong() : null,
                connect.isTextual() ? connect.asText() : null, wav);
    }

    /** Talked (has a connect time) and has its own track. */
    public boolean hasTrack() {
        return connectTime != null && !wavRecords.isEmpty();
    }
}
