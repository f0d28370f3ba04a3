package kz.clinicai.console.security;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The console's users ({@link DynamoDbUserStore}); an email is the user's id, compared {@link #normalise}d. */
public interface UserStore {

    enum Created { ADMIN, PENDING, EMAIL_TAKEN, RACE }

    static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    Optional<ConsoleUser> find(String email);

    List<ConsoleUser> all();

    /** True when no user ever registered (the next one becomes admin). */
    boolean noUserYet();

    /**
     * Creates the user: the very first one as an active admin, later ones as pending editors (an admin approves).
     * Of simultaneous first registrations at most one becomes admin ({@link Created#RACE} for the others).
     */
    Created create(String email, String passwordHash, Instant now);

    void save(ConsoleUser user);
}
