package kz.clinicai.calls.reminders;

import java.util.Locale;

/**
 * Where an entry of a reminder list is. {@code QUEUED} waits for the scheduler (InfoClinica check, then a call);
 * {@code CALLING} has a call (its status and outcome come with it); the rest are final and mean no call was placed.
 */
public enum ReminderState {
    QUEUED, CALLING, GONE, NOT_ON_DAY, DO_NOT_CALL, INFOCLINICA_REFUSED,
    /** An entry of a list whose head was never written (the POST failed half-way): taken off the queue, never called. */
    ABANDONED;

    /** A state that is the entry's outcome (no call was placed); its outcome event goes to the list's webhook. */
    public boolean isFinal() {
        return this == GONE || this == NOT_ON_DAY || this == DO_NOT_CALL || this == INFOCLINICA_REFUSED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReminderState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
