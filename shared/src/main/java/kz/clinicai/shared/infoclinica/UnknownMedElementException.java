package kz.clinicai.shared.infoclinica;

/**
 * InfoClinica refuses the doctor / medical element of the request: an unknown doctor, or a restriction such as a
 * required referral (CHECKCODE 2). ACS status error_med_element, with the server's text as the message.
 */
public class UnknownMedElementException extends InfoClinicaRejectedException {
    public UnknownMedElementException(String message) {
        super(message);
    }
}
