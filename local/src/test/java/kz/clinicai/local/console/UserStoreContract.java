package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.console.security.ConsoleUser;
import kz.clinicai.console.security.UserStore;
import kz.clinicai.console.security.UserStore.Created;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What registration and login rely on from a {@link UserStore}: the first user is the active admin, later ones wait
 * as editors, an email is one user however it is typed, and simultaneous first registrations never make two admins.
 * Run on {@code DynamoDbUserStore} over the in-memory table twin and over DynamoDB Local (a fresh table with the
 * template's ConsoleTable keys: "no user yet" is a property of the whole table).
 */
abstract class UserStoreContract {

    static final int CONTENDERS = 8;

    /** A store over an empty console table. */
    abstract UserStore users();

    private UserStore users;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void emptyTable() {
        users = users();
    }

    @Test
    void theFirstUserIsAnActiveAdminAndLaterOnesPendingEditors() {
        assertThat(users.noUserYet()).isTrue();
        assertThat(users.create("first@example.kz", "hash-1", now)).isEqualTo(Created.ADMIN);
        assertThat(users.noUserYet()).isFalse();
        assertThat(users.create("second@example.kz", "hash-2", now)).isEqualTo(Created.PENDING);

        assertThat(users.find("first@example.kz")).contains(new ConsoleUser("first@example.kz", "hash-1",
                ConsoleUser.Role.ADMIN, ConsoleUser.Status.ACTIVE, 1, now));
        assertThat(users.find("second@example.kz")).contains(new ConsoleUser("second@example.kz", "hash-2",
                ConsoleUser.Role.EDITOR, ConsoleUser.Status.PENDING, 1, now));
        assertThat(users.find("nobody@example.kz")).isEmpty();
    }

    @Test
    void anEmailIsOneUserHoweverItIsTyped() {
        assertThat(users.create("  Mixed.Case@Example.KZ ", "hash", now)).isEqualTo(Created.ADMIN);

        assertThat(users.find("mixed.case@example.kz")).get().extracting(ConsoleUser::email)
                .isEqualTo("mixed.case@example.kz");
        assertThat(users.find("MIXED.CASE@EXAMPLE.KZ")).isPresent();
        assertThat(users.create("mixed.case@example.kz", "other", now)).isEqualTo(Created.EMAIL_TAKEN);
        assertThat(users.find("mixed.case@example.kz")).get().extracting(ConsoleUser::passwordHash)
                .as("the taken email keeps its password").isEqualTo("hash");
    }

    @Test
    void allListsEveryUserAndSaveChangesOne() {
        users.create("a@example.kz", "h", now);
        users.create("b@example.kz", "h", now);
        users.create("c@example.kz", "h", now);
        ConsoleUser b = users.find("b@example.kz").orElseThrow();

        users.save(b.withStatus(ConsoleUser.Status.ACTIVE).withRole(ConsoleUser.Role.ADMIN));

        assertThat(users.all()).extracting(ConsoleUser::email)
                .containsExactlyInAnyOrder("a@example.kz", "b@example.kz", "c@example.kz");
        assertThat(users.find("b@example.kz")).get().satisfies(u -> {
            assertThat(u.status()).isEqualTo(ConsoleUser.Status.ACTIVE);
            assertThat(u.role()).isEqualTo(ConsoleUser.Role.ADMIN);
            assertThat(u.createdAt()).isEqualTo(now);
        });
    }

    @Test
    void simultaneousFirstRegistrationsMakeAtMostOneAdmin() throws Exception {
        CountDownLatch ready = new CountDownLatch(CONTENDERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        List<Created> outcomes = new ArrayList<>();
        try {
            List<Future<Created>> futures = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                String email = "user" + i + "@example.kz";
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return users.create(email, "h", now);
                }));
            }
            ready.await();
            go.countDown();
            for (Future<Created> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).doesNotContain(Created.EMAIL_TAKEN);
        long admins = outcomes.stream().filter(o -> o == Created.ADMIN).count();
        assertThat(admins).isLessThanOrEqualTo(1);
        assertThat(users.all().stream().filter(u -> u.role() == ConsoleUser.Role.ADMIN).count()).isEqualTo(admins);
        for (int i = 0; i < CONTENDERS; i++) {
            assertThat(users.find("user" + i + "@example.kz").isPresent()).as("user " + i + " " + outcomes.get(i))
                    .isEqualTo(outcomes.get(i) != Created.RACE);
        }
    }
}
