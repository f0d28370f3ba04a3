package kz.clinicai.shared.infoclinica;

/** Anything that went wrong talking to InfoClinica; subclasses say what. */
public class InfoClinicaException extends RuntimeException {
    public InfoClinicaException(String message) {
        super(message);
    }

    public InfoClinicaException(String message, Throwable cause) {
        super(message, cause);
    }
}
