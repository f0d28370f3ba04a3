package kz.clinicai.chat.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.time.Duration;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link TelegramOutbox} on a standard SQS queue (env {@code TELEGRAM_OUTBOX_QUEUE_URL}). */
public final class SqsTelegramOutbox implements TelegramOutbox {

    static final long MAX_DELAY_SECONDS = 900;
    // SQS caps a message's visibility timeout at 12 hours.
    static final long MAX_VISIBILITY_SECONDS = 43_200;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsTelegramOutbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(OutboxMessage message, Duration delay) {
        String body;
        try {
            body = Json.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long seconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, ceilSeconds(delay)));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds((int) seconds));
    }

    @Override
    public void retryLater(String receiptHandle, Duration delay) {
        long seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, ceilSeconds(delay)));
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) seconds));
    }

    private static long ceilSeconds(Duration delay) {
        return (delay.toMillis() + 999) / 1000;
    }
}
