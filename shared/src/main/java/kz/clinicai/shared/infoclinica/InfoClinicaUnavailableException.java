package kz.clinicai.shared.infoclinica;

/** Connection failure, TLS failure or a non-200 HTTP status. */
class InfoClinicaUnavailableException extends InfoClinicaException {
    public InfoClinicaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
