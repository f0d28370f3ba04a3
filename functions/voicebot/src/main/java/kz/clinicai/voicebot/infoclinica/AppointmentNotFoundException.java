package kz.clinicai.voicebot.infoclinica;

/** WEB_SCHEDULE_INFO returned no appointment for the SCHEDID. */
public class AppointmentNotFoundException extends InfoClinicaException {
    public AppointmentNotFoundException(long schedId) {
        super("No appointment with SCHEDID " + schedId);
    }
}
