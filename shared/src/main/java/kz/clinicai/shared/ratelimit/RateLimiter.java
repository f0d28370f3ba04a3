package kz.clinicai.shared.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fixed-window counters per key, shared by every instance of a function. A key has one counter per window (of a
 * given size), and both operations count on it: {@link #add} for callers that compare the total with their limits
 * themselves and weigh some requests more (the voicebot's penalties), {@link #tryAcquire} for a hard limit that
 * concurrent requests can never overshoot (the web chat).
 */
public interface RateLimiter {

    /** Adds {@code weight} to {@code key}'s counter of the window {@code now} falls in; returns the total after adding. */
    long add(String key, int weight, Duration window, Instant now);

    /**
     * Counts one hit on {@code key}'s counter of the window {@code now} falls in if that counter is below
     * {@code limit}: then empty. Otherwise the hit is not counted and the answer is how long until the window ends.
     */
    Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now);

    /** The start of the fixed window that {@code now} falls in: windows are aligned to the epoch, not to a first hit. */
    static Instant windowStart(Instant now, Duration window) {
        long size = window.toMillis();
        if (size < 1) {
            throw new IllegalArgumentException("A rate window must be at least a millisecond: " + window);
        }
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }
}
