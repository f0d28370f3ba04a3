package kz.clinicai.voicebot.booking;

public class UnknownAppointmentException extends RuntimeException {
    public UnknownAppointmentException(long appointmentId) {
        super("Unknown appointment " + appointmentId);
    }
}
