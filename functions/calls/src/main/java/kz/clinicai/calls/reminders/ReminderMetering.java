package kz.clinicai.calls.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters reminder calls per clinic ({@link ReminderUsage}) in CallsWebhookFunction, beside the per-model-call usage
 * rows that stay as they are: when a reminder call has ended for good, one call with its dials and connected seconds
 * (from the greeting, written when the callee picked up, to the end as the webhook saw it: our measure, not
 * Voximplant's billing); each model call made for a reminder call, by model. Never fails the call.
 */
public final class ReminderMetering {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderMetering.class);
    /** Call id → its clinic when a reminder call (else empty); a turn's model calls come in bursts of the same id. */
    private static final int CACHE = 2_000;

    private final ReminderUsage usage;
    private final CallRepository calls;
    private final Clock clock;
    private final Map<String, Optional<String>> clinics = new ConcurrentHashMap<>();

    public ReminderMetering(ReminderUsage usage, CallRepository calls, Clock clock) {
        this.usage = usage;
        this.calls = calls;
        this.clock = clock;
    }

    /** A call ended for good (the webhook's end listener); only reminder calls count. */
    public void ended(Call call) {
        if (!ReminderDispatcher.isReminder(call)) {
            return;
        }
        try {
            // A call failed as lost ended with its last news, not half an hour later when the scheduler noticed.
            Instant end = "lost".equals(call.failure()) ? lastNews(call).orElse(clock.instant()) : clock.instant();
            usage.call(call.metadata().get(ReminderDispatcher.META_CLINIC), end, call.attempts(),
                    connectedSeconds(call, end));
        } catch (RuntimeException e) {
            LOG.warn("Reminder call {}: usage not metered ({})", call.id(), e.toString());
        }
    }

    private static java.util.Optional<Instant> lastNews(Call call) {
        return call.turns() == null ? java.util.Optional.empty()
                : call.turns().stream().map(t -> kz.clinicai.calls.call.Timestamps.parse(t.at())).max(Instant::compareTo);
    }

    static long connectedSeconds(Call call, Instant end) {
        if (call.turns() == null) {
            return 0;
        }
        return call.turns().stream().filter(t -> "greeting".equals(t.note()) && Turn.ASSISTANT.equals(t.role()))
                .map(t -> kz.clinicai.calls.call.Timestamps.parse(t.at())).findFirst()
                .map(start -> Math.max(0, Duration.between(start, end).toSeconds())).orElse(0L);
    }

    /** The dialogue model's recorder (usage scoped by call id): rows as before; a reminder call's also per clinic. */
    public UsageRecorder dialogue(UsageRecorder rows) {
        return u -> {
            rows.record(u);
            clinicOf(u.scope()).ifPresent(clinic -> model(clinic, u));
        };
    }

    /**
     * The reminder tools' recorder (the shared tool loop scopes usage by clinic and names the voicebot's channel): the
     * rows say {@code calls}, the capability that spent it, and all of it counts for the clinic.
     */
    public UsageRecorder tools(UsageRecorder rows) {
        return u -> {
            rows.record(new Usage(Usage.Channel.CALLS, u.scope(), u.model(), u.inputTokens(), u.outputTokens(),
                    u.audioSeconds(), u.at()));
            model(u.scope(), u);
        };
    }

    private void model(String clinic, Usage u) {
        try {
            usage.model(clinic, u.at(), u.model(), u.inputTokens(), u.outputTokens(), u.audioSeconds());
        } catch (RuntimeException e) {
            LOG.warn("Reminder usage of {} not metered ({})", clinic, e.toString());
        }
    }

    private Optional<String> clinicOf(String callId) {
        if (callId == null || !callId.startsWith("call_")) {
            return Optional.empty();
        }
        Optional<String> known = clinics.get(callId);
        if (known != null) {
            return known;
        }
        try {
            Optional<String> clinic = calls.find(callId).filter(ReminderDispatcher::isReminder)
                    .map(c -> c.metadata().get(ReminderDispatcher.META_CLINIC));
            if (clinics.size() >= CACHE) {
                clinics.clear();
            }
            clinics.put(callId, clinic);
            return clinic;
        } catch (RuntimeException e) {
            LOG.warn("Call {}: not known whether a reminder's ({})", callId, e.toString());
            return Optional.empty();
        }
    }
}
