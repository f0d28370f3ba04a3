package kz.clinicai.calls.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import kz.clinicai.shared.http.ApiException;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private final Set<String> seen = new HashSet<>();
    private final WebhookSignature signature = new WebhookSignature((n, exp) -> seen.add(n));

    @Test
    void aFreshSignatureIsAcceptedOnceOnly() {
        String header = WebhookSignature.sign("k", NOW.getEpochSecond(), "nonce-0001", "{\"a\":1}");
        signature.verify(header, "k", "{\"a\":1}", NOW);
        assertThatThrownBy(() -> signature.verify(header, "k", "{\"a\":1}", NOW))
                .isInstanceOf(ApiException.class).hasMessage("Replayed request");
    }

    @Test
    void aChangedBodyWrongKeyOldTimestampOrMissingHeaderIs401() {
        long t = NOW.getEpochSecond();
        String header = WebhookSignature.sign("k", t, "nonce-0002", "{\"a\":1}");
        assertThatThrownBy(() -> signature.verify(header, "k", "{\"a\":2}", NOW)).hasMessage("Bad signature");
        assertThatThrownBy(() -> signature.verify(header, "other", "{\"a\":1}", NOW)).hasMessage("Bad signature");
        assertThatThrownBy(() -> signature.verify(WebhookSignature.sign("k", t - 301, "nonce-0003", "{}"), "k", "{}", NOW))
                .hasMessage("Signature expired");
        assertThatThrownBy(() -> signature.verify(null, "k", "{}", NOW)).hasMessage("Signature required");
        assertThatThrownBy(() -> signature.verify("t=1,n=x", "k", "{}", NOW)).hasMessage("Malformed signature");
        // a refused request does not burn its nonce
        assertThat(seen).isEmpty();
        assertThat(((ApiException) catchThrown(() -> signature.verify(null, "k", "{}", NOW))).status()).isEqualTo(401);
    }

    @Test
    void perCallKeysDifferAndDeriveFromTheMaster() {
        WebhookKeys keys = new WebhookKeys(() -> "master");
        assertThat(keys.callKey("call_a")).isNotEqualTo(keys.callKey("call_b")).hasSize(64);
        assertThat(keys.scenarioKey()).isEqualTo(WebhookKeys.hmacHex("master", "scenario"));
        // RFC 4231 test case 2
        assertThat(WebhookKeys.hmacHex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    private static Throwable catchThrown(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
