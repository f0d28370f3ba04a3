package kz.clinicai.chat.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/** Message ids that sort by creation time (microseconds, fixed width) and do not collide within one. */
public final class MessageIds {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private MessageIds() {
    }

    public static String next(Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        StringBuilder id = new StringBuilder(String.format("%016d-", micros));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
