package kz.clinicai.shared.secrets;

/** A secret could not be read or lacks what the function needs; the message names the secret, never its value. */
public final class SecretUnavailableException extends RuntimeException {

    private final String secretId;

    public SecretUnavailableException(String secretId, String reason) {
        super("Secret " + secretId + " unavailable: " + reason);
        this.secretId = secretId;
    }

    public SecretUnavailableException(String secretId, String reason, Throwable cause) {
        super("Secret " + secretId + " unavailable: " + reason, cause);
        this.secretId = secretId;
    }

    public String secretId() {
        return secretId;
    }
}
