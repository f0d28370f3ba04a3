package kz.clinicai.shared.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moment by which the answer to ACS must be ready. Every outbound call bounds its own timeout by
 * {@link #remaining()}, so a slow dependency costs at most what is left of the budget.
 */
public final class Deadline {
    private final Clock clock;
    private final Instant at;

    private Deadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    public static Deadline after(Clock clock, Duration budget) {
        return new Deadline(clock, clock.instant().plus(budget));
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** {@code preferred}, shortened to what is left of the deadline. */
    public Duration bound(Duration preferred) {
        Duration left = remaining();
        return left.compareTo(preferred) < 0 ? left : preferred;
    }
}
