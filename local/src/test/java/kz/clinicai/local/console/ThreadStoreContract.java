package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import kz.clinicai.console.api.ThreadStore;
import kz.clinicai.console.api.ThreadStore.Pending;
import kz.clinicai.console.api.ThreadStore.RunRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console's API relies on from a {@link ThreadStore}: a caller sees only their own threads and runs, the
 * messages waiting for a run come back in the order they were added and only those sent are cleared, and a run's
 * usage is recorded once however many polls finish it. Run on {@code DynamoDbThreadStore} over the in-memory table
 * twin and over DynamoDB Local's ConsoleTable (threads of their own).
 */
abstract class ThreadStoreContract {

    static final int CONTENDERS = 8;

    /** A store on {@code clock}. */
    abstract ThreadStore threads(Clock clock);

    private ThreadStore threads;
    private String thread;

    @BeforeEach
    void newThread() {
        // Each reading of the clock is a millisecond later: messages added in a row have distinct times.
        AtomicLong millis = new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
        threads = threads(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.getAndIncrement());
            }
        });
        thread = "conv_contract_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aThreadAndItsRunsBelongToTheirOwner() {
        threads.saveThread(thread, "a@example.kz");
        RunRecord run = new RunRecord(thread, "resp_1", "asst_1", "Регистратура", "a@example.kz");
        threads.saveRun(run);

        assertThat(threads.ownedBy(thread, "a@example.kz")).isTrue();
        assertThat(threads.ownedBy(thread, "b@example.kz")).isFalse();
        assertThat(threads.ownedBy(thread + "x", "a@example.kz")).isFalse();
        assertThat(threads.run(thread, "resp_1")).contains(run);
        assertThat(threads.run(thread, "resp_2")).isEmpty();
    }

    @Test
    void pendingMessagesComeBackInOrderAndOnlyTheSentAreCleared() {
        for (int i = 1; i <= 12; i++) {
            threads.addPending(thread, "message " + i);
        }
        List<Pending> sent = threads.pending(thread);
        assertThat(sent).extracting(Pending::text).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> "message " + i).toList());

        threads.addPending(thread, "typed while the run started");
        threads.clearPending(thread, sent);

        assertThat(threads.pending(thread)).extracting(Pending::text).containsExactly("typed while the run started");
        assertThat(threads.pending(thread + "x")).isEmpty();
    }

    @Test
    void aRunsUsageIsClaimedOnceAndOnlyForAKnownRun() throws Exception {
        assertThat(threads.claimUsage(thread, "resp_unknown")).isFalse();
        threads.saveRun(new RunRecord(thread, "resp_1", "asst_1", "A", "a@example.kz"));

        CountDownLatch ready = new CountDownLatch(CONTENDERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return threads.claimUsage(thread, "resp_1");
                }));
            }
            ready.await();
            go.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnlyOnce(true);
        } finally {
            pool.shutdownNow();
        }
        assertThat(threads.claimUsage(thread, "resp_1")).isFalse();
        assertThat(threads.run(thread, "resp_1")).as("the run is still readable").isPresent();
    }
}
