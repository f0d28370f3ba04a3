package kz.clinicai.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.analytics.pull.PullState;
import kz.clinicai.analytics.pull.PullState.Backfill;
import kz.clinicai.analytics.pull.PullState.Checkpoint;
import org.junit.jupiter.api.Test;

/**
 * What the UIS pull and the analytics API rely on from every {@link PullState}: a checkpoint that only moves forward
 * (a slower concurrent run never moves it back, or calls would be queued twice… or skipped), kept per profile with
 * the account's time zone, and backfill jobs that start pending at their beginning and record their progress. Run
 * against the in-memory twin and DynamoDB Local with template.yaml's AnalyticsCallsTable; every test has profiles of
 * its own.
 */
abstract class PullStateContract {

    static final LocalDateTime T = LocalDateTime.of(2026, 11, 30, 10, 15);

    abstract PullState state();

    static String profile() {
        return "contract-" + UUID.randomUUID();
    }

    @Test
    void theCheckpointMovesForwardOnlyAndKeepsTheZoneOfTheRunThatMovedIt() {
        PullState state = state();
        String profile = profile();
        assertThat(state.checkpoint(profile)).isEmpty();

        state.advance(profile, T, "Asia/Almaty");
        assertThat(state.checkpoint(profile)).contains(new Checkpoint(T, "Asia/Almaty"));

        state.advance(profile, T.minusSeconds(1), "Europe/Moscow");
        state.advance(profile, T, "Europe/Moscow");
        assertThat(state.checkpoint(profile)).as("back or equal: no change").contains(new Checkpoint(T, "Asia/Almaty"));

        // 10:15 prints without seconds, 10:15:30 with them: the order is still the time's.
        state.advance(profile, T.plusSeconds(30), "Asia/Almaty");
        assertThat(state.checkpoint(profile)).contains(new Checkpoint(T.plusSeconds(30), "Asia/Almaty"));
        state.advance(profile, T.plusDays(1), "Asia/Almaty");
        assertThat(state.checkpoint(profile).orElseThrow().until()).isEqualTo(T.plusDays(1));
        assertThat(state.checkpoint(profile())).as("another profile").isEmpty();
    }

    @Test
    void concurrentRunsLeaveTheLatestCheckpoint() throws Exception {
        PullState state = state();
        String profile = profile();
        int runs = 8;
        CountDownLatch ready = new CountDownLatch(runs);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                LocalDateTime until = T.plusMinutes(i);
                done.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    state.advance(profile, until, "Asia/Almaty");
                    return null;
                }));
            }
            ready.await();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(state.checkpoint(profile).orElseThrow().until()).isEqualTo(T.plusMinutes(runs - 1));
    }

    @Test
    void aBackfillStartsPendingAtItsBeginningAndRecordsItsProgress() {
        PullState state = state();
        String profile = profile();
        Backfill job = state.createBackfill(profile, T.minusDays(30), T, "2026-11-30T05:00:00Z");
        Backfill other = state.createBackfill(profile, T.minusDays(60), T.minusDays(30), "2026-11-30T05:01:00Z");
        state.createBackfill(profile(), T.minusDays(1), T, "2026-11-30T05:00:00Z");

        assertThat(job.id()).isNotEqualTo(other.id());
        assertThat(job).isEqualTo(new Backfill(job.id(), T.minusDays(30), T, T.minusDays(30), "pending",
                "2026-11-30T05:00:00Z"));
        assertThat(state.backfills(profile)).as("the profile's own, in id order")
                .containsExactlyElementsOf(List.of(job, other).stream()
                        .sorted((a, b) -> a.id().compareTo(b.id())).toList());

        state.progress(profile, job.id(), T.minusDays(20), false);
        assertThat(find(state, profile, job.id())).isEqualTo(new Backfill(job.id(), T.minusDays(30), T,
                T.minusDays(20), "running", "2026-11-30T05:00:00Z"));
        state.progress(profile, job.id(), T, true);
        assertThat(find(state, profile, job.id()).status()).isEqualTo("done");
        assertThat(find(state, profile, job.id()).cursor()).isEqualTo(T);
        assertThat(find(state, profile, other.id())).as("untouched").isEqualTo(other);
    }

    @Test
    void backfillsAndTheCheckpointAreApart() {
        PullState state = state();
        String profile = profile();
        state.advance(profile, T, "Asia/Almaty");
        assertThat(state.backfills(profile)).isEmpty();
        state.createBackfill(profile, T.minusDays(2), T.minusDays(1), "2026-11-30T05:00:00Z");
        assertThat(state.checkpoint(profile)).contains(new Checkpoint(T, "Asia/Almaty"));
    }

    private static Backfill find(PullState state, String profile, String id) {
        return state.backfills(profile).stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }
}
