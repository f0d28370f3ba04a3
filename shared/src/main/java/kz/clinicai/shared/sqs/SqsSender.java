package kz.clinicai.shared.sqs;

import java.time.Duration;
import java.util.Objects;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The platform's one way to put a message on a queue: {@code T} written with the shared JSON mapper, so the
 * {@link SqsBatch} of the consuming function reads exactly what was sent. Also re-times received records of the same
 * queue ({@link Visibility}). Timeouts and retries are the SqsClient's (AwsClients sets them).
 */
public final class SqsSender<T> implements Visibility {

    /** SQS caps DelaySeconds at 15 minutes. */
    static final long MAX_DELAY_SECONDS = 900;
    /** SQS caps a message's visibility timeout at 12 hours. */
    static final long MAX_VISIBILITY_SECONDS = 43_200;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSender(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    public void send(T message) {
        send(message, Duration.ZERO);
    }

    /** Delivered after {@code delay}, rounded up to whole seconds and capped at SQS's 15 minutes. */
    public void send(T message, Duration delay) {
        String body = Json.write(message);
        int seconds = (int) Math.min(MAX_DELAY_SECONDS, Math.max(0, ceilSeconds(delay)));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds(seconds));
    }

    /**
     * On a FIFO queue: ordered within {@code groupId}, and a second send with the same {@code deduplicationId} within
     * SQS's five-minute window is dropped by SQS (a retried request enqueues once).
     */
    public void sendFifo(T message, String groupId, String deduplicationId) {
        String body = Json.write(message);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(groupId)
                .messageDeduplicationId(deduplicationId));
    }

    @Override
    public void retryAfter(String receiptHandle, Duration delay) {
        long seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, ceilSeconds(delay)));
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) seconds));
    }

    private static long ceilSeconds(Duration delay) {
        return (delay.toMillis() + 999) / 1000;
    }
}
