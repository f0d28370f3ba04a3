package kz.clinicai.chat.reply;

/** The provider did not answer usefully, retries included. */
public final class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
