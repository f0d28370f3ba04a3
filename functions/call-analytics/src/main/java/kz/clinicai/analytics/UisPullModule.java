package kz.clinicai.analytics;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.analytics.pull.PullService;
import kz.clinicai.shared.config.Env;

/**
 * Composition root of {@link UisPullHandler}. Reads PROFILES_TABLE, CALLS_TABLE, CALL_TTL_DAYS, ANALYTICS_QUEUE_URL,
 * UIS_API_URL, PULL_OVERLAP_MINUTES (10), PULL_SETTLE_MINUTES (5), PULL_FIRST_LOOKBACK_HOURS (24),
 * PULL_MAX_WINDOW_DAYS (31), PULL_PAGE_SIZE (1000), UIS_POINT_RESERVE (5) and the AWS variables.
 */
final class UisPullModule {

    private final PullService service;
    private final Clock clock;

    UisPullModule(PullService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    static UisPullModule fromEnv(Env env) {
        AnalyticsEnv a = new AnalyticsEnv(env);
        return new UisPullModule(service(a, env), a.clock());
    }

    /** The pull as the schedule runs it; the analytics API runs it too ("pull now"). */
    static PullService service(AnalyticsEnv a, Env env) {
        PullService.Settings settings = new PullService.Settings(
                Duration.ofMinutes(env.intValue("PULL_OVERLAP_MINUTES", 10)),
                Duration.ofMinutes(env.intValue("PULL_SETTLE_MINUTES", 5)),
                Duration.ofHours(env.intValue("PULL_FIRST_LOOKBACK_HOURS", 24)),
                Duration.ofDays(env.intValue("PULL_MAX_WINDOW_DAYS", 31)),
                env.intValue("PULL_PAGE_SIZE", 1000),
                env.intValue("UIS_POINT_RESERVE", 5));
        return new PullService(a.profiles(), a.calls(), a.pullState(), a.callQueue(), a.uis(), settings, a.clock());
    }

    PullService service() {
        return service;
    }

    Clock clock() {
        return clock;
    }
}
