package kz.clinicai.local.ratelimit;

import kz.clinicai.shared.ratelimit.InMemoryRateLimiter;
import kz.clinicai.shared.ratelimit.RateLimiter;

class InMemoryRateLimiterTest extends RateLimiterContract {

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();

    @Override
    RateLimiter limiter() {
        return limiter;
    }
}
