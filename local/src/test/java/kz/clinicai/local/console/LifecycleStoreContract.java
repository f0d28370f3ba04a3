package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.console.lifecycle.Finding;
import kz.clinicai.console.lifecycle.Findings;
import kz.clinicai.console.lifecycle.LifecycleStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the model lifecycle check and the console rely on from a {@link LifecycleStore}: the last findings read back
 * whole (the banner and the save validation read them), and one notice per model and threshold however many runs
 * or instances try, given back when it could not be queued. Run against the in-memory twin (the check's unit
 * tests use it) and DynamoDB Local with the template's ConsoleTable.
 */
abstract class LifecycleStoreContract {

    static final int CONTENDERS = 8;

    /** A store with no findings saved yet. */
    abstract LifecycleStore store();

    private LifecycleStore store;
    private String model;

    @BeforeEach
    void newStore() {
        store = store();
        model = "contract-" + UUID.randomUUID();
    }

    static Findings findings(Instant at, String model) {
        return new Findings(at, 42, List.of(
                new Finding(model, List.of("template:ChatModel", "assistant:Регистратура"), true,
                        LocalDate.of(2027, 3, 1), "gpt-6-luna", 84L),
                new Finding(model + "-gone", List.of("assistant:old"), false, null, null, null)));
    }

    @Test
    void nothingBeforeTheFirstCheckThenTheLastFindingsWhole() {
        assertThat(store.latest()).isEmpty();

        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.save(findings(first, model));
        assertThat(store.latest()).contains(findings(first, model));

        Findings next = new Findings(first.plusSeconds(86_400), 40, List.of());
        store.save(next);
        assertThat(store.latest()).as("the last check replaces the one before").contains(next);
    }

    @Test
    void aNoticeIsClaimedOncePerModelAndThreshold() {
        Instant now = Instant.now();
        assertThat(store.claimNotice(model, 30, now)).isTrue();
        assertThat(store.claimNotice(model, 30, now.plusSeconds(86_400))).as("the next day's run").isFalse();
        assertThat(store.claimNotice(model, 7, now)).as("another threshold").isTrue();
        assertThat(store.claimNotice(model + "-other", 30, now)).as("another model").isTrue();
    }

    @Test
    void aReleasedNoticeIsClaimedAgain() {
        Instant now = Instant.now();
        assertThat(store.claimNotice(model, 0, now)).isTrue();
        store.releaseNotice(model, 0);
        assertThat(store.claimNotice(model, 0, now)).isTrue();
        assertThat(store.claimNotice(model, 0, now)).isFalse();
        store.releaseNotice(model + "-never-claimed", 60);
    }

    @Test
    void concurrentRunsSendEachNoticeOnce() throws Exception {
        CountDownLatch ready = new CountDownLatch(CONTENDERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return store.claimNotice(model, 7, Instant.now());
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
    }
}
