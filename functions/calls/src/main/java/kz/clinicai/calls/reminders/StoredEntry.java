package kz.clinicai.calls.reminders;

/**
 * An entry as stored: what the clinic sent, its state, the call placed for it, what InfoClinica said before the call
 * ({@code facts}, or {@code note}: its refusal text), and the outcome the call reached ({@code outcome} with
 * {@code movedTo} "YYYY-MM-DD HH:mm" for a move, {@code outcomeNote} e.g. InfoClinica's text when it refused),
 * when its list was posted, and its outcome event's delivery to the list's webhook ({@code webhook}; null when the
 * list has none or the entry has no final outcome yet).
 */
public record StoredEntry(String listId, ReminderEntry entry, ReminderState state, String callId,
                          AppointmentFacts facts, String note, String outcome, String movedTo, String outcomeNote,
                          String listCreatedAt, WebhookDelivery webhook) {

    public StoredEntry(String listId, ReminderEntry entry, ReminderState state, String callId, AppointmentFacts facts,
                       String note, String outcome, String movedTo, String outcomeNote, String listCreatedAt) {
        this(listId, entry, state, callId, facts, note, outcome, movedTo, outcomeNote, listCreatedAt, null);
    }

    public StoredEntry withState(ReminderState next, String call, AppointmentFacts f, String n) {
        return new StoredEntry(listId, entry, next, call, f, n, outcome, movedTo, outcomeNote, listCreatedAt, webhook);
    }

    public StoredEntry withOutcome(String o, String moved, String text) {
        return new StoredEntry(listId, entry, state, callId, facts, note, o, moved, text, listCreatedAt, webhook);
    }

    public StoredEntry withWebhook(WebhookDelivery w) {
        return new StoredEntry(listId, entry, state, callId, facts, note, outcome, movedTo, outcomeNote,
                listCreatedAt, w);
    }

    /** The entry's final outcome as the clinic sees it: the call's, else why no call was placed; null before. */
    public String finalOutcome() {
        if (outcome != null) {
            return outcome;
        }
        return state.isFinal() ? state.wire() : null;
    }
}
