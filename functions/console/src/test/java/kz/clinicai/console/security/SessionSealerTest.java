package kz.clinicai.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionSealerTest {

    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void opensWhatItSealedAndNothingElse() {
        SessionSealer sealer = new SessionSealer(() -> key(1));
        String sealed = sealer.seal("admin@example.kz\n1\n1900000000");
        assertThat(sealed).doesNotContain("admin");
        assertThat(sealer.open(sealed)).contains("admin@example.kz\n1\n1900000000");
        char c = sealed.charAt(10);
        String tampered = sealed.substring(0, 10) + (c == 'A' ? 'B' : 'A') + sealed.substring(11);
        assertThat(sealer.open(tampered)).isEmpty();
        assertThat(sealer.open("garbage!")).isEmpty();
        assertThat(new SessionSealer(() -> key(2)).open(sealed)).as("another key").isEmpty();
        assertThat(sealer.seal("x")).isNotEqualTo(sealer.seal("x"));
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        SessionSealer sealer = new SessionSealer(() -> Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> sealer.seal("x")).isInstanceOf(IllegalStateException.class);
    }
}
