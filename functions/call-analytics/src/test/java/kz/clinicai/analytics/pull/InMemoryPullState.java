package kz.clinicai.analytics.pull;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@link PullState} in memory for unit tests. The checkpoint compares like {@link DynamoDbPullState}'s condition
 * ({@code until < :u} on the ISO strings), so the fake cannot order times differently from the table;
 * {@code PullStateContract} (local module) runs both under the same tests.
 */
public final class InMemoryPullState implements PullState {

    private final Map<String, Checkpoint> checkpoints = new HashMap<>();
    /** profile → job id → job (the id order is the table's sort-key order). */
    private final Map<String, TreeMap<String, Backfill>> backfills = new HashMap<>();

    @Override
    public synchronized Optional<Checkpoint> checkpoint(String profileId) {
        return Optional.ofNullable(checkpoints.get(profileId));
    }

    @Override
    public synchronized void advance(String profileId, LocalDateTime until, String timeZone) {
        Checkpoint current = checkpoints.get(profileId);
        if (current == null || current.until() == null
                || current.until().toString().compareTo(until.toString()) < 0) {
            checkpoints.put(profileId, new Checkpoint(until, timeZone));
        }
    }

    @Override
    public synchronized Backfill createBackfill(String profileId, LocalDateTime from, LocalDateTime till,
                                                String now) {
        Backfill job = new Backfill(UUID.randomUUID().toString(), from, till, from, "pending", now);
        backfills.computeIfAbsent(profileId, p -> new TreeMap<>()).put(job.id(), job);
        return job;
    }

    @Override
    public synchronized List<Backfill> backfills(String profileId) {
        return List.copyOf(backfills.getOrDefault(profileId, new TreeMap<>()).values());
    }

    @Override
    public synchronized void progress(String profileId, String backfillId, LocalDateTime cursor, boolean done) {
        Backfill job = backfills.getOrDefault(profileId, new TreeMap<>()).get(backfillId);
        if (job == null) {
            throw new IllegalStateException("no backfill " + backfillId + " of profile " + profileId);
        }
        backfills.get(profileId).put(backfillId, new Backfill(job.id(), job.from(), job.till(), cursor,
                done ? "done" : "running", job.createdAt()));
    }
}
