package kz.clinicai.shared.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecretStoreTest {

    private final Map<String, String> backing = new HashMap<>(Map.of("app/openai", "{\"api_key\":\"sk-1\"}"));
    private final AtomicInteger reads = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
    private boolean failing;

    private final SecretStore store = new SecretStore(id -> {
        reads.incrementAndGet();
        if (failing) {
            throw new IllegalStateException("throttled");
        }
        String v = backing.get(id);
        if (v == null) {
            throw new IllegalArgumentException("ResourceNotFoundException");
        }
        return v;
    }, clock, Duration.ofMinutes(5));

    @Test
    void readsAJsonKeyAndCachesItForTheTtl() {
        assertThat(store.field("app/openai", "api_key")).isEqualTo("sk-1");
        assertThat(store.field("app/openai", "api_key")).isEqualTo("sk-1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void picksUpARotatedValueAfterTheTtl() {
        assertThat(store.field("app/openai", "api_key")).isEqualTo("sk-1");
        backing.put("app/openai", "{\"api_key\":\"sk-2\"}");
        clock.advance(Duration.ofMinutes(4));
        assertThat(store.field("app/openai", "api_key")).isEqualTo("sk-1");
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.fieldSupplier("app/openai", "api_key").get()).isEqualTo("sk-2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void keepsTheStaleValueWhenARefreshFails() {
        store.string("app/openai");
        clock.advance(Duration.ofMinutes(10));
        failing = true;
        assertThat(store.field("app/openai", "api_key")).isEqualTo("sk-1");
        failing = false;
        backing.put("app/openai", "{\"api_key\":\"sk-3\"}");
        assertThat(store.field("app/openai", "api_key")).isEqualTo("sk-3");
    }

    @Test
    void namesTheSecretButNeverTheValueWhenSomethingIsMissing() {
        backing.put("app/plain", "not-json-sk-secret");
        assertThatThrownBy(() -> store.field("app/missing", "api_key"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("app/missing");
        assertThatThrownBy(() -> store.field("app/openai", "bot_token"))
                .hasMessageContaining("no key bot_token");
        assertThatThrownBy(() -> store.field("app/plain", "api_key"))
                .hasMessageContaining("not JSON")
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void constantTimeComparisonRefusesMissingAndEmptyValues() {
        assertThat(ConstantTime.equals("abc", "abc")).isTrue();
        assertThat(ConstantTime.equals("abc", "abd")).isFalse();
        assertThat(ConstantTime.equals("abc", "abcd")).isFalse();
        assertThat(ConstantTime.equals(null, "abc")).isFalse();
        assertThat(ConstantTime.equals("", "")).isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
