package kz.clinicai.shared.infoclinica;

/** InfoClinica knows no such appointment (any more): cancelled, moved away, or never was. */
public class AppointmentNotFoundException extends InfoClinicaException {
    public AppointmentNotFoundException(long schedId) {
        super("No appointment with SCHEDID " + schedId);
    }

    public AppointmentNotFoundException(long schedId, String serverText) {
        super("No appointment with SCHEDID " + schedId + ": " + serverText);
    }
}
