package kz.clinicai.analytics.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import kz.clinicai.analytics.uis.UisCall;

/**
 * The stored state of one call of one profile (calls table, {@code pk = profileId}, {@code sk = call#<id>}).
 *
 * @param enqueued     its SQS message was sent (a pull that finds it false sends it again)
 * @param recordingKeys S3 keys of the stored recordings: the mixed ones in {@code call_records} order, then the
 *                     speakers' own tracks
 * @param tracks       the speakers' own tracks among them (empty: the call is transcribed from the mixed recording,
 *                     without speaker labels)
 * @param transcriptKey S3 key of the transcript text
 * @param analysis     the validated analysis JSON
 * @param sheetState   ledger: null (no row yet), {@code appending} (an append with this call is under way or its
 *                     outcome unknown: look the id up before appending again), {@code written}
 * @param sheetRange   the row's A1 range once written (a retried call's row is updated there, never appended again)
 * @param pendingWrite set (to the profile id) while a row awaits the sheet: the sparse index the writer reads
 * @param commentWritten the write-back's UIS comment is posted (each post adds one: never twice)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallRecord(String profileId, long callId, CallStatus status, UisCall call, boolean enqueued,
                         List<String> recordingKeys, List<SpeakerTrack> tracks, String transcriptKey, Double audioSeconds, String analysis,
                         String reason, List<StepError> errors, String sheetState, String sheetBatch,
                         String sheetRange, String pendingWrite, String processedAt, int recordingWaits,
                         Boolean commentWritten, boolean writtenBack, int attempts, String updatedAt) {

    public CallRecord {
        recordingKeys = recordingKeys == null ? List.of() : List.copyOf(recordingKeys);
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
        // Items stored before the flag existed have none.
        commentWritten = Boolean.TRUE.equals(commentWritten);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One party's own recording (a leg's WAV track): stored at {@code key}, the operator's or the client's voice,
     * starting {@code offsetSeconds} after the earliest track of the call.
     */
    public record SpeakerTrack(String key, boolean operator, double offsetSeconds) {
    }

    /** One failed attempt at a step, for the operations API. */
    public record StepError(String step, String message, String at) {
    }

    public Optional<String> transcript() {
        return Optional.ofNullable(transcriptKey);
    }

    /** The step a retry of a failed call resumes at, from what is stored. */
    public CallStatus resumePoint() {
        if (analysis != null) {
            // The analysis step reuses the stored analysis, finishes the write-back and queues the row again.
            return CallStatus.TRANSCRIBED;
        }
        if (transcriptKey != null) {
            return CallStatus.TRANSCRIBED;
        }
        if (!recordingKeys.isEmpty()) {
            return CallStatus.RECORDED;
        }
        return CallStatus.QUEUED;
    }
}
