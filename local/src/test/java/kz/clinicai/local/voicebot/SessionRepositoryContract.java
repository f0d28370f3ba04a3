package kz.clinicai.local.voicebot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.booking.DialogueItem;
import kz.clinicai.voicebot.session.SessionConflictException;
import kz.clinicai.voicebot.session.SessionRepository;
import kz.clinicai.shared.booking.VoicebotSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the voicebot relies on from every {@link SessionRepository}, run against the in-memory twin and against
 * DynamoDB Local with the template's VoicebotSessionsTable: the dialogue and the offered times come back as saved,
 * a save from a stale version is refused (two utterances about one appointment cannot both write their turn), and
 * an expired session is gone — also for the next save — before DynamoDB's TTL deletes it. Each test has a clinic of
 * its own.
 */
abstract class SessionRepositoryContract {

    static final Instant LATER = Instant.now().plus(Duration.ofHours(1));

    abstract SessionRepository repository();

    SessionRepository sessions;
    String clinic;

    @BeforeEach
    void newClinic() {
        sessions = repository();
        clinic = "contract-" + UUID.randomUUID();
    }

    static VoicebotSession turn(VoicebotSession from, String text) {
        return from.next(List.of(DialogueItem.user(text)), from.offered(), from.currentSchedId());
    }

    @Test
    void aSessionNeverSavedIsNotFound() {
        assertThat(sessions.find(clinic, 1)).isEmpty();
    }

    @Test
    void theDialogueTheOfferedTimesAndTheMovedSchedIdComeBackAsSaved() {
        Slot offered = new Slot(LocalDate.of(2026, 11, 26), LocalTime.of(10, 30), LocalTime.of(11, 0), 4001, 1001);
        VoicebotSession saved = VoicebotSession.start(clinic, 7).next(List.of(DialogueItem.user("Какие есть окна?"),
                        DialogueItem.functionCall("call_1", "find_free_times", "{\"date\":\"2026-11-26\"}"),
                        DialogueItem.functionOutput("call_1", "{\"times\":[\"10:30\"]}")),
                List.of(offered), 810_007L);

        sessions.save(saved, LATER);

        VoicebotSession found = sessions.find(clinic, 7).orElseThrow();
        assertThat(found.history()).isEqualTo(saved.history());
        assertThat(found.offered()).containsExactly(offered);
        assertThat(found.currentSchedId()).isEqualTo(810_007L);
        assertThat(found.schedId()).isEqualTo(810_007L);
        assertThat(found.version()).as("a save bumps the version the next save must present").isEqualTo(1);
        assertThat(sessions.find(clinic, 8)).as("another appointment of the clinic").isEmpty();
    }

    @Test
    void aSessionSavedFromAStaleVersionIsRefusedAndTheStoredOneStays() {
        VoicebotSession fresh = VoicebotSession.start(clinic, 1);
        VoicebotSession first = turn(fresh, "первое");
        VoicebotSession concurrent = turn(fresh, "второе");

        sessions.save(first, LATER);

        assertThatThrownBy(() -> sessions.save(concurrent, LATER)).isInstanceOf(SessionConflictException.class);
        VoicebotSession stored = sessions.find(clinic, 1).orElseThrow();
        assertThat(stored.history()).extracting(DialogueItem::text).containsExactly("первое");
        // Saved from the stored version, the next turn goes through.
        sessions.save(stored.next(List.of(DialogueItem.user("третье")), List.of(), 42L), LATER);
        VoicebotSession next = sessions.find(clinic, 1).orElseThrow();
        assertThat(next.schedId()).isEqualTo(42L);
        assertThat(next.version()).isEqualTo(2);
        assertThatThrownBy(() -> sessions.save(turn(stored, "четвёртое"), LATER))
                .as("the version read before the last save is stale now").isInstanceOf(SessionConflictException.class);
    }

    @Test
    void ofConcurrentSavesFromOneVersionExactlyOneWins() throws Exception {
        sessions.save(turn(VoicebotSession.start(clinic, 2), "начало"), LATER);
        VoicebotSession read = sessions.find(clinic, 2).orElseThrow();
        int contenders = 8;
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                VoicebotSession mine = turn(read, "ответ " + i);
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        sessions.save(mine, LATER);
                        return true;
                    } catch (SessionConflictException e) {
                        return false;
                    }
                }));
            }
            ready.await();
            go.countDown();
            int won = 0;
            for (Future<Boolean> outcome : outcomes) {
                won += outcome.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sessions.find(clinic, 2).orElseThrow().history()).hasSize(2);
    }

    @Test
    void anExpiredSessionIsNotFoundEvenBeforeItIsDeleted() {
        sessions.save(turn(VoicebotSession.start(clinic, 3), "да"), Instant.now().minusSeconds(60));

        assertThat(sessions.find(clinic, 3)).isEmpty();
    }

    @Test
    void aNewSessionReplacesAnExpiredOneNotYetDeleted() {
        sessions.save(turn(VoicebotSession.start(clinic, 4), "давно"), Instant.now().minusSeconds(60));

        // What the service does after find() came back empty: start afresh. The expired item must not block it,
        // or every turn of the new dialogue would be lost until DynamoDB's TTL deleted the old one (up to days).
        sessions.save(turn(VoicebotSession.start(clinic, 4), "снова"), LATER);

        assertThat(sessions.find(clinic, 4).orElseThrow().history()).extracting(DialogueItem::text)
                .containsExactly("снова");
    }
}
