package kz.clinicai.analytics.pull;

import java.time.Duration;
import kz.clinicai.analytics.AnalyticsEnv;
import kz.clinicai.analytics.calls.SqsCallQueue;
import kz.clinicai.shared.config.Env;

/**
 * Composition root of {@link UisPullHandler}. Reads PROFILES_TABLE, CALLS_TABLE, CALL_TTL_DAYS, ANALYTICS_QUEUE_URL,
 * UIS_API_URL, PULL_OVERLAP_MINUTES (10), PULL_SETTLE_MINUTES (5), PULL_FIRST_LOOKBACK_HOURS (24),
 * PULL_MAX_WINDOW_DAYS (31), PULL_PAGE_SIZE (1000), UIS_POINT_RESERVE (5) and the AWS variables.
 */
public final class UisPullModule {

    private final PullService service;

    UisPullModule(Env env) {
        AnalyticsEnv a = new AnalyticsEnv(env);
        PullService.Settings settings = new PullService.Settings(
                Duration.ofMinutes(env.intValue("PULL_OVERLAP_MINUTES", 10)),
                Duration.ofMinutes(env.intValue("PULL_SETTLE_MINUTES", 5)),
                Duration.ofHours(env.intValue("PULL_FIRST_LOOKBACK_HOURS", 24)),
                Duration.ofDays(env.intValue("PULL_MAX_WINDOW_DAYS", 31)),
                env.intValue("PULL_PAGE_SIZE", 1000),
                env.intValue("UIS_POINT_RESERVE", 5));
        this.service = new PullService(a.profiles(), a.calls(), new PullState(a.aws().dynamoDb(), a.callsTable()),
                new SqsCallQueue(a.aws().sqs(), env.required("ANALYTICS_QUEUE_URL")), a.uis(), settings, a.clock());
    }

    public static UisPullModule fromEnv() {
        return new UisPullModule(Env.current());
    }

    PullService service() {
        return service;
    }
}
