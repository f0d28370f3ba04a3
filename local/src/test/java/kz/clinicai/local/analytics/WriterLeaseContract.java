package kz.clinicai.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.analytics.sheets.WriterLease;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Sheets writer relies on from every {@link WriterLease}: one holder per profile at a time (two writers
 * would append the same rows twice), a lease that ends on its own (a writer that died blocks the profile only that
 * long), a release only by its holder, and a TTL that removes a lease left behind. Run against the in-memory twin
 * and DynamoDB Local with template.yaml's AnalyticsCallsTable; every test has profiles of its own.
 */
abstract class WriterLeaseContract {

    static final Duration LEASE = Duration.ofMinutes(15);

    final MovableClock clock = new MovableClock(Instant.parse("2031-05-20T08:00:00Z"));
    WriterLease lease;

    abstract WriterLease lease(MovableClock clock);

    /** The lease item's TTL attribute (epoch seconds). */
    abstract OptionalLong expiry(String profileId);

    @BeforeEach
    void newLease() {
        lease = lease(clock);
    }

    static String profile() {
        return "contract-" + UUID.randomUUID();
    }

    @Test
    void oneHolderAtATimeAndProfilesAreApart() {
        String profile = profile();
        String token = lease.acquire(profile, LEASE);
        assertThat(token).isNotNull();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(lease.acquire(profile, LEASE)).as("held until its end").isNull();
        assertThat(lease.acquire(profile(), LEASE)).as("another profile").isNotNull();
    }

    @Test
    void anExpiredLeaseIsTakenAndItsFormerHolderCannotReleaseTheNewOne() {
        String profile = profile();
        String first = lease.acquire(profile, LEASE);
        clock.advance(LEASE.plusSeconds(1));
        String second = lease.acquire(profile, LEASE);
        assertThat(second).isNotNull().isNotEqualTo(first);

        lease.release(profile, first);
        assertThat(lease.acquire(profile, LEASE)).as("still the second writer's").isNull();
        lease.release(profile, second);
        assertThat(lease.acquire(profile, LEASE)).as("released by its holder").isNotNull();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndAWrongTokenFreesNothing() {
        String profile = profile();
        String token = lease.acquire(profile, LEASE);
        lease.release(profile, "not-the-holder");
        assertThat(lease.acquire(profile, LEASE)).isNull();
        lease.release(profile, token);
        assertThat(lease.acquire(profile, LEASE)).isNotNull();
    }

    @Test
    void concurrentWritersGetExactlyOneLease() throws Exception {
        String profile = profile();
        int writers = 8;
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                tokens.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return lease.acquire(profile, LEASE);
                }));
            }
            ready.await();
            go.countDown();
            int held = 0;
            for (Future<String> t : tokens) {
                held += t.get() == null ? 0 : 1;
            }
            assertThat(held).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseLeftBehindCarriesATtlAfterItsEnd() {
        String profile = profile();
        lease.acquire(profile, LEASE);
        long end = clock.instant().plus(LEASE).getEpochSecond();
        // The TTL deletes late (up to days): it only cleans up, it must never cut a lease short.
        assertThat(expiry(profile)).isPresent();
        assertThat(expiry(profile).getAsLong()).isGreaterThan(end);
    }
}
