package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.CallRepository.Admission;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.Timestamps;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the calls service and the webhook rely on from every {@link CallRepository}: the concurrency cap (admission
 * counted and created in one conditional write, lines given back when a call ends), conditional status moves, turns in
 * order, {@code updated_at} stamped by every write (the scheduler's lost-call reclaim reads it), due calls earliest
 * first, nonces claimed once, the do-not-call list. Run against the in-memory twin and against DynamoDB Local with the
 * template's CallsTable, so the fake cannot drift from the real one. Each test has a line pool and call ids of its
 * own; the table is shared with the running stack, so the tests look only at their own calls, and the scheduled ones
 * are due in 2999 only (the stack's scheduler never starts them).
 */
abstract class CallRepositoryContract {

    static final int CAP = 3;
    static final int CONTENDERS = 12;

    /** A repository whose line pool no other test uses, stamping its writes from {@code clock}. */
    abstract CallRepository repository(Clock clock);

    /** Puts {@code e164} on the do-not-call list the way the store keeps it (no method of the interface writes it). */
    abstract void doNotCall(String e164);

    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<String> created = new ArrayList<>();
    private CallRepository repo;

    @BeforeEach
    void newPool() {
        repo = repository(clock);
    }

    /** The DynamoDB table is the stack's own: no call of these tests may stay active or scheduled (health, scheduler). */
    @AfterEach
    void endEveryCallLeft() {
        for (String id : repo.lineHolders()) {
            repo.transition(id, CallStatus.ACTIVE, CallStatus.COMPLETED, null);
        }
        for (String id : created) {
            repo.transition(id, Set.of(CallStatus.SCHEDULED), CallStatus.COMPLETED, null);
        }
        assertThat(repo.lineHolders()).isEmpty();
    }

    static Call call(CallStatus status) {
        String now = Instant.now().toString();
        return new Call("call_" + UUID.randomUUID().toString().replace("-", ""), "+77011234567", status, "asr", "ru",
                null, null, Map.of(), now, now, 0, status == CallStatus.SCHEDULED ? now : null, null, List.of(), null,
                null, null, null);
    }

    @Test
    void concurrentStartsAtTheCapAdmitExactlyTheCap() throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            calls.add(call(CallStatus.PENDING));
        }
        CountDownLatch ready = new CountDownLatch(CONTENDERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (Call c : calls) {
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return repo.createWithinCap(c, CAP);
                }));
            }
            ready.await();
            go.countDown();
            List<Call> admitted = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                if (outcomes.get(i).get()) {
                    admitted.add(calls.get(i));
                }
            }
            assertThat(admitted).hasSize(CAP);
            assertThat(repo.lineHolders()).containsExactlyInAnyOrderElementsOf(admitted.stream().map(Call::id).toList());
            for (Call c : calls) {
                assertThat(repo.find(c.id()).isPresent()).as("stored only when admitted: %s", c.id())
                        .isEqualTo(admitted.contains(c));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallThatEndsGivesItsLineBackOnceAndMovesBetweenActiveStatusesKeepIt() {
        Call a = call(CallStatus.PENDING);
        Call b = call(CallStatus.PENDING);
        Call c = call(CallStatus.PENDING);
        assertThat(repo.createWithinCap(a, CAP)).isTrue();
        assertThat(repo.createWithinCap(b, CAP)).isTrue();
        assertThat(repo.createWithinCap(c, CAP)).isTrue();
        assertThat(repo.createWithinCap(call(CallStatus.PENDING), CAP)).as("full").isFalse();

        assertThat(repo.transition(a.id(), Set.of(CallStatus.PENDING), CallStatus.RINGING, null)).isTrue();
        assertThat(repo.transition(a.id(), Set.of(CallStatus.RINGING), CallStatus.IN_PROGRESS, null)).isTrue();
        assertThat(repo.lineHolders()).as("still active").contains(a.id());
        assertThat(repo.createWithinCap(call(CallStatus.PENDING), CAP)).isFalse();

        assertThat(repo.transition(a.id(), CallStatus.ACTIVE, CallStatus.COMPLETED, null)).isTrue();
        assertThat(repo.transition(b.id(), Set.of(CallStatus.PENDING), CallStatus.FAILED, "start_failed")).isTrue();
        assertThat(repo.lineHolders()).containsExactly(c.id());
        // A late or repeated end, and a repeated release, free nothing more.
        assertThat(repo.transition(a.id(), CallStatus.ACTIVE, CallStatus.FAILED, "late")).isFalse();
        repo.releaseLine(a.id());
        repo.releaseLine(b.id());
        assertThat(repo.lineHolders()).containsExactly(c.id());

        assertThat(repo.createWithinCap(call(CallStatus.PENDING), CAP)).isTrue();
        assertThat(repo.createWithinCap(call(CallStatus.PENDING), CAP)).isTrue();
        assertThat(repo.createWithinCap(call(CallStatus.PENDING), CAP)).isFalse();
    }

    @Test
    void aScheduledCallTakesALineOnlyWhenOneIsFreeAndOnlyWhileScheduled() {
        Call scheduled = call(CallStatus.SCHEDULED);
        repo.create(scheduled);
        assertThat(repo.lineHolders()).as("a scheduled call holds no line").isEmpty();
        Call x = call(CallStatus.PENDING);
        for (Call c : List.of(x, call(CallStatus.PENDING), call(CallStatus.PENDING))) {
            assertThat(repo.createWithinCap(c, CAP)).isTrue();
        }

        assertThat(repo.admitScheduled(scheduled.id(), CAP)).isEqualTo(Admission.FULL);
        assertThat(repo.find(scheduled.id()).orElseThrow().status()).isEqualTo(CallStatus.SCHEDULED);

        repo.transition(x.id(), CallStatus.ACTIVE, CallStatus.NO_ANSWER, "480");
        assertThat(repo.admitScheduled(scheduled.id(), CAP)).isEqualTo(Admission.ADMITTED);
        assertThat(repo.find(scheduled.id()).orElseThrow().status()).isEqualTo(CallStatus.PENDING);
        assertThat(repo.lineHolders()).contains(scheduled.id()).hasSize(CAP);
        assertThat(repo.admitScheduled(scheduled.id(), CAP)).as("no longer scheduled").isEqualTo(Admission.GONE);
        assertThat(repo.admitScheduled("call_missing_" + UUID.randomUUID(), CAP)).isEqualTo(Admission.GONE);
    }

    @Test
    void aCallIsCreatedOnce() {
        Call c = call(CallStatus.PENDING);
        assertThat(repo.createWithinCap(c, CAP)).isTrue();
        assertThatThrownBy(() -> repo.createWithinCap(c, CAP)).isInstanceOf(IllegalStateException.class);
        assertThat(repo.lineHolders()).containsExactly(c.id());
    }

    /** A call of this test's own, created at {@code createdAt}, scheduled for {@code nextAttemptAt} when scheduled. */
    private Call ours(CallStatus status, String createdAt, String nextAttemptAt) {
        Call c = new Call("call_" + UUID.randomUUID().toString().replace("-", ""), "+77011234567", status, "asr", "kk",
                "Сәлеметсіз бе!", "asst_1", Map.of("crm_id", "42"), createdAt, createdAt, 0, nextAttemptAt, null,
                List.of(), null, null, null, null);
        created.add(c.id());
        return c;
    }

    private Call stored(String id) {
        return repo.find(id).orElseThrow();
    }

    @Test
    void aCallReadsBackAsStoredAndIsStoredOnce() {
        String at = Timestamps.format(clock.instant());
        Call c = ours(CallStatus.SCHEDULED, at, "2999-01-01T00:00:00.000Z");
        repo.create(c);
        assertThat(stored(c.id())).isEqualTo(c);
        assertThat(repo.find("call_missing_" + UUID.randomUUID().toString().replace("-", ""))).isEmpty();

        Call again = new Call(c.id(), "+77019999999", CallStatus.SCHEDULED, "record", "ru", null, null, Map.of(), at,
                at, 0, "2999-01-01T00:00:00.000Z", null, List.of(), null, null, null, null);
        assertThatThrownBy(() -> repo.create(again)).isInstanceOf(RuntimeException.class);
        assertThat(stored(c.id())).as("the first stands").isEqualTo(c);
    }

    @Test
    void aStatusMovesOnlyFromTheStatusesNamedAndEveryWriteStampsUpdatedAt() {
        Call c = ours(CallStatus.PENDING, Timestamps.format(clock.instant()), null);
        assertThat(repo.createWithinCap(c, CAP)).isTrue();

        clock.advance(Duration.ofSeconds(7));
        assertThat(repo.transition(c.id(), Set.of(CallStatus.RINGING), CallStatus.IN_PROGRESS, null))
                .as("not ringing").isFalse();
        assertThat(stored(c.id()).status()).isEqualTo(CallStatus.PENDING);
        assertThat(stored(c.id()).updatedAt()).as("a refused move writes nothing").isEqualTo(c.updatedAt());

        assertThat(repo.transition(c.id(), Set.of(CallStatus.PENDING, CallStatus.RINGING), CallStatus.IN_PROGRESS, null))
                .isTrue();
        assertThat(stored(c.id()).status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(stored(c.id()).updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
        assertThat(repo.transition("call_missing_" + UUID.randomUUID().toString().replace("-", ""),
                CallStatus.ACTIVE, CallStatus.FAILED, "x")).as("no such call").isFalse();

        clock.advance(Duration.ofSeconds(7));
        repo.setSession(c.id(), "session-1", 2);
        assertThat(stored(c.id())).satisfies(s -> {
            assertThat(s.sessionId()).isEqualTo("session-1");
            assertThat(s.attempts()).isEqualTo(2);
            assertThat(s.updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
        });
        clock.advance(Duration.ofSeconds(7));
        repo.setRecording(c.id(), "calls/" + c.id() + "/turn-1.wav");
        assertThat(stored(c.id()).recordingKey()).isEqualTo("calls/" + c.id() + "/turn-1.wav");
        assertThat(stored(c.id()).updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
        clock.advance(Duration.ofSeconds(7));
        repo.setGreeting(c.id(), "Здравствуйте! Напоминаем о записи завтра в 10:30.");
        assertThat(stored(c.id()).greeting()).isEqualTo("Здравствуйте! Напоминаем о записи завтра в 10:30.");
        assertThat(stored(c.id()).updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
        assertThat(stored(c.id()).recordingKey()).as("nothing else changed").isEqualTo("calls/" + c.id() + "/turn-1.wav");

        clock.advance(Duration.ofSeconds(7));
        assertThat(repo.transition(c.id(), CallStatus.ACTIVE, CallStatus.FAILED, "lost")).isTrue();
        clock.advance(Duration.ofSeconds(7));
        assertThat(repo.transition(c.id(), Set.of(CallStatus.FAILED), CallStatus.COMPLETED, null)).isTrue();
        assertThat(stored(c.id())).satisfies(s -> {
            assertThat(s.status()).isEqualTo(CallStatus.COMPLETED);
            assertThat(s.failure()).as("a move without a failure keeps the one recorded").isEqualTo("lost");
            assertThat(s.updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
        });
        clock.advance(Duration.ofSeconds(7));
        repo.setResult(c.id(), "Перезвонить завтра.", "{\"outcome\":\"call_back\"}");
        assertThat(stored(c.id())).satisfies(s -> {
            assertThat(s.summary()).isEqualTo("Перезвонить завтра.");
            assertThat(s.outcome()).isEqualTo("{\"outcome\":\"call_back\"}");
            assertThat(s.updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
        });
    }

    @Test
    void turnsAreKeptInTheOrderTheyCameAndEachAppendStampsUpdatedAt() {
        Call c = ours(CallStatus.PENDING, Timestamps.format(clock.instant()), null);
        assertThat(repo.createWithinCap(c, CAP)).isTrue();
        Turn greeting = new Turn(Turn.ASSISTANT, "Сәлеметсіз бе!", "2026-12-07T09:00:00Z", "greeting");
        Turn said = new Turn(Turn.USER, "Иә, тыңдап тұрмын", "2026-12-07T09:00:04Z", null);
        Turn answer = new Turn(Turn.ASSISTANT, "Рахмет!", "2026-12-07T09:00:05Z", null);
        repo.appendTurns(c.id(), List.of(greeting));
        clock.advance(Duration.ofSeconds(5));
        repo.appendTurns(c.id(), List.of(said, answer));
        assertThat(stored(c.id()).turns()).containsExactly(greeting, said, answer);
        assertThat(stored(c.id()).updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
    }

    @Test
    void aRetryIsScheduledOnlyFromTheStatusNamedAndDueCallsComeEarliestFirst() {
        String at = Timestamps.format(clock.instant());
        Call late = ours(CallStatus.PENDING, at, null);
        Call early = ours(CallStatus.PENDING, at, null);
        Call middle = ours(CallStatus.PENDING, at, null);
        for (Call c : List.of(late, early, middle)) {
            assertThat(repo.createWithinCap(c, CAP)).isTrue();
            assertThat(repo.transition(c.id(), CallStatus.ACTIVE, CallStatus.NO_ANSWER, "480 Temporarily Unavailable"))
                    .isTrue();
        }
        assertThat(repo.schedule(late.id(), CallStatus.BUSY, "2999-01-01T00:00:01Z")).as("not busy").isFalse();
        assertThat(stored(late.id()).status()).isEqualTo(CallStatus.NO_ANSWER);

        clock.advance(Duration.ofSeconds(3));
        assertThat(repo.schedule(late.id(), CallStatus.NO_ANSWER, "2999-01-01T00:00:03Z")).isTrue();
        assertThat(repo.schedule(early.id(), CallStatus.NO_ANSWER, "2999-01-01T00:00:01Z")).isTrue();
        assertThat(repo.schedule(middle.id(), CallStatus.NO_ANSWER, "2999-01-01T00:00:02Z")).isTrue();
        assertThat(repo.schedule(middle.id(), CallStatus.NO_ANSWER, "2999-01-01T00:00:09Z")).as("once").isFalse();
        assertThat(stored(late.id())).satisfies(s -> {
            assertThat(s.status()).isEqualTo(CallStatus.SCHEDULED);
            assertThat(s.nextAttemptAt()).as("stored fixed-width").isEqualTo("2999-01-01T00:00:03.000Z");
            assertThat(s.updatedAt()).isEqualTo(Timestamps.format(clock.instant()));
        });
        assertThat(repo.lineHolders()).as("a scheduled retry holds no line").isEmpty();

        Set<String> ours = Set.of(late.id(), early.id(), middle.id());
        assertThat(repo.due("2999-01-01T00:00:05Z", 100).stream().map(Call::id).filter(ours::contains))
                .containsExactly(early.id(), middle.id(), late.id());
        assertThat(repo.due("2999-01-01T00:00:02Z", 100).stream().map(Call::id).filter(ours::contains))
                .as("due at or before the time asked").containsExactly(early.id(), middle.id());
        assertThat(repo.due("2999-01-01T00:00:05Z", 1)).hasSize(1);

        assertThat(repo.admitScheduled(early.id(), CAP)).isEqualTo(Admission.ADMITTED);
        assertThat(repo.due("2999-01-01T00:00:05Z", 100).stream().map(Call::id).filter(ours::contains))
                .as("admitted: due no more").containsExactly(middle.id(), late.id());
    }

    /**
     * Instant.toString() drops a zero fraction: "…:05Z" sorted after "…:05.123Z" as text ('Z' > '.'), so a call due at
     * an exact second was not due until the next second's query, and one created at an exact second was listed as
     * newer than one created 123 ms later. Times are given here as callers used to write them (Instant.toString()).
     */
    @Test
    void timesAtAnExactSecondCompareAsInstantsWithTimesThatHaveMillis() {
        Instant exact = Instant.parse("2999-01-01T00:00:05Z");
        Instant millis = exact.plusMillis(123);
        Call atSecond = ours(CallStatus.SCHEDULED, exact.toString(), exact.toString());
        Call atMillis = ours(CallStatus.SCHEDULED, millis.toString(), millis.toString());
        for (Call c : List.of(atMillis, atSecond)) {
            repo.create(c);
        }
        Set<String> ours = Set.of(atSecond.id(), atMillis.id());

        assertThat(repo.due(exact.plusMillis(100).toString(), 100).stream().map(Call::id).filter(ours::contains))
                .as("due at 05.100: the one due at 05.000 only").containsExactly(atSecond.id());
        assertThat(repo.due(exact.toString(), 100).stream().map(Call::id).filter(ours::contains))
                .as("due at exactly its second").containsExactly(atSecond.id());
        assertThat(repo.due(millis.toString(), 100).stream().map(Call::id).filter(ours::contains))
                .as("earliest first").containsExactly(atSecond.id(), atMillis.id());
        assertThat(repo.due(exact.plusNanos(123_456_000).toString(), 100).stream().map(Call::id)
                .filter(ours::contains)).as("asked with micros (\"…:05.123456Z\" sorted before \"…:05.123Z\")")
                .containsExactly(atSecond.id(), atMillis.id());
        assertThat(stored(atSecond.id()).nextAttemptAt()).isEqualTo("2999-01-01T00:00:05.000Z");
        assertThat(Timestamps.parse(stored(atSecond.id()).createdAt())).isEqualTo(exact);

        assertThat(repo.schedule(atMillis.id(), CallStatus.SCHEDULED, exact.plusSeconds(1).toString())).isTrue();
        assertThat(repo.due(exact.plusMillis(999).toString(), 100).stream().map(Call::id).filter(ours::contains))
                .as("rescheduled to 06.000").containsExactly(atSecond.id());
    }

    @Test
    void callsCreatedAtAnExactSecondAreListedBeforeThoseCreatedLaterInIt() {
        Instant exact = clock.instant().minusSeconds(40); // the clock stands at a whole second
        Call atSecond = ours(CallStatus.PENDING, exact.toString(), null);
        Call atMillis = ours(CallStatus.PENDING, exact.plusMillis(123).toString(), null);
        for (Call c : List.of(atSecond, atMillis)) {
            assertThat(repo.createWithinCap(c, CAP)).isTrue();
        }
        assertThat(repo.list(Optional.empty(), 100).stream().map(Call::id)
                .filter(id -> id.equals(atSecond.id()) || id.equals(atMillis.id())))
                .as("newest first").containsExactly(atMillis.id(), atSecond.id());
    }

    @Test
    void callsAreListedNewestFirstAndFilteredByStatus() {
        Instant base = clock.instant().minusSeconds(30).plusMillis(500);
        Call first = ours(CallStatus.PENDING, base.toString(), null);
        Call second = ours(CallStatus.PENDING, base.plusSeconds(1).toString(), null);
        Call third = ours(CallStatus.PENDING, base.plusSeconds(2).toString(), null);
        for (Call c : List.of(second, third, first)) {
            assertThat(repo.createWithinCap(c, CAP)).isTrue();
        }
        assertThat(repo.transition(second.id(), CallStatus.ACTIVE, CallStatus.FAILED, "start_failed")).isTrue();
        Set<String> ours = Set.of(first.id(), second.id(), third.id());

        assertThat(repo.list(Optional.empty(), 100).stream().map(Call::id).filter(ours::contains))
                .containsExactly(third.id(), second.id(), first.id());
        assertThat(repo.list(Optional.of(CallStatus.PENDING), 100).stream().map(Call::id).filter(ours::contains))
                .containsExactly(third.id(), first.id());
        assertThat(repo.list(Optional.of(CallStatus.FAILED), 100)).allMatch(c -> c.status() == CallStatus.FAILED)
                .extracting(Call::id).contains(second.id());
        assertThat(repo.list(Optional.empty(), 2)).hasSize(2);
    }

    @Test
    void aNonceIsClaimedOnce() {
        String nonce = "contract-" + UUID.randomUUID();
        long expires = clock.instant().plusSeconds(600).getEpochSecond();
        assertThat(repo.claimNonce(nonce, expires)).isTrue();
        assertThat(repo.claimNonce(nonce, expires)).as("a replay").isFalse();
        assertThat(repo.claimNonce(nonce + "-other", expires)).isTrue();
    }

    @Test
    void theDoNotCallListHoldsWhatWasPutOnIt() {
        // +7700 9…: a number no other test dials (the entry stays in the stack's table).
        String listed = "+77009" + String.format("%06d", Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        assertThat(repo.onDoNotCallList(listed)).isFalse();
        doNotCall(listed);
        assertThat(repo.onDoNotCallList(listed)).isTrue();
        assertThat(repo.onDoNotCallList("+77010000000")).isFalse();
    }

    @Test
    void numbersPutOnTheListAreListedNewestFirstWithTheirNoteAndTakenOffOnce() {
        String first = "+77008" + String.format("%06d", Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        String second = "+77007" + String.format("%06d", Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        repo.addToDoNotCallList(List.of(first), null);
        clock.advance(Duration.ofSeconds(5));
        repo.addToDoNotCallList(List.of(second), "asked on the phone");
        assertThat(repo.onDoNotCallList(first)).isTrue();
        assertThat(repo.onDoNotCallList(second)).isTrue();
        List<kz.clinicai.calls.call.DoNotCallEntry> listed = repo.doNotCallList(1000).stream()
                .filter(e -> e.phone().equals(first) || e.phone().equals(second)).toList();
        assertThat(listed).containsExactly(
                new kz.clinicai.calls.call.DoNotCallEntry(second, Timestamps.format(clock.instant()), "asked on the phone"),
                new kz.clinicai.calls.call.DoNotCallEntry(first, Timestamps.format(clock.instant().minusSeconds(5)), null));
        // Listed again (a repeated import): one entry, the new note and time.
        clock.advance(Duration.ofSeconds(5));
        repo.addToDoNotCallList(List.of(first), "again");
        assertThat(repo.doNotCallList(1000).stream().filter(e -> e.phone().equals(first)).toList())
                .containsExactly(new kz.clinicai.calls.call.DoNotCallEntry(first, Timestamps.format(clock.instant()), "again"));

        assertThat(repo.removeFromDoNotCallList(first)).isTrue();
        assertThat(repo.removeFromDoNotCallList(first)).as("taken off once").isFalse();
        assertThat(repo.onDoNotCallList(first)).isFalse();
        assertThat(repo.doNotCallList(1000)).extracting(kz.clinicai.calls.call.DoNotCallEntry::phone)
                .doesNotContain(first).contains(second);
        repo.removeFromDoNotCallList(second);
    }

    @Test
    void settingsReadBackAsSavedWithUnsetFieldsUnsetAndTheSaveTime() {
        assertThat(repo.settings()).isEqualTo(kz.clinicai.calls.call.StoredSettings.NONE);
        var saved = repo.saveSettings(new kz.clinicai.calls.call.StoredSettings("+77010000002", "10:00-19:00", null, 4,
                null));
        assertThat(saved).isEqualTo(new kz.clinicai.calls.call.StoredSettings("+77010000002", "10:00-19:00", null, 4,
                Timestamps.format(clock.instant())));
        assertThat(repo.settings()).isEqualTo(saved);
        clock.advance(Duration.ofMinutes(1));
        // Replaced whole: what the new save leaves out is unset again; "" (no operator) is a value.
        repo.saveSettings(new kz.clinicai.calls.call.StoredSettings("", null, 600, null, null));
        assertThat(repo.settings()).isEqualTo(new kz.clinicai.calls.call.StoredSettings("", null, 600, null,
                Timestamps.format(clock.instant())));
    }
}
