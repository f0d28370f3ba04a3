package kz.clinicai.voicebot.acs;

/** A request ACS should not have sent (4xx); the message goes back in ACS's error shape. */
public class AcsRequestException extends RuntimeException {
    private final int status;

    public AcsRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
