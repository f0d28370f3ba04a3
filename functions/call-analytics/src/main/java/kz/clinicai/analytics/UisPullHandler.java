package kz.clinicai.analytics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.clinicai.analytics.pull.PullService;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/** EventBridge Schedule → one pull over every enabled profile, within the invocation's remaining time. */
public final class UisPullHandler implements RequestHandler<ScheduledEvent, String> {

    private final PullService service;
    private final Clock clock;

    public UisPullHandler() {
        this(UisPullModule.fromEnv(Env.current()));
    }

    UisPullHandler(UisPullModule module) {
        this.service = module.service();
        this.clock = module.clock();
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> {
            Instant deadline = deadline(context, clock);
            List<PullService.Outcome> outcomes = service.runAll(deadline);
            return outcomes.toString();
        });
    }

    /** The run's deadline: the invocation's remaining time less room to store the checkpoint and log. */
    static Instant deadline(Context context, Clock clock) {
        long millis = context == null ? 60_000 : context.getRemainingTimeInMillis();
        return clock.instant().plus(Duration.ofMillis(Math.max(1_000, millis - 10_000)));
    }
}
