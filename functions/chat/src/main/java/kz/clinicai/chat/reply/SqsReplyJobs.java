package kz.clinicai.chat.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.time.Duration;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link ReplyJobs} on the FIFO queue {@code CHAT_QUEUE_URL}: one message group per chat token, so one chat's
 * messages are answered in order while chats proceed in parallel; the message id deduplicates a retried send.
 */
public final class SqsReplyJobs implements ReplyJobs, ReplyQueue {

    // SQS caps a message's visibility timeout at 12 hours.
    static final long MAX_VISIBILITY_SECONDS = 43_200;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsReplyJobs(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(ReplyJob job) {
        String body;
        try {
            body = Json.mapper().writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(body)
                .messageGroupId(job.token())
                .messageDeduplicationId(job.messageId()));
    }

    @Override
    public void retryLater(String receiptHandle, Duration delay) {
        long seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, (delay.toMillis() + 999) / 1000));
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) seconds));
    }
}
