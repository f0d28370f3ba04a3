package kz.clinicai.calls.reminders;

import java.util.Locale;

/**
 * The result of a reminder call as the clinic sees it. {@code movedTo} ("YYYY-MM-DD HH:mm") only for {@code MOVED},
 * and only after InfoClinica confirmed the move; {@code note} is InfoClinica's own text for {@code
 * INFOCLINICA_REFUSED}.
 */
public record ReminderOutcome(Kind kind, String movedTo, String note) {

    public enum Kind {
        CONFIRMED, MOVED, CANCELLED, CALLBACK, NO_ANSWER, VOICEMAIL, WRONG_NUMBER, INFOCLINICA_REFUSED, TRANSFERRED,
        NO_DECISION, FAILED
    }

    public String wire() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public static ReminderOutcome of(Kind kind) {
        return new ReminderOutcome(kind, null, null);
    }
}
