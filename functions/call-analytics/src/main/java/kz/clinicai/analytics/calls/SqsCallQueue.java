package kz.clinicai.analytics.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.time.Duration;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link CallQueue} on the standard SQS queue {@code ANALYTICS_QUEUE_URL}. */
public final class SqsCallQueue implements CallQueue {

    // SQS caps DelaySeconds at 15 minutes.
    static final long MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCallQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(CallJob job, Duration delay) {
        String body;
        try {
            body = Json.mapper().writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        int seconds = (int) Math.min(MAX_DELAY_SECONDS, Math.max(0, delay.toSeconds()));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds(seconds));
    }
}
