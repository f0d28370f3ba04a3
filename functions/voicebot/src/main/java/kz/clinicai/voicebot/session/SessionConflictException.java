package kz.clinicai.voicebot.session;

public class SessionConflictException extends RuntimeException {
    public SessionConflictException(String key) {
        super("Session " + key + " was saved concurrently");
    }
}
