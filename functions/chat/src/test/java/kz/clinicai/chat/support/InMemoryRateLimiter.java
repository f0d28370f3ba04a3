package kz.clinicai.chat.support;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.chat.ratelimit.RateLimiter;

public final class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, Integer> counts = new HashMap<>();

    @Override
    public synchronized Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
        Instant start = RateLimiter.windowStart(now, window);
        String windowKey = key + "#" + start.toEpochMilli();
        int hits = counts.getOrDefault(windowKey, 0);
        if (hits >= limit) {
            return Optional.of(Duration.between(now, start.plus(window)));
        }
        counts.put(windowKey, hits + 1);
        return Optional.empty();
    }
}
