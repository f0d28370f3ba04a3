package kz.clinicai.shared.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Idempotency of the operations that change InfoClinica (reserve/move, cancel), keyed by appointment and requested
 * slot: ACS retries an utterance when our answer is slow, and the retry must not book or move a second time.
 */
public interface BookingLedger {

    /**
     * Claims {@code key} for this request. A claim still pending after {@code staleAfter} (a request that died) may be
     * taken over.
     */
    Claim claim(String key, Instant now, Duration staleAfter, Instant expiresAt);

    /** Records the operation's result; later claims of the key answer {@link Claim.AlreadyDone}. */
    void complete(String key, Completed result, Instant expiresAt);

    /** Gives the key up after a definite failure, so a later request may try again. */
    void release(String key);

    /**
     * Remembers that a move gave appointment {@code from} the new SCHEDID {@code to}, before the session is saved:
     * a request that read the session before the save still finds the live appointment.
     */
    void recordMove(String clinic, long from, long to, Instant expiresAt);

    /** The SCHEDID a move gave {@code from}, if one was recorded. */
    java.util.Optional<Long> movedTo(String clinic, long from);

    sealed interface Claim {
        record Acquired() implements Claim {
        }

        record AlreadyDone(Completed result) implements Claim {
        }

        record InFlight() implements Claim {
        }
    }

    /** @param date,time null for a cancellation */
    record Completed(long schedId, LocalDate date, LocalTime time, String doctorName) {
    }
}
