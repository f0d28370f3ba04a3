package kz.clinicai.chat.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fixed-window counters: at most {@code limit} acquisitions per key per window. */
public interface RateLimiter {

    /** Counts one hit; empty if allowed, else how long until the window resets. */
    Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now);

    /** The start of the fixed window that {@code now} falls in. */
    static Instant windowStart(Instant now, Duration window) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }
}
