package kz.clinicai.shared.infoclinica;

/** No answer within the per-request timeout or the remaining deadline. */
public class InfoClinicaTimeoutException extends InfoClinicaException {
    public InfoClinicaTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
