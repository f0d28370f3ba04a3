package kz.clinicai.calls.reminders;

import java.util.Optional;
import kz.clinicai.calls.call.CallStatus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import kz.clinicai.calls.call.Call;
import kz.clinicai.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a reminder call's final outcome onto its entry when the call has ended for good (the webhook calls it after
 * the last status change; a no answer with attempts left is not an end). What the call's tools did comes first
 * (confirmed, moved, cancelled, or {@code infoclinica_refused} with InfoClinica's text when it refused the cancel or
 * move asked for; the last decision wins). Else what the call itself reached: voicemail,
 * no answer after the last attempt, failed, transferred; a completed call by its after-call outcome ({@code
 * call_back} → callback, {@code wrong_number}); anything else is {@code no_decision}.
 */
public final class ReminderOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderOutcomes.class);

    private final ReminderStore store;

    public ReminderOutcomes(ReminderStore store) {
        this.store = store;
    }

    public void ended(Call call) {
        if (!ReminderDispatcher.isReminder(call)) {
            return;
        }
        ReminderOutcome outcome = of(call);
        try {
            store.outcome(call.metadata().get(ReminderDispatcher.META_LIST),
                    Integer.parseInt(call.metadata().get(ReminderDispatcher.META_ENTRY)), outcome.wire(),
                    outcome.movedTo(), outcome.note());
        } catch (RuntimeException e) {
            // The call's own record stands; the entry keeps showing the call's status.
            LOG.warn("Reminder call {}: outcome {} not recorded on its entry ({})", call.id(), outcome.wire(),
                    e.toString());
        }
    }

    static ReminderOutcome of(Call call) {
        // What InfoClinica confirmed in the call (its tools) is the outcome, whatever the call's end or summary say.
        if (call.status() == CallStatus.COMPLETED || call.status() == CallStatus.TRANSFERRED) {
            Optional<ReminderTools.State> decided = ReminderTools.decision(call);
            if (decided.isPresent()) {
                ReminderTools.State d = decided.get();
                return switch (d.decision()) {
                    case "moved" -> new ReminderOutcome(ReminderOutcome.Kind.MOVED, d.movedTo(), null);
                    case "cancelled" -> ReminderOutcome.of(ReminderOutcome.Kind.CANCELLED);
                    // InfoClinica refused the cancel or move the callee asked for: the clinic sees its text.
                    case "refused" -> new ReminderOutcome(ReminderOutcome.Kind.INFOCLINICA_REFUSED, null, d.note());
                    default -> ReminderOutcome.of(ReminderOutcome.Kind.CONFIRMED);
                };
            }
        }
        return switch (call.status()) {
            case VOICEMAIL -> ReminderOutcome.of(ReminderOutcome.Kind.VOICEMAIL);
            case NO_ANSWER, BUSY -> new ReminderOutcome(ReminderOutcome.Kind.NO_ANSWER, null,
                    "no answer after " + call.attempts() + " attempt(s)");
            case TRANSFERRED -> ReminderOutcome.of(ReminderOutcome.Kind.TRANSFERRED);
            case COMPLETED -> fromSummary(call.outcome());
            default -> new ReminderOutcome(ReminderOutcome.Kind.FAILED, null, call.failure());
        };
    }

    private static ReminderOutcome fromSummary(String outcomeJson) {
        if (outcomeJson == null) {
            return ReminderOutcome.of(ReminderOutcome.Kind.NO_DECISION);
        }
        try {
            JsonNode node = Json.mapper().readTree(outcomeJson);
            return switch (node.path("outcome").asText("")) {
                case "call_back" -> ReminderOutcome.of(ReminderOutcome.Kind.CALLBACK);
                case "wrong_number" -> ReminderOutcome.of(ReminderOutcome.Kind.WRONG_NUMBER);
                case "voicemail" -> ReminderOutcome.of(ReminderOutcome.Kind.VOICEMAIL);
                default -> ReminderOutcome.of(ReminderOutcome.Kind.NO_DECISION);
            };
        } catch (IOException e) {
            return ReminderOutcome.of(ReminderOutcome.Kind.NO_DECISION);
        }
    }
}
