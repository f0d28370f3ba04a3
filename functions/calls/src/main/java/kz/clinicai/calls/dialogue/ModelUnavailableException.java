package kz.clinicai.calls.dialogue;

/** The model did not answer in time (429, 5xx, timeout): the caller hears a filler phrase instead of silence. */
public final class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
