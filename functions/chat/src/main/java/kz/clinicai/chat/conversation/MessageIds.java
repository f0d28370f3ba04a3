package kz.clinicai.chat.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message ids that sort by creation time: fixed-width microseconds, strictly increasing within this JVM (two
 * messages written in the same microsecond, a reply and its notice, keep the order they were written in), and
 * a random suffix against collisions between JVMs.
 */
final class MessageIds {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final AtomicLong LAST = new AtomicLong();

    private MessageIds() {
    }

    static String next(Instant now) {
        long wanted = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long micros = LAST.updateAndGet(last -> Math.max(last + 1, wanted));
        StringBuilder id = new StringBuilder(String.format("%016d-", micros));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
