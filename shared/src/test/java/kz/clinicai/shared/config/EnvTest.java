package kz.clinicai.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void requiredMissingOrBlankNamesTheVariable() {
        Env env = Env.of(Map.of("BLANK", "  "));

        assertThatThrownBy(() -> env.required("TABLE_NAME"))
                .isInstanceOf(MissingEnvironmentException.class)
                .hasMessageContaining("TABLE_NAME")
                .satisfies(e -> assertThat(((MissingEnvironmentException) e).name()).isEqualTo("TABLE_NAME"));
        assertThatThrownBy(() -> env.required("BLANK")).isInstanceOf(MissingEnvironmentException.class);
    }

    @Test
    void requiredReturnsTheValue() {
        assertThat(Env.of(Map.of("TABLE_NAME", "sessions")).required("TABLE_NAME")).isEqualTo("sessions");
    }

    @Test
    void invalidIntegerNamesTheVariableButNotItsValue() {
        Env env = Env.of(Map.of("MAX_ROUNDS", "sk-secret-42x"));

        assertThatThrownBy(() -> env.intValue("MAX_ROUNDS", 3))
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageContaining("MAX_ROUNDS")
                .hasMessageNotContaining("sk-secret-42x")
                .hasMessageNotContaining("secret");
    }

    @Test
    void typedReadersParseOrFallBack() {
        Env env = Env.of(Map.of("N", " 7 ", "F", "yes", "S", "0.5", "U", "http://127.0.0.1:4566"));

        assertThat(env.intValue("N", 1)).isEqualTo(7);
        assertThat(env.intValue("ABSENT", 1)).isEqualTo(1);
        assertThat(env.flag("F", false)).isTrue();
        assertThat(env.flag("ABSENT", true)).isTrue();
        assertThat(env.seconds("S", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(env.uri("U")).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(env.get("ABSENT", "d")).isEqualTo("d");
    }

    @Test
    void invalidFlagAndUrlAreRejected() {
        Env env = Env.of(Map.of("F", "maybe", "U", "not a url"));

        assertThatThrownBy(() -> env.flag("F", false)).isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageContaining("F").hasMessageNotContaining("maybe");
        assertThatThrownBy(() -> env.uri("U")).isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageNotContaining("not a url");
    }

    @Test
    void optionalTreatsBlankAsAbsent() {
        Env env = Env.of(Map.of("EMPTY", "", "SPACES", "   ", "SET", "x"));

        assertThat(env.optional("EMPTY")).isEmpty();
        assertThat(env.optional("SPACES")).isEmpty();
        assertThat(env.optional("UNSET")).isEmpty();
        assertThat(env.optional("SET")).contains("x");
    }

    @Test
    void namesReadRecordsEveryLookupInOrder() {
        Env env = Env.of(Map.of("A", "1"));
        env.optional("A");
        env.get("B", "x");
        env.intValue("C", 0);

        assertThat(env.namesRead()).containsExactly("A", "B", "C");
    }

    @Test
    void scopedMakesTheMapCurrentAndRecordsWhatInitRead() {
        Env.Scoped<String> scoped = Env.scoped(Map.of("QUEUE_URL", "http://q"), () -> {
            Env env = Env.current();
            env.optional("OPTIONAL_THING");
            return env.required("QUEUE_URL");
        });

        assertThat(scoped.value()).isEqualTo("http://q");
        assertThat(scoped.namesRead()).containsExactlyInAnyOrder("QUEUE_URL", "OPTIONAL_THING");
        // Outside the scope, current() is the process environment again.
        assertThat(Env.current().optional("QUEUE_URL")).isEqualTo(Optional.ofNullable(System.getenv("QUEUE_URL")));
    }

    @Test
    void nestedScopeRestoresTheOuterOne() {
        Env.Scoped<String> outer = Env.scoped(Map.of("NAME", "outer"), () -> {
            String inner = Env.scoped(Map.of("NAME", "inner"), () -> Env.current().required("NAME")).value();
            return inner + "/" + Env.current().required("NAME");
        });

        assertThat(outer.value()).isEqualTo("inner/outer");
    }

    @Test
    void scopeIsRestoredWhenInitFails() {
        assertThatThrownBy(() -> Env.scoped(Map.of("NAME", "x"), () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(Env.current().optional("NAME")).isEqualTo(Optional.ofNullable(System.getenv("NAME")));
    }

    @Test
    void scopesArePerThread() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        // Own threads: the common pool may have a single worker on a small machine.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = threads.submit(() -> Env.scoped(Map.of("FN", "chat"), () -> {
                await(bothInside);
                return Env.current().required("FN");
            }).value());
            Future<String> b = threads.submit(() -> Env.scoped(Map.of("FN", "voicebot"), () -> {
                await(bothInside);
                return Env.current().required("FN");
            }).value());

            assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("chat");
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("voicebot");
        } finally {
            threads.shutdownNow();
        }
    }

    // Both threads are inside their scopes at the same time, so a shared (non-thread-local) scope would leak.
    private static void await(CountDownLatch latch) {
        latch.countDown();
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("other thread never entered its scope");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
