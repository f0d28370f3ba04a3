package kz.clinicai.voicebot.infoclinica;

/** InfoClinica does not know the doctor / medical element of the request (ACS status error_med_element). */
public class UnknownMedElementException extends InfoClinicaRejectedException {
    public UnknownMedElementException(String message) {
        super(message);
    }
}
