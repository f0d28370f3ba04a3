package kz.clinicai.console.security;

import java.time.Instant;

/**
 * A person who may use the console.
 *
 * @param sessionVersion bumped when the password changes or the user is blocked: older session cookies stop working
 */
public record ConsoleUser(String email, String passwordHash, Role role, Status status, int sessionVersion,
                          Instant createdAt) {

    public enum Role { ADMIN, EDITOR }

    public enum Status { ACTIVE, PENDING, BLOCKED }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public ConsoleUser withPassword(String hash) {
        return new ConsoleUser(email, hash, role, status, sessionVersion + 1, createdAt);
    }

    public ConsoleUser withStatus(Status next) {
        return new ConsoleUser(email, passwordHash, role, next, sessionVersion + 1, createdAt);
    }

    public ConsoleUser withRole(Role next) {
        return new ConsoleUser(email, passwordHash, next, status, sessionVersion + 1, createdAt);
    }
}
