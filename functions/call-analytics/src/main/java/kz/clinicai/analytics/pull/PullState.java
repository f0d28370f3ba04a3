package kz.clinicai.analytics.pull;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The pull's own state per profile: the checkpoint (account-local time up to which every call is safely queued, and
 * the account's time zone) and backfill jobs. {@code PullStateContract} (local module) holds
 * {@link DynamoDbPullState} and the in-memory fake to the same behaviour.
 */
public interface PullState {

    record Checkpoint(LocalDateTime until, String timeZone) {
    }

    /**
     * @param cursor account-local time up to which the job's range is queued
     * @param status {@code pending}, {@code running} or {@code done}
     */
    record Backfill(String id, LocalDateTime from, LocalDateTime till, LocalDateTime cursor, String status,
                    String createdAt) {
    }

    Optional<Checkpoint> checkpoint(String profileId);

    /** Moves the checkpoint forward only: a slower concurrent run never moves it back. */
    void advance(String profileId, LocalDateTime until, String timeZone);

    /** A new job (status {@code pending}, cursor at {@code from}) with an id of its own. */
    Backfill createBackfill(String profileId, LocalDateTime from, LocalDateTime till, String now);

    /** The profile's jobs, in id order. */
    List<Backfill> backfills(String profileId);

    /** The job's cursor, and status {@code done} or {@code running}. */
    void progress(String profileId, String backfillId, LocalDateTime cursor, boolean done);
}
