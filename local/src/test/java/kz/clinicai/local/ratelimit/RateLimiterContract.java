package kz.clinicai.local.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import kz.clinicai.shared.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do; run against the in-memory twin (unit test) and against DynamoDB Local
 * with both template tables that hold counters (IT), so the fake cannot drift from the real one. Every test uses
 * keys of its own: the DynamoDB tables outlive a test.
 */
abstract class RateLimiterContract {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Instant WINDOW_START = Instant.parse("2031-05-20T08:00:00Z");

    abstract RateLimiter limiter();

    static String key() {
        return "contract-" + UUID.randomUUID();
    }

    @Test
    void weightedAddsSumWithinAWindowAndRestartInTheNext() {
        RateLimiter limiter = limiter();
        String key = key();

        assertThat(limiter.add(key, 1, MINUTE, WINDOW_START.plusSeconds(10))).isEqualTo(1);
        assertThat(limiter.add(key, 10, MINUTE, WINDOW_START.plusSeconds(40))).isEqualTo(11);
        assertThat(limiter.add(key, 9, MINUTE, WINDOW_START.plus(MINUTE).minusMillis(1))).isEqualTo(20);

        assertThat(limiter.add(key, 1, MINUTE, WINDOW_START.plus(MINUTE))).as("next window").isEqualTo(1);
    }

    @Test
    void tryAcquireAllowsExactlyTheLimitThenRefusesWithTheTimeToTheWindowEnd() {
        RateLimiter limiter = limiter();
        String key = key();

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(key, 3, MINUTE, WINDOW_START.plusSeconds(10 + i))).as("hit %d", i + 1).isEmpty();
        }
        assertThat(limiter.tryAcquire(key, 3, MINUTE, WINDOW_START.plusSeconds(45))).contains(Duration.ofSeconds(15));
        assertThat(limiter.tryAcquire(key, 3, MINUTE, WINDOW_START.plus(MINUTE).minusMillis(1)))
                .contains(Duration.ofMillis(1));

        assertThat(limiter.tryAcquire(key, 3, MINUTE, WINDOW_START.plus(MINUTE))).as("next window").isEmpty();
    }

    @Test
    void aRefusedHitIsNotCounted() {
        RateLimiter limiter = limiter();
        String key = key();
        Instant now = WINDOW_START.plusSeconds(5);

        limiter.tryAcquire(key, 2, MINUTE, now);
        limiter.tryAcquire(key, 2, MINUTE, now);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(key, 2, MINUTE, now)).isPresent();
        }

        // Two counted, not seven: a higher limit lets exactly one more through.
        assertThat(limiter.tryAcquire(key, 3, MINUTE, now)).isEmpty();
        assertThat(limiter.tryAcquire(key, 3, MINUTE, now)).isPresent();
    }

    @Test
    void addsAndHitsCountOnTheSameCounter() {
        RateLimiter limiter = limiter();
        String key = key();
        Instant now = WINDOW_START.plusSeconds(5);

        assertThat(limiter.tryAcquire(key, 10, MINUTE, now)).isEmpty();
        assertThat(limiter.add(key, 8, MINUTE, now)).isEqualTo(9);
        assertThat(limiter.tryAcquire(key, 10, MINUTE, now)).isEmpty();
        assertThat(limiter.tryAcquire(key, 10, MINUTE, now)).isPresent();
        assertThat(limiter.add(key, 1, MINUTE, now)).isEqualTo(11);
    }

    @Test
    void keysAndWindowSizesAreIndependent() {
        RateLimiter limiter = limiter();
        String key = key();
        String other = key();
        Instant now = WINDOW_START.plusSeconds(5);

        assertThat(limiter.tryAcquire(key, 1, MINUTE, now)).isEmpty();
        assertThat(limiter.tryAcquire(key, 1, MINUTE, now)).isPresent();
        assertThat(limiter.tryAcquire(other, 1, MINUTE, now)).isEmpty();
        // An hour's window starting at the same instant is another counter.
        assertThat(limiter.tryAcquire(key, 1, Duration.ofHours(1), now)).isEmpty();
    }

    @Test
    void concurrentHitsNeverGetPastTheLimit() throws Exception {
        RateLimiter limiter = limiter();
        String key = key();
        Instant now = WINDOW_START.plusSeconds(5);

        List<Optional<Duration>> answers = concurrently(40, () -> limiter.tryAcquire(key, 10, MINUTE, now));

        assertThat(answers.stream().filter(Optional::isEmpty)).hasSize(10);
        assertThat(answers.stream().filter(Optional::isPresent)).hasSize(30)
                .allSatisfy(retryAfter -> assertThat(retryAfter).contains(Duration.ofSeconds(55)));
        assertThat(limiter.add(key, 0, MINUTE, now)).as("refused hits not counted").isEqualTo(10);
    }

    @Test
    void concurrentAddsAreAtomic() throws Exception {
        RateLimiter limiter = limiter();
        String key = key();
        Instant now = WINDOW_START.plusSeconds(5);

        List<Long> totals = concurrently(16, () -> limiter.add(key, 1, MINUTE, now));

        assertThat(totals).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 16).boxed().toList());
        assertThat(limiter.add(key, 10, MINUTE, now.plusSeconds(40))).isEqualTo(26);
    }

    /** Runs {@code count} calls on 8 threads, released together so they contend. */
    private static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
