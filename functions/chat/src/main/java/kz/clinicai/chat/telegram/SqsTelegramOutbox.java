package kz.clinicai.chat.telegram;

import java.time.Duration;
import kz.clinicai.shared.sqs.SqsSender;

/** {@link TelegramOutbox} on a standard SQS queue (env {@code TELEGRAM_OUTBOX_QUEUE_URL}). */
public final class SqsTelegramOutbox implements TelegramOutbox {

    private final SqsSender<OutboxMessage> queue;

    public SqsTelegramOutbox(SqsSender<OutboxMessage> queue) {
        this.queue = queue;
    }

    @Override
    public void send(OutboxMessage message, Duration delay) {
        queue.send(message, delay);
    }

    @Override
    public void retryAfter(String receiptHandle, Duration delay) {
        queue.retryAfter(receiptHandle, delay);
    }
}
