package kz.clinicai.calls.reminders;

/**
 * An entry as stored: what the clinic sent, its state, the call placed for it, what InfoClinica said before the call
 * ({@code facts}, or {@code note}: its refusal text), and the outcome the call reached ({@code outcome} with
 * {@code movedTo} "YYYY-MM-DD HH:mm" for a move, {@code outcomeNote} e.g. InfoClinica's text when it refused),
 * and when its list was posted.
 */
public record StoredEntry(String listId, ReminderEntry entry, ReminderState state, String callId,
                          AppointmentFacts facts, String note, String outcome, String movedTo, String outcomeNote,
                          String listCreatedAt) {

    public StoredEntry withState(ReminderState next, String call, AppointmentFacts f, String n) {
        return new StoredEntry(listId, entry, next, call, f, n, outcome, movedTo, outcomeNote, listCreatedAt);
    }

    public StoredEntry withOutcome(String o, String moved, String text) {
        return new StoredEntry(listId, entry, state, callId, facts, note, o, moved, text, listCreatedAt);
    }
}
