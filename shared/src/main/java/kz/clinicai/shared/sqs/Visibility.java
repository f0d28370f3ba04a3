package kz.clinicai.shared.sqs;

import java.time.Duration;

/** Re-times a received record: it becomes visible again after {@code delay} instead of the queue's default. */
@FunctionalInterface
public interface Visibility {

    /** Without a queue to re-time on (tests, queues whose default timing is right): records come back as usual. */
    Visibility QUEUE_DEFAULT = (receiptHandle, delay) -> { };

    void retryAfter(String receiptHandle, Duration delay);
}
