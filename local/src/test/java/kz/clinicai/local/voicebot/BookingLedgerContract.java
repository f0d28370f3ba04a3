package kz.clinicai.local.voicebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.shared.booking.BookingLedger;
import kz.clinicai.shared.booking.BookingLedger.Claim;
import kz.clinicai.shared.booking.BookingLedger.Completed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idempotency every {@link BookingLedger} gives the booking tools (ACS repeats an utterance when our answer is
 * slow, and the repeat must not reserve, move or cancel a second time), run against the in-memory twin and against
 * DynamoDB Local with the template's VoicebotSessionsTable: one claim per key, a completed key answers its result,
 * a released or stale claim can be taken again, moves are followed. Each test has keys of its own.
 */
abstract class BookingLedgerContract {

    static final Duration STALE = Duration.ofSeconds(30);

    abstract BookingLedger ledger();

    BookingLedger ledger;
    String clinic;
    Instant now;
    Instant expires;

    @BeforeEach
    void newKeys() {
        ledger = ledger();
        clinic = "contract-" + UUID.randomUUID();
        now = Instant.now();
        expires = now.plus(Duration.ofHours(1));
    }

    String key(int appointment) {
        return clinic + "#" + appointment + "#202611261000#0";
    }

    @Test
    void aKeyIsClaimedOnceAndARepeatWhileItRunsIsInFlight() {
        assertThat(ledger.claim(key(1), now, STALE, expires)).isInstanceOf(Claim.Acquired.class);
        assertThat(ledger.claim(key(1), now.plusSeconds(5), STALE, expires)).isInstanceOf(Claim.InFlight.class);
        assertThat(ledger.claim(key(2), now, STALE, expires)).as("another key").isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void ofConcurrentClaimsOfOneKeyExactlyOneIsAcquired() throws Exception {
        int contenders = 10;
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                claims.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return ledger.claim(key(3), now, STALE, expires);
                }));
            }
            ready.await();
            go.countDown();
            List<Claim> outcomes = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                outcomes.add(claim.get());
            }
            assertThat(outcomes).filteredOn(c -> c instanceof Claim.Acquired).hasSize(1);
            assertThat(outcomes).filteredOn(c -> c instanceof Claim.InFlight).hasSize(contenders - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCompletedKeyAnswersItsResultToEveryLaterClaim() {
        Completed booked = new Completed(500_123, LocalDate.of(2026, 11, 26), LocalTime.of(10, 0),
                "Иванова Анна Петровна");
        Completed cancelled = new Completed(810_004, null, null, "Петров Пётр");
        ledger.claim(key(4), now, STALE, expires);
        ledger.claim(key(5), now, STALE, expires);

        ledger.complete(key(4), booked, expires);
        ledger.complete(key(5), cancelled, expires);

        assertThat(ledger.claim(key(4), now, STALE, expires)).isEqualTo(new Claim.AlreadyDone(booked));
        assertThat(ledger.claim(key(4), now.plus(Duration.ofMinutes(10)), STALE, expires))
                .as("a completed key is never stale").isEqualTo(new Claim.AlreadyDone(booked));
        assertThat(ledger.claim(key(5), now, STALE, expires)).isEqualTo(new Claim.AlreadyDone(cancelled));
    }

    @Test
    void aReleasedClaimMayBeTakenAgainButACompletedKeyIsNotReleased() {
        Completed booked = new Completed(500_124, LocalDate.of(2026, 11, 26), LocalTime.of(10, 30), "Иванова");
        ledger.claim(key(6), now, STALE, expires);
        ledger.release(key(6));
        assertThat(ledger.claim(key(6), now, STALE, expires)).isInstanceOf(Claim.Acquired.class);

        ledger.complete(key(6), booked, expires);
        ledger.release(key(6));
        assertThat(ledger.claim(key(6), now, STALE, expires)).isEqualTo(new Claim.AlreadyDone(booked));

        ledger.release(key(7));
        assertThat(ledger.claim(key(7), now, STALE, expires)).as("releasing nothing is harmless")
                .isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void aClaimLeftPendingByADeadRequestMayBeTakenOverOnceStale() {
        Instant then = now.minus(Duration.ofMinutes(5));
        ledger.claim(key(8), then, STALE, expires);
        ledger.claim(key(9), now.minusSeconds(10), STALE, expires);

        assertThat(ledger.claim(key(8), now, STALE, expires)).isInstanceOf(Claim.Acquired.class);
        assertThat(ledger.claim(key(8), now, STALE, expires)).as("the takeover is a fresh claim")
                .isInstanceOf(Claim.InFlight.class);
        assertThat(ledger.claim(key(9), now, STALE, expires)).isInstanceOf(Claim.InFlight.class);
    }

    @Test
    void movesAreFollowedPerClinicAndAppointment() {
        ledger.recordMove(clinic, 810_001, 500_777, expires);

        assertThat(ledger.movedTo(clinic, 810_001)).contains(500_777L);
        assertThat(ledger.movedTo(clinic, 810_002)).isEmpty();
        assertThat(ledger.movedTo(clinic + "-other", 810_001)).isEmpty();

        ledger.recordMove(clinic, 810_001, 500_778, expires);
        assertThat(ledger.movedTo(clinic, 810_001)).as("the latest move wins").contains(500_778L);
    }
}
