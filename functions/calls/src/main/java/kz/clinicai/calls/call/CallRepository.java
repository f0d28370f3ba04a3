package kz.clinicai.calls.call;

import java.util.List;
import java.util.Optional;

/** The calls, their turns and state changes; every change is one atomic write. */
public interface CallRepository {

    /** Stores a call that holds no line (scheduled for later). */
    void create(Call call);

    /** What asking for a line answered. */
    enum Admission { ADMITTED, FULL, GONE }

    /**
     * Stores an active call together with one of the {@code cap} lines, in one conditional write: when all lines are
     * taken nothing is stored and the answer is false. Two requests at the cap can never both pass.
     */
    boolean createWithinCap(Call call, int cap);

    /**
     * Moves a scheduled call to pending together with one of the {@code cap} lines, in one conditional write;
     * {@code FULL} (left scheduled) when all are taken, {@code GONE} when the call is no longer scheduled.
     */
    Admission admitScheduled(String id, int cap);

    /** The calls holding a line, read consistently. */
    java.util.Set<String> lineHolders();

    /** Gives back the line a call holds (no effect when it holds none); idempotent. */
    void releaseLine(String id);

    Optional<Call> find(String id);

    /** Newest first, at most {@code limit}; {@code status} filters when present. */
    List<Call> list(Optional<CallStatus> status, int limit);

    /** Calls counted as active (pending, ringing, in progress), read from the store. */
    int countActive();

    /**
     * Moves the call to {@code next} only if it is currently one of {@code from}; false when it was not (a late or
     * repeated event: no effect). A move from an active to a non-active status gives the call's line back.
     */
    boolean transition(String id, java.util.Set<CallStatus> from, CallStatus next, String failure);

    /** Appends turns in order. */
    void appendTurns(String id, List<Turn> turns);

    void setSession(String id, String sessionId, int attempts);

    void setResult(String id, String summary, String outcomeJson);

    void setRecording(String id, String key);

    /** Replaces what the call opens with (a reminder's greeting, read again from InfoClinica as the call starts). */
    void setGreeting(String id, String greeting);

    /** A retry: back to scheduled with the next attempt time (only from a terminal no-answer/busy state). */
    boolean schedule(String id, CallStatus from, String nextAttemptAt);

    /** Scheduled calls due at or before {@code nowIso}. */
    List<Call> due(String nowIso, int limit);

    boolean onDoNotCallList(String e164);

    /**
     * Puts each number (E.164) on the do-not-call list, with {@code note} (may be null); a number already listed is
     * listed again with the new note and time (idempotent: an import may be repeated).
     */
    void addToDoNotCallList(List<String> e164s, String note);

    /** Takes the number off the list; false when it was not on it. */
    boolean removeFromDoNotCallList(String e164);

    /** The list, most recently added first, at most {@code limit}. */
    List<DoNotCallEntry> doNotCallList(int limit);

    /** The run-time settings as last saved; {@link StoredSettings#NONE} when never saved. Read consistently. */
    StoredSettings settings();

    /** Replaces the run-time settings (null fields unset); stamps {@code updatedAt}. Returns what was stored. */
    StoredSettings saveSettings(StoredSettings settings);

    /** Claims a webhook nonce once; false when it was seen before (replay). */
    boolean claimNonce(String nonce, long expiresAtEpochSecond);
}
