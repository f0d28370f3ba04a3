package kz.clinicai.chat.conversation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The short reference of a chat: operators see it and Telegram's callback data (≤ 64 bytes) carries it, while
 * the token itself (up to 128 chars, and a secret that reads the visitor's messages) stays in our table.
 */
public final class ChatRefs {

    private ChatRefs() {
    }

    /** 10 base64url chars of SHA-256(token): 60 bits, no practical collisions, and the same ref every time. */
    public static String of(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
