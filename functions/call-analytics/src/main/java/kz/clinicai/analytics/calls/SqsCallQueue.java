package kz.clinicai.analytics.calls;

import java.time.Duration;
import kz.clinicai.shared.sqs.SqsSender;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link CallQueue} on the standard SQS queue {@code ANALYTICS_QUEUE_URL}: the shared typed sender. */
public final class SqsCallQueue implements CallQueue {

    private final SqsSender<CallJob> sender;

    public SqsCallQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsSender<>(sqs, queueUrl);
    }

    @Override
    public void send(CallJob job, Duration delay) {
        sender.send(job, delay);
    }
}
