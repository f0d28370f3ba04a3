package kz.clinicai.calls.reminders;

/**
 * Reads a clinic's appointment in its InfoClinica before the call is placed (WEB_SCHEDULE_INFO). The list the clinic
 * sent only names the appointment; whatever the call says about it comes from here.
 */
public interface ReminderAppointments {

    /** What InfoClinica answered. */
    sealed interface Check permits Booked, Gone, Refused {
    }

    /** Still booked, with its facts. */
    record Booked(AppointmentFacts facts) implements Check {
    }

    /** No such appointment any more (cancelled or never there). */
    record Gone() implements Check {
    }

    /** InfoClinica refused to answer or could not be reached; {@code text} is its own text or the failure. */
    record Refused(String text, boolean retryable) implements Check {
    }

    Check check(String clinic, String appointmentId);
}
