package kz.clinicai.local.sandbox.uis;

import java.time.LocalDateTime;

/** One call in the simulated UIS account, with the dialogue its recording carries. */
record UisCall(long id, LocalDateTime start, int talkSeconds, int totalSeconds, String direction, boolean lost,
        String contactPhone, String virtualPhone, long communicationId, String recordHash, long employeeId,
        String employeeName, String transcript) {

    LocalDateTime finish() {
        return start.plusSeconds(totalSeconds);
    }

    boolean hasRecording() {
        return !lost && recordHash != null;
    }
}
