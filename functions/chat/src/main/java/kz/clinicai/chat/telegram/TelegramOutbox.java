package kz.clinicai.chat.telegram;

import java.time.Duration;
import kz.clinicai.shared.sqs.Visibility;

/**
 * The queue in front of the Bot API: sends are queued, never made inline, so Telegram's rate limits
 * (about 1 message/s per chat, 30/s overall, 429 with retry_after) delay them instead of losing them. Its
 * consumer re-times received messages through it ({@link Visibility#retryAfter}).
 */
public interface TelegramOutbox extends Visibility {

    default void send(OutboxMessage message) {
        send(message, Duration.ZERO);
    }

    /** Queues a message, invisible for {@code delay} (at most 15 minutes, SQS's limit). */
    void send(OutboxMessage message, Duration delay);
}
