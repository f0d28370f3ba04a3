package kz.clinicai.calls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.calls.reminders.ReminderDispatcher;
import kz.clinicai.calls.reminders.ReminderWebhooks;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.logging.Logs;

/**
 * Every minute: gives back lines held by calls that ended without releasing them or went silent (lost), then starts
 * turns queued reminder entries into calls, then starts scheduled calls (asked for outside calling hours, reminders)
 * and retries (no answer, busy) now due, then sends the reminder outcome events due to the clinics' webhooks.
 */
public final class CallsSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    /** Left for reclaiming and dialling after the reminders' InfoClinica reads (≤ 5 s each). */
    private static final Duration RESERVE = Duration.ofSeconds(25);
    /** A webhook round is at most 3 POSTs of 5 s and 2 waits of ≤ 1 s: none starts later than this before the end. */
    private static final Duration WEBHOOK_RESERVE = Duration.ofSeconds(20);

    private final CallsService service;
    private final Duration lostAfter;
    private final ReminderDispatcher reminders;
    private final int reminderBudget;
    private final ReminderWebhooks webhooks;
    private final int webhookBudget;

    public CallsSchedulerHandler() {
        this(CallsSchedulerModule.fromEnv(Env.current()));
    }

    CallsSchedulerHandler(CallsSchedulerModule module) {
        this.service = module.service();
        this.lostAfter = module.lostAfter();
        this.reminders = module.reminders();
        this.reminderBudget = module.reminderBudget();
        this.webhooks = module.webhooks();
        this.webhookBudget = module.webhookBudget();
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return Logs.withRequestContext(context, () -> {
            int reclaimed = service.reclaimLines(lostAfter);
            // Reminder entries first: their calls are created scheduled and due now, so this tick dials them.
            int reminderCalls = reminders.dispatch(reminderBudget, Instant.now()
                    .plusMillis(Math.max(0, context.getRemainingTimeInMillis() - RESERVE.toMillis())));
            int started = service.startDue(reminders::mayDial);
            // Last: dialling matters more than notifying. Outcomes reached this tick (gone, do-not-call…) go now.
            int delivered = webhooks.deliverDue(webhookBudget, Instant.now()
                    .plusMillis(Math.max(0, context.getRemainingTimeInMillis() - WEBHOOK_RESERVE.toMillis())));
            return Map.of("reclaimed", reclaimed, "reminder_calls", reminderCalls, "started", started,
                    "webhooks_delivered", delivered);
        });
    }
}
