package kz.clinicai.shared.clinic;

/** A request refused before any appointment data is read: 401, 403 or 429, answered in ACS's error shape. */
public class AccessDeniedException extends RuntimeException {
    private final int status;

    public AccessDeniedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
