package kz.clinicai.local.sandbox.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Telegram's published sending limits (about one message per second to a chat, about 30 per second overall),
 * made exact so tests can rely on them: the real service tolerates short bursts, the sandbox does not.
 */
final class FloodControl {

    static final int PER_SECOND_OVERALL = 30;
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final Map<Long, Instant> lastPerChat = new HashMap<>();
    private final Deque<Instant> recent = new ArrayDeque<>();

    /** Records a send at {@code now}, or says how many seconds the caller must wait (nothing is recorded then). */
    synchronized OptionalInt acquire(long chatId, Instant now) {
        Instant last = lastPerChat.get(chatId);
        if (last != null && now.isBefore(last.plus(WINDOW))) {
            return OptionalInt.of(seconds(Duration.between(now, last.plus(WINDOW))));
        }
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.pollFirst();
        }
        if (recent.size() >= PER_SECOND_OVERALL) {
            return OptionalInt.of(seconds(Duration.between(now, recent.peekFirst().plus(WINDOW))));
        }
        lastPerChat.put(chatId, now);
        recent.addLast(now);
        return OptionalInt.empty();
    }

    synchronized void clear() {
        lastPerChat.clear();
        recent.clear();
    }

    /** Telegram announces whole seconds and never 0. */
    private static int seconds(Duration wait) {
        long millis = wait.toMillis();
        return (int) Math.max(1, (millis + 999) / 1000);
    }
}
