package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The concurrency cap every {@link CallRepository} keeps (admission counted and created in one conditional write,
 * lines given back when a call ends), run against the in-memory twin and against DynamoDB Local with the template's
 * CallsTable, so the fake cannot drift from the real one. Each test has a line pool and call ids of its own.
 */
abstract class CallRepositoryContract {

    static final int CAP = 3;
    static final int CONTENDERS = 12;

    /** A repository whose line pool no other test uses. */
    abstract CallRepository repository();

    private CallRepository repo;

    @BeforeEach
    void newPool() {
        repo = repository();
    }

    /** The DynamoDB table is the stack's own: no call of these tests may stay active (health, other tests). */
    @AfterEach
    void endEveryCallLeft() {
        for (String id : repo.lineHolders()) {
            repo.transition(id, CallStatus.ACTIVE, CallStatus.COMPLETED, null);
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
}
