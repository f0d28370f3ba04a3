package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.Map;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/**
 * Every minute: gives back lines held by calls that ended without releasing them or went silent (lost), then starts
 * scheduled calls (asked for outside calling hours) and retries (no answer, busy) now due.
 */
public final class CallsSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final CallsService service;
    private final Duration lostAfter;

    public CallsSchedulerHandler() {
        this(CallsSchedulerModule.fromEnv(Env.current()));
    }

    CallsSchedulerHandler(CallsSchedulerModule module) {
        this.service = module.service();
        this.lostAfter = module.lostAfter();
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> {
            int reclaimed = service.reclaimLines(lostAfter);
            return Map.of("reclaimed", reclaimed, "started", service.startDue());
        });
    }
}
