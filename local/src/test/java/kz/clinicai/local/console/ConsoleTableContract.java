package kz.clinicai.local.console;

import static kz.clinicai.console.store.ConsoleTable.n;
import static kz.clinicai.console.store.ConsoleTable.num;
import static kz.clinicai.console.store.ConsoleTable.s;
import static kz.clinicai.console.store.ConsoleTable.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.console.store.ConsoleTable.Write;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the console's features rely on from {@link ConsoleTable} (first user claimed in one transaction, API keys
 * created all-or-nothing, login failures counted in fixed windows, a run's usage and a month's budget alert claimed
 * once, pending messages read in order, expired rows still readable until TTL deletes them), run against the
 * in-memory twin and against DynamoDB Local with the template's ConsoleTable, so the fake cannot drift from the
 * real one. Every test writes under partition keys of its own.
 */
abstract class ConsoleTableContract {

    static final int CONTENDERS = 8;

    abstract ConsoleTable table();

    private ConsoleTable table;
    private String p;

    @BeforeEach
    void newTable() {
        table = table();
        p = "contract#" + UUID.randomUUID() + "#";
    }

    private Map<String, AttributeValue> item(String pk, String sk, String attr, String value) {
        return Map.of("pk", s(pk), "sk", s(sk), attr, s(value));
    }

    @Test
    void putReplacesTheWholeItemAndGetReadsItBack() {
        table.put(Map.of("pk", s(p + "a"), "sk", s("x"), "one", s("1"), "two", s("2")));
        table.put(item(p + "a", "x", "one", "uno"));

        assertThat(table.get(p + "a", "x")).get()
                .satisfies(i -> assertThat(str(i, "one")).isEqualTo("uno"))
                .satisfies(i -> assertThat(i).doesNotContainKey("two"));
        assertThat(table.get(p + "a", "y")).isEmpty();
        assertThat(table.get(p + "b", "x")).isEmpty();
    }

    @Test
    void putIfAbsentWritesOnlyTheFirstTime() {
        assertThat(table.putIfAbsent(item(p + "a", "notice#m#7", "sentAt", "first"))).isTrue();
        assertThat(table.putIfAbsent(item(p + "a", "notice#m#7", "sentAt", "second"))).isFalse();

        assertThat(table.get(p + "a", "notice#m#7").map(i -> str(i, "sentAt"))).contains("first");
        table.delete(p + "a", "notice#m#7");
        assertThat(table.putIfAbsent(item(p + "a", "notice#m#7", "sentAt", "again"))).as("released").isTrue();
    }

    @Test
    void concurrentPutIfAbsentLetsExactlyOneWin() throws Exception {
        List<Boolean> outcomes = race(i -> table.putIfAbsent(item(p + "a", "claim", "by", "contender-" + i)));

        assertThat(outcomes).containsOnlyOnce(true);
        int winner = outcomes.indexOf(true);
        assertThat(table.get(p + "a", "claim").map(i -> str(i, "by"))).contains("contender-" + winner);
    }

    @Test
    void deleteRemovesAndDeletingNothingIsFine() {
        table.put(item(p + "a", "x", "v", "1"));
        table.delete(p + "a", "x");
        table.delete(p + "a", "never-written");

        assertThat(table.get(p + "a", "x")).isEmpty();
        assertThat(table.query(p + "a", null)).isEmpty();
    }

    @Test
    void queryReadsOnePartitionInSortKeyOrderByUtf8BytesAndFiltersByPrefix() {
        // U+FF01 sorts before U+1F600 in UTF-8 (EF… < F0…) but after it in Java's UTF-16 (FF01 > D83D).
        List<String> sks = List.of("msg#2", "msg#10", "run#r1", "thread", "msg#\uFF01", "msg#\uD83D\uDE00", "msg#1");
        sks.forEach(sk -> table.put(item(p + "t", sk, "text", sk)));
        table.put(item(p + "other", "msg#0", "text", "not this partition"));

        assertThat(table.query(p + "t", "msg#").stream().map(i -> str(i, "sk")))
                .containsExactly("msg#1", "msg#10", "msg#2", "msg#\uFF01", "msg#\uD83D\uDE00");
        assertThat(table.query(p + "t", null).stream().map(i -> str(i, "sk")))
                .containsExactly("msg#1", "msg#10", "msg#2", "msg#\uFF01", "msg#\uD83D\uDE00", "run#r1", "thread");
        assertThat(table.query(p + "t", "")).hasSize(7);
        assertThat(table.query(p + "none", null)).isEmpty();
    }

    @Test
    void countInWindowCountsWithinAWindowAndStartsAgainInANewerOne() {
        assertThat(table.countInWindow(p + "ip", "window", 1_000, 2_000)).isEqualTo(1);
        assertThat(table.countInWindow(p + "ip", "window", 1_000, 2_100)).isEqualTo(2);
        // A caller whose window began earlier (its clock is behind) counts into the current one.
        assertThat(table.countInWindow(p + "ip", "window", 900, 2_200)).isEqualTo(3);
        assertThat(table.get(p + "ip", "window")).get().satisfies(i -> {
            assertThat(num(i, "windowStart", -1)).isEqualTo(1_000);
            assertThat(num(i, "expiresAt", -1)).as("the TTL follows the last failure").isEqualTo(2_200);
        });

        assertThat(table.countInWindow(p + "ip", "window", 1_900, 3_000)).as("a newer window").isEqualTo(1);
        assertThat(table.get(p + "ip", "window")).get().satisfies(i -> {
            assertThat(num(i, "windowStart", -1)).isEqualTo(1_900);
            assertThat(num(i, "expiresAt", -1)).isEqualTo(3_000);
        });
    }

