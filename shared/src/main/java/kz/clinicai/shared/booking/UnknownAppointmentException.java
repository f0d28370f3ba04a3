package kz.clinicai.shared.booking;

public class UnknownAppointmentException extends RuntimeException {
    public UnknownAppointmentException(long appointmentId) {
        super("Unknown appointment " + appointmentId);
    }
}
