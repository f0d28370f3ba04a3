package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.calls.reminders.ReminderDispatcher;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/**
 * Every minute: gives back lines held by calls that ended without releasing them or went silent (lost), then starts
 * turns queued reminder entries into calls, then starts scheduled calls (asked for outside calling hours, reminders)
 * and retries (no answer, busy) now due.
 */
public final class CallsSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    /** Left for reclaiming and dialling after the reminders' InfoClinica reads (≤ 5 s each). */
    private static final Duration RESERVE = Duration.ofSeconds(25);

    private final CallsService service;
    private final Duration lostAfter;
    private final ReminderDispatcher reminders;
    private final int reminderBudget;

    public CallsSchedulerHandler() {
        this(CallsSchedulerModule.fromEnv(Env.current()));
    }

    CallsSchedulerHandler(CallsSchedulerModule module) {
        this.service = module.service();
        this.lostAfter = module.lostAfter();
        this.reminders = module.reminders();
        this.reminderBudget = module.reminderBudget();
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> {
            int reclaimed = service.reclaimLines(lostAfter);
            // Reminder entries first: their calls are created scheduled and due now, so this tick dials them.
            int reminderCalls = reminders.dispatch(reminderBudget, Instant.now()
                    .plusMillis(Math.max(0, context.getRemainingTimeInMillis() - RESERVE.toMillis())));
            return Map.of("reclaimed", reclaimed, "reminder_calls", reminderCalls, "started",
                    service.startDue(reminders::mayDial));
        });
    }
}