    @Test
    void concurrentCountsInOneWindowLoseNoIncrement() throws Exception {
        List<Long> counts = race(i -> table.countInWindow(p + "acct", "window", 5_000, 6_000));

        assertThat(counts).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, CONTENDERS).boxed().toList());
    }

    @Test
    void claimChangesAnAttributeOncePerValueAndOnlyOnAnExistingItem() {
        assertThat(table.claim(p + "s", "site", "alerted80Month", s("2026-12"))).as("no item").isFalse();
        assertThat(table.get(p + "s", "site")).as("claim creates nothing").isEmpty();

        table.put(Map.of("pk", s(p + "s"), "sk", s("site"), "balanceUsd", n(10.5)));
        assertThat(table.claim(p + "s", "site", "alerted80Month", s("2026-12"))).isTrue();
        assertThat(table.claim(p + "s", "site", "alerted80Month", s("2026-12"))).isFalse();
        assertThat(table.claim(p + "s", "site", "alerted80Month", s("2027-01"))).as("next month").isTrue();
        assertThat(table.get(p + "s", "site")).get().satisfies(i -> {
            assertThat(str(i, "alerted80Month")).isEqualTo("2027-01");
            assertThat(i.get("balanceUsd").n()).as("other attributes kept").isEqualTo("10.5");
        });
    }

    @Test
    void concurrentClaimsOfOneRunLetExactlyOneRecordItsUsage() throws Exception {
        table.put(item(p + "thread", "run#r", "owner", "a@example.kz"));

        List<Boolean> outcomes = race(i -> table.claim(p + "thread", "run#r", "usageRecorded",
                AttributeValue.fromBool(true)));

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(table.get(p + "thread", "run#r").map(i -> i.get("usageRecorded").bool())).contains(true);
    }

    @Test
    void transactWritesAllOrNothing() {
        table.put(item(p + "meta", "first-user", "email", "first@example.kz"));

        boolean second = table.transact(List.of(
                Write.putIfAbsent(item(p + "user#b", "profile", "role", "ADMIN")),
                Write.put(item(p + "users", "b", "v", "1")),
                Write.putIfAbsent(item(p + "meta", "first-user", "email", "b@example.kz"))));

        assertThat(second).isFalse();
        assertThat(table.get(p + "user#b", "profile")).as("nothing of a failed transaction").isEmpty();
        assertThat(table.get(p + "users", "b")).isEmpty();
        assertThat(table.get(p + "meta", "first-user").map(i -> str(i, "email"))).contains("first@example.kz");

        boolean editor = table.transact(List.of(
                Write.putIfAbsent(item(p + "user#b", "profile", "role", "EDITOR")),
                Write.put(item(p + "users", "b", "v", "2")),
                Write.put(item(p + "meta", "first-user", "email", "overwritten@example.kz"))));

        assertThat(editor).isTrue();
        assertThat(table.get(p + "user#b", "profile").map(i -> str(i, "role"))).contains("EDITOR");
        assertThat(table.get(p + "users", "b").map(i -> str(i, "v"))).contains("2");
        assertThat(table.get(p + "meta", "first-user").map(i -> str(i, "email"))).contains("overwritten@example.kz");
    }

    @Test
    void concurrentFirstRegistrationsMakeAtMostOneAdmin() throws Exception {
        List<Boolean> outcomes = race(i -> table.transact(List.of(
                Write.putIfAbsent(item(p + "user#" + i, "profile", "role", "ADMIN")),
                Write.putIfAbsent(item(p + "meta", "first-user", "email", "user" + i + "@example.kz")))));

        // DynamoDB may cancel a transaction for a conflict as well as for its condition: at most one wins, and the
        // marker names that one.
        assertThat(outcomes.stream().filter(o -> o)).hasSizeLessThanOrEqualTo(1);
        for (int i = 0; i < CONTENDERS; i++) {
            assertThat(table.get(p + "user#" + i, "profile").isPresent()).as("profile of contender " + i)
                    .isEqualTo(outcomes.get(i));
        }
        int winner = outcomes.indexOf(true);
        assertThat(table.get(p + "meta", "first-user").map(i -> str(i, "email")))
                .isEqualTo(winner < 0 ? java.util.Optional.empty()
                        : java.util.Optional.of("user" + winner + "@example.kz"));
    }

    @Test
    void aTransactionTouchingOneItemTwiceIsRefusedAndWritesNothing() {
        assertThatThrownBy(() -> table.transact(List.of(
                Write.put(item(p + "x", "a", "v", "1")),
                Write.put(item(p + "x", "a", "v", "2")))))
                .isInstanceOf(RuntimeException.class);
        assertThat(table.get(p + "x", "a")).isEmpty();
    }

    @Test
    void anItemPastItsExpiryIsStillReadUntilTtlDeletesIt() {
        long past = Instant.now().minusSeconds(3_600).getEpochSecond();
        table.put(Map.of("pk", s(p + "models"), "sk", s("compared#a#b#x"), "expiresAt", n(past)));

        // DynamoDB's TTL deletes expired items late (within days): readers check expiresAt themselves.
        assertThat(table.get(p + "models", "compared#a#b#x")).get()
                .satisfies(i -> assertThat(num(i, "expiresAt", 0)).isEqualTo(past));
        assertThat(table.query(p + "models", "compared#")).hasSize(1);
    }

    interface Contender<T> {
        T run(int index) throws Exception;
    }

    private <T> List<T> race(Contender<T> contender) throws Exception {
        CountDownLatch ready = new CountDownLatch(CONTENDERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return contender.run(index);
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
