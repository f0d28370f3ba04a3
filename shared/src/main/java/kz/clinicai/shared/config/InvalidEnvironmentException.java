package kz.clinicai.shared.config;

/** An environment variable is set to something its reader cannot use. */
public final class InvalidEnvironmentException extends IllegalStateException {

    public InvalidEnvironmentException(String name, String value, String expected) {
        // The value may be a secret: say only its length.
        super("Environment variable " + name + " must be " + expected + " (got " + value.length() + " characters)");
    }
}
