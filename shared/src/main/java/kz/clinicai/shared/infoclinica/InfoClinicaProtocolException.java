package kz.clinicai.shared.infoclinica;

/** The answer was not the XML we expect (unparseable, or a required element missing). */
class InfoClinicaProtocolException extends InfoClinicaException {
    public InfoClinicaProtocolException(String message) {
        super(message);
    }

    public InfoClinicaProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
