package kz.clinicai.calls.voximplant;

/** The management API refused or could not be reached; {@code retryable} for 429/5xx/timeouts. */
public final class VoximplantException extends RuntimeException {

    private final boolean retryable;

    public VoximplantException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
