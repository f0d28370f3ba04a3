package kz.clinicai.shared.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory twin of {@link DynamoDbRateLimiter} (tests, tools); RateLimiterContract keeps them alike. Counters
 * of past windows are kept: it serves tests, which are short.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, Long> counters = new HashMap<>();

    @Override
    public synchronized long add(String key, int weight, Duration window, Instant now) {
        return counters.merge(Window.of(now, window).counter(key), (long) weight, Long::sum);
    }

    @Override
    public synchronized Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
        Window current = Window.of(now, window);
        String counter = current.counter(key);
        long hits = counters.getOrDefault(counter, 0L);
        if (hits >= limit) {
            return Optional.of(current.retryAfter(now));
        }
        counters.put(counter, hits + 1);
        return Optional.empty();
    }
}
