package kz.clinicai.shared.ratelimit;

import java.time.Duration;
import java.time.Instant;

/** One fixed window of a counter: the rules both limiters share, so the in-memory twin cannot drift. */
record Window(Instant start, Duration size) {

    static Window of(Instant now, Duration size) {
        return new Window(RateLimiter.windowStart(now, size), Duration.ofMillis(size.toMillis()));
    }

    Instant end() {
        return start.plus(size);
    }

    /**
     * The counter's id. The window's size and start are part of it, so a counter never spans two windows even
     * when its item outlives its window (DynamoDB deletes expired items within days, not at once), and one key
     * may be limited per minute and per hour without the two sharing a count.
     */
    String counter(String key) {
        return "rate#" + key + "#" + size.toMillis() + "#" + start.toEpochMilli();
    }

    Duration retryAfter(Instant now) {
        return Duration.between(now, end());
    }
}
