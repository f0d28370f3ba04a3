package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.chat.operator.Operator;
import kz.clinicai.chat.operator.OperatorRepository;
import kz.clinicai.chat.operator.OperatorStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What OperatorService and OperatorDispatch rely on from every {@link OperatorRepository}: /start registers a person
 * once; only an approved operator can be available; disabling makes them unavailable and wins over a concurrent
 * /available; {@code available()} is exactly who gets offered chats. Run against the in-memory twin and DynamoDB
 * Local with the template's ChatTable. The roster is one partition of the stack's table, shared with other tests:
 * each test has operator ids of its own and asserts only about them.
 */
abstract class OperatorRepositoryContract {

    static final int CONTENDERS = 8;

    abstract OperatorRepository repository();

    OperatorRepository repo;

    @BeforeEach
    void newRepository() {
        repo = repository();
    }

    private final List<Long> ids = new ArrayList<>();

    long id() {
        long id = 8_000_000_000L + (long) (Math.random() * 1_000_000_000L);
        ids.add(id);
        return id;
    }

    /** The DynamoDB table is the stack's own: no operator of these tests may be offered other tests' chats. */
    @AfterEach
    void disableEveryOperatorLeft() {
        for (long id : ids) {
            repo.setStatus(id, OperatorStatus.DISABLED);
        }
        assertThat(repo.available()).extracting(Operator::id).doesNotContainAnyElementsOf(ids);
    }

    Operator registered(OperatorStatus status) {
        Operator operator = new Operator(id(), "Оператор " + status, status, false);
        assertThat(repo.register(operator)).isTrue();
        return operator;
    }

    static <T> List<T> race(int n, Callable<T> action) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return action.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPersonIsRegisteredOnceAndKeepsWhatTheFirstRegistrationSaid() {
        long id = id();
        Operator first = new Operator(id, "Алия", OperatorStatus.CANDIDATE, false);

        assertThat(repo.find(id)).isEmpty();
        assertThat(repo.register(first)).isTrue();
        assertThat(repo.register(new Operator(id, "Другое имя", OperatorStatus.APPROVED, true))).isFalse();

        assertThat(repo.find(id)).contains(first);
        assertThat(repo.all()).contains(first);
    }

    @Test
    void concurrentStartsOfOnePersonRegisterThemOnce() throws Exception {
        long id = id();

        List<Boolean> registered = race(CONTENDERS,
                () -> repo.register(new Operator(id, "Алия", OperatorStatus.CANDIDATE, false)));

        assertThat(registered).filteredOn(r -> r).hasSize(1);
        assertThat(repo.all()).filteredOn(o -> o.id() == id).hasSize(1);
    }

    @Test
    void anUnknownIdCanNeitherBeApprovedNorMadeAvailable() {
        long id = id();

        assertThat(repo.setStatus(id, OperatorStatus.APPROVED)).isFalse();
        assertThat(repo.setAvailable(id, true)).isFalse();

        assertThat(repo.find(id)).as("nothing created").isEmpty();
        assertThat(repo.all()).noneMatch(o -> o.id() == id);
    }

    @Test
    void onlyAnApprovedOperatorBecomesAvailableAndIsOfferedChats() {
        Operator candidate = registered(OperatorStatus.CANDIDATE);
        Operator approved = registered(OperatorStatus.APPROVED);

        assertThat(repo.setAvailable(candidate.id(), true)).isFalse();
        assertThat(repo.setAvailable(approved.id(), true)).isTrue();

        assertThat(repo.find(candidate.id()).orElseThrow().available()).isFalse();
        assertThat(repo.find(approved.id()).orElseThrow()).isEqualTo(
                new Operator(approved.id(), approved.name(), OperatorStatus.APPROVED, true));
        assertThat(repo.available()).extracting(Operator::id).contains(approved.id()).doesNotContain(candidate.id());

        assertThat(repo.setAvailable(approved.id(), false)).isTrue();
        assertThat(repo.available()).extracting(Operator::id).doesNotContain(approved.id());
    }

    @Test
    void approvingACandidateLetsThemBecomeAvailable() {
        Operator candidate = registered(OperatorStatus.CANDIDATE);

        assertThat(repo.setStatus(candidate.id(), OperatorStatus.APPROVED)).isTrue();
        assertThat(repo.find(candidate.id()).orElseThrow().available()).as("approval is not presence").isFalse();
        assertThat(repo.setAvailable(candidate.id(), true)).isTrue();

        assertThat(repo.available()).extracting(Operator::id).contains(candidate.id());
    }

    @Test
    void disablingMakesUnavailableAndReapprovalDoesNotMakeAvailableAgain() {
        Operator operator = registered(OperatorStatus.APPROVED);
        repo.setAvailable(operator.id(), true);

        assertThat(repo.setStatus(operator.id(), OperatorStatus.DISABLED)).isTrue();
        assertThat(repo.find(operator.id()).orElseThrow()).isEqualTo(
                new Operator(operator.id(), operator.name(), OperatorStatus.DISABLED, false));
        assertThat(repo.setAvailable(operator.id(), true)).as("disabled").isFalse();
        assertThat(repo.available()).extracting(Operator::id).doesNotContain(operator.id());

        assertThat(repo.setStatus(operator.id(), OperatorStatus.APPROVED)).isTrue();
        assertThat(repo.find(operator.id()).orElseThrow().available()).isFalse();
    }

    @Test
    void aDisableRacingAnAvailableNeverLeavesADisabledOperatorAvailable() throws Exception {
        for (int round = 0; round < 5; round++) {
            Operator operator = registered(OperatorStatus.APPROVED);
            var turn = new java.util.concurrent.atomic.AtomicInteger();

            race(2, () -> turn.getAndIncrement() == 0
                    ? repo.setStatus(operator.id(), OperatorStatus.DISABLED)
                    : repo.setAvailable(operator.id(), true));

            Operator after = repo.find(operator.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(OperatorStatus.DISABLED);
            assertThat(after.available()).as("round %d", round).isFalse();
            assertThat(repo.available()).extracting(Operator::id).doesNotContain(operator.id());
        }
    }
}
