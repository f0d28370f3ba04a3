package kz.clinicai.local.voicebot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.voicebot.session.BookingLedger;
import kz.clinicai.voicebot.session.DialogueItem;
import kz.clinicai.voicebot.session.DynamoDbBookingLedger;
import kz.clinicai.voicebot.session.DynamoDbSessionRepository;
import kz.clinicai.voicebot.session.SessionConflictException;
import kz.clinicai.voicebot.session.VoicebotSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The voicebot's DynamoDB repositories against the tables the real template declares (keys, TTL, indexes as
 * DynamoDB Local creates them from template.yaml): the conditional writes that keep sessions and bookings right.
 */
class VoicebotTablesIT {

    private static final String SESSIONS = "VoicebotSessionsTable";

    private final DynamoDbEnhancedClient dynamo = DynamoDbEnhancedClient.builder()
            .dynamoDbClient(PlatformStackFixture.stack().aws().dynamo()).build();

    @Test
    void theSessionsTableExpiresItemsByExpiresAt() {
        var ttl = PlatformStackFixture.stack().aws().dynamo()
                .describeTimeToLive(r -> r.tableName(SESSIONS)).timeToLiveDescription();

        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    }

    @Test
    void aSessionSavedFromAStaleVersionIsRefused() {
        DynamoDbSessionRepository sessions = new DynamoDbSessionRepository(dynamo, SESSIONS);
        Instant expires = Instant.now().plus(Duration.ofHours(1));
        VoicebotSession fresh = VoicebotSession.start("tables-it", 1);
        VoicebotSession first = fresh.next(List.of(DialogueItem.user("первое")), List.of(), null);
        VoicebotSession concurrent = fresh.next(List.of(DialogueItem.user("второе")), List.of(), null);

        sessions.save(first, expires);

        assertThatThrownBy(() -> sessions.save(concurrent, expires)).isInstanceOf(SessionConflictException.class);
        VoicebotSession stored = sessions.find("tables-it", 1).orElseThrow();
        assertThat(stored.history()).extracting(DialogueItem::text).containsExactly("первое");
        // The stored version moves on, so the next save from it succeeds.
        sessions.save(stored.next(List.of(DialogueItem.user("третье")), List.of(), 42L), expires);
        assertThat(sessions.find("tables-it", 1).orElseThrow().schedId()).isEqualTo(42L);
    }

    @Test
    void anExpiredSessionIsNotFoundEvenBeforeDynamoDbDeletesIt() {
        DynamoDbSessionRepository sessions = new DynamoDbSessionRepository(dynamo, SESSIONS);

        sessions.save(VoicebotSession.start("tables-it", 2).next(List.of(DialogueItem.user("да")), List.of(), null),
                Instant.now().minusSeconds(60));

        assertThat(sessions.find("tables-it", 2)).isEmpty();
    }

    @Test
    void theBookingLedgerLetsOneRequestBookAndAnswersRepeatsFromTheResult() {
        DynamoDbBookingLedger ledger = new DynamoDbBookingLedger(dynamo, SESSIONS);
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofHours(1));
        String key = "tables-it#3#202611261000";

        assertThat(ledger.claim(key, now, Duration.ofSeconds(30), expires)).isInstanceOf(BookingLedger.Claim.Acquired.class);
        assertThat(ledger.claim(key, now, Duration.ofSeconds(30), expires)).isInstanceOf(BookingLedger.Claim.InFlight.class);

        BookingLedger.Completed done = new BookingLedger.Completed(500_123, LocalDate.of(2026, 11, 26),
                LocalTime.of(10, 0), "Иванова Анна Петровна");
        ledger.complete(key, done, expires);

        assertThat(ledger.claim(key, now, Duration.ofSeconds(30), expires))
                .isEqualTo(new BookingLedger.Claim.AlreadyDone(done));
    }

    @Test
    void aClaimLeftPendingByADeadRequestMayBeTakenOverOnceStale() {
        DynamoDbBookingLedger ledger = new DynamoDbBookingLedger(dynamo, SESSIONS);
        Instant then = Instant.now().minus(Duration.ofMinutes(5));
        String key = "tables-it#4#202611261030";

        ledger.claim(key, then, Duration.ofSeconds(30), then.plus(Duration.ofHours(1)));

        assertThat(ledger.claim(key, Instant.now(), Duration.ofSeconds(30), Instant.now().plus(Duration.ofHours(1))))
                .isInstanceOf(BookingLedger.Claim.Acquired.class);
    }

    @Test
    void movesAreFollowed() {
        DynamoDbBookingLedger ledger = new DynamoDbBookingLedger(dynamo, SESSIONS);
        ledger.recordMove("tables-it", 810_001, 500_777, Instant.now().plus(Duration.ofHours(1)));

        assertThat(ledger.movedTo("tables-it", 810_001)).contains(500_777L);
        assertThat(ledger.movedTo("tables-it", 810_002)).isEmpty();
    }
}
