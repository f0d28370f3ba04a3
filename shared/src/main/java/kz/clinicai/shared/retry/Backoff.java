package kz.clinicai.shared.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff rule for retries of retryable failures: {@code base·2ⁿ} capped, with "equal jitter" (half fixed,
 * half random), so callers that failed together do not retry together.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;

    public Backoff(Duration base, Duration cap) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap: " + base + ", " + cap);
        }
        this.base = base;
        this.cap = cap;
    }

    /** The wait before retry {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        return delay(attempt, bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    Duration delay(int attempt, java.util.function.LongUnaryOperator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1: " + attempt);
        }
        long full = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 30));
        long half = full / 2;
        return Duration.ofMillis(half + random.applyAsLong(full - half + 1));
    }

    /**
     * Waits {@link #delay(int)}; false when the thread was interrupted (the interrupt flag is kept, so the caller
     * stops retrying and gives up).
     */
    public boolean sleepBefore(int attempt) {
        try {
            Thread.sleep(delay(attempt).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
