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
    void aChangedLastCharacterEndsTheSessionEvenWhenItDecodesToTheSameBytes() {
        SessionSealer sealer = new SessionSealer(() -> key(1));
        // Sealed texts whose base64 length leaves unused bits in the last character (length % 4 != 0): flipping
        // only those bits gives another string with the same bytes, which was accepted before.
        int checked = 0;
        for (int n = 1; n <= 6; n++) {
            String sealed = sealer.seal("x".repeat(n));
            if (sealed.length() % 4 == 0) {
                continue;
            }
            char last = sealed.charAt(sealed.length() - 1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            int index = alphabet.indexOf(last);
            int unusedBits = sealed.length() % 4 == 2 ? 4 : 2;
            char sameBytes = alphabet.charAt(index ^ 1);
            assertThat(Base64.getUrlDecoder().decode(sealed.substring(0, sealed.length() - 1) + sameBytes))
                    .as("flipping the lowest of %d unused bits keeps the bytes", unusedBits)
                    .isEqualTo(Base64.getUrlDecoder().decode(sealed));
            assertThat(sealer.open(sealed.substring(0, sealed.length() - 1) + sameBytes)).isEmpty();
            assertThat(sealer.open(sealed)).contains("x".repeat(n));
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        SessionSealer sealer = new SessionSealer(() -> Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> sealer.seal("x")).isInstanceOf(IllegalStateException.class);
    }
}
