package kz.clinicai.chat.reply;

/**
 * The provider did not answer usefully, retries included. {@link #retryable()} is false where waiting cannot help
 * (the account is out of quota, the request itself is refused): the visitor then gets the fallback at once
 * instead of a retry window of silence.
 */
final class ModelUnavailableException extends RuntimeException {

    private final boolean retryable;

    ModelUnavailableException(String message, Throwable cause) {
        this(message, cause, true);
    }

    ModelUnavailableException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
