package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.chat.operator.BoardStore;
import kz.clinicai.chat.operator.BoardStore.Board;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What WaitingBoard relies on from every {@link BoardStore}: one worker at a time creates an operator's board (a
 * lease, taken over only once it has run out, never while a board message exists), and a saved board is found with
 * its message and text. Run against the in-memory twin and DynamoDB Local with the template's ChatTable; each test
 * has operator ids of its own.
 */
abstract class BoardStoreContract {

    static final int CONTENDERS = 8;

    abstract BoardStore store();

    BoardStore store;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void newStore() {
        store = store();
    }

    @AfterEach
    void forgetEveryBoard() {
        ids.forEach(store::forget);
    }

    long operator() {
        long id = 7_000_000_000L + (long) (Math.random() * 1_000_000_000L);
        ids.add(id);
        return id;
    }

    @Test
    void oneWorkerCreatesABoardUntilItsLeaseRunsOut() {
        long operator = operator();
        Instant leaseUntil = now.plusSeconds(30);

        assertThat(store.find(operator)).isEmpty();
        assertThat(store.startCreating(operator, leaseUntil, now)).isTrue();
        assertThat(store.find(operator)).contains(new Board(null, "", leaseUntil));
        assertThat(store.startCreating(operator, now.plusSeconds(40), now.plusSeconds(10))).as("leased").isFalse();
        assertThat(store.startCreating(operator, now.plusSeconds(60), leaseUntil)).as("the lease's last instant")
                .isFalse();
        // The creator died holding the lease: the next worker takes over once it has run out.
        Instant later = leaseUntil.plusMillis(1);
        assertThat(store.startCreating(operator, later.plusSeconds(30), later)).isTrue();
        assertThat(store.find(operator).orElseThrow().leaseUntil()).isEqualTo(later.plusSeconds(30));
    }

    @Test
    void concurrentWorkersCreateOneBoard() throws Exception {
        long operator = operator();

        List<Boolean> won = ChatRepositoryContract.race(CONTENDERS,
                () -> store.startCreating(operator, now.plusSeconds(30), now));

        assertThat(won).filteredOn(w -> w).hasSize(1);
    }

    @Test
    void aSavedBoardIsFoundAndNeverRecreatedUntilForgotten() {
        long operator = operator();
        store.startCreating(operator, now.plusSeconds(30), now);

        store.save(operator, 901, "Ждут оператора: 1", now.plusSeconds(1));
        assertThat(store.find(operator)).contains(new Board(901L, "Ждут оператора: 1", now.plusSeconds(1)));
        assertThat(store.startCreating(operator, now.plusSeconds(90), now.plusSeconds(60))).as("a board exists")
                .isFalse();

        store.save(operator, 901, "Ждут оператора: 2", now.plusSeconds(2));
        assertThat(store.find(operator).orElseThrow().text()).isEqualTo("Ждут оператора: 2");

        store.forget(operator);
        assertThat(store.find(operator)).isEmpty();
        assertThat(store.startCreating(operator, now.plusSeconds(90), now.plusSeconds(60))).isTrue();
        store.forget(operator);
        store.forget(operator);
    }
}
