package kz.clinicai.console.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a session into a cookie value with AES-256-GCM: encrypted (the cookie reveals nothing) and authenticated
 * (a changed byte fails to open). The key is read through a supplier on each use, so a rotated secret takes effect
 * without a deploy (sessions sealed with the old key then end, which is what a rotation is for).
 */
final class SessionSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<String> base64Key;

    SessionSealer(Supplier<String> base64Key) {
        this.base64Key = base64Key;
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a session", e);
        }
    }

    /** The plain text, or empty when the value was not sealed with the current key or was changed. */
    public Optional<String> open(String value) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(value);
            // Base64 ignores the unused low bits of the last character, so two cookie strings can decode to the
            // same bytes; only the canonical one is accepted, so any changed character ends the session.
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(value)
                    || raw.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private SecretKeySpec key() {
        byte[] key = Base64.getDecoder().decode(base64Key.get().trim());
        if (key.length != 32) {
            throw new IllegalStateException("the session key must be 32 bytes (base64), got " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
