package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/** Every minute: starts scheduled calls (asked for outside calling hours) and retries (no answer, busy) now due. */
public final class CallsSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final CallsService service;

    public CallsSchedulerHandler() {
        this(CallsModule.service(Env.current()));
    }

    public CallsSchedulerHandler(CallsService service) {
        this.service = service;
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> Map.of("started", service.startDue()));
    }
}
