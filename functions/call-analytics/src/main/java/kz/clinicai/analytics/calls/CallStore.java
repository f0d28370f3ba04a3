package kz.clinicai.analytics.calls;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.analytics.uis.UisCall;

/**
 * The calls of each profile and their state machine. Every state change is conditional on the state it leaves, so
 * two workers holding the same message never both pay for a step, and the first pull to see a call is the only one
 * to queue it. {@code CallStoreContract} (local module) holds {@link DynamoDbCallStore} and the in-memory fake to
 * the same behaviour.
 */
public interface CallStore {

    /**
     * Records a call seen by the pull, with {@code enqueued = false} and an expiry (TTL) {@code keep} after now; the
     * first pull to see it is the only one that queues it.
     *
     * @return empty if this call is new (now stored), else the stored one (unchanged)
     */
    Optional<CallRecord> register(String profileId, UisCall call, CallStatus status);

    /** Its SQS message was sent (a pull that finds it false sends it again). */
    void markEnqueued(String profileId, long callId);

    /** A consistent read of the call. */
    Optional<CallRecord> find(String profileId, long callId);

    /**
     * Sets {@code values} (null values are removed) if the call is stored and its status is still {@code expected}.
     *
     * @return false if another worker moved it on (the caller re-reads and continues from there), or it is unknown
     */
    boolean advance(String profileId, long callId, CallStatus expected, Map<String, Object> values);

    /**
     * Terminal: status {@code outcome} with {@code reason}, and the row is ready for the sheet (it joins
     * {@link #pendingRows}); conditional like {@link #advance}.
     */
    boolean finish(String profileId, long callId, CallStatus expected, CallStatus outcome, String reason,
                   Map<String, Object> more);

    /**
     * Appends one step error and counts the attempt (unconditional on the status: errors are a history, whoever
     * writes them).
     *
     * @throws IllegalStateException when the call is not stored
     */
    void addError(String profileId, long callId, String step, String message);

    /**
     * A failed call back to the step it resumes at ({@link CallRecord#resumePoint}), off the sheet's queue, not
     * enqueued; its row (if written) is updated in place later.
     *
     * @return the call as reset; empty when it is unknown, not failed, or changed meanwhile
     */
    Optional<CallRecord> retry(String profileId, long callId);

    /** Calls whose row awaits the sheet, oldest call first, at most {@code max}. */
    List<CallRecord> pendingRows(String profileId, int max);

    /**
     * Before an append: this call's row is in batch {@code batchId}, outcome unknown until {@link #markWritten}.
     *
     * @return false when its row no longer awaits the sheet
     */
    boolean markAppending(String profileId, long callId, String batchId);

    /**
     * After the append (or the lookup that found the row): the ledger entry call id → range; the call leaves
     * {@link #pendingRows}.
     *
     * @return false when its row no longer awaited the sheet
     */
    boolean markWritten(String profileId, long callId, String range);

    /**
     * Calls of a profile, newest first, optionally by status and by the account-local start date prefix
     * ({@code 2026-11-30} or {@code 2026-11}), at most {@code max}.
     */
    List<CallRecord> list(String profileId, Optional<CallStatus> status, Optional<String> datePrefix, int max);
}
