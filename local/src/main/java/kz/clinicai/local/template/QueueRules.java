package kz.clinicai.local.template;

import java.util.Optional;

/**
 * SQS consumers: the queue is one of the template's, has a DLQ of this template with maxReceiveCount of at least 5,
 * and a visibility timeout of at least 6 times its consumer's Timeout.
 */
final class QueueRules {

    private static final int MIN_MAX_RECEIVE_COUNT = 5;
    private static final int VISIBILITY_TIMEOUT_FACTOR = 6;
    private final ContractRun run;
    private final SamTemplate template;

    QueueRules(ContractRun run) {
        this.run = run;
        this.template = run.template;
    }

    private void fail(String resource, String message) {
        run.fail(resource, message);
    }

    void check() {
        for (FunctionDef f : template.functions()) {
            for (EventSource.SqsSource sqs : f.events(EventSource.SqsSource.class)) {
                Optional<QueueDef> queue = sqs.queueId() == null ? Optional.empty() : template.queue(sqs.queueId());
                if (queue.isEmpty()) {
                    fail(f.logicalId(), "SQS event " + sqs.name() + ": Queue "
                            + (sqs.queueId() == null ? "" : sqs.queueId() + " ")
                            + "is not a queue of this template (use !GetAtt <Queue>.Arn)");
                    continue;
                }
                QueueDef q = queue.get();
                String consumer = " (consumed by " + f.logicalId() + ", event " + sqs.name() + ")";
                if (q.redrive().isEmpty()) {
                    fail(q.logicalId(), "has no DLQ" + consumer + ": add RedrivePolicy with deadLetterTargetArn and "
                            + "maxReceiveCount >= " + MIN_MAX_RECEIVE_COUNT);
                } else {
                    QueueDef.Redrive redrive = q.redrive().get();
                    if (redrive.deadLetterQueueId() == null || template.queue(redrive.deadLetterQueueId()).isEmpty()) {
                        fail(q.logicalId(), "RedrivePolicy's deadLetterTargetArn is not a queue of this template"
                                + consumer);
                    }
                    if (redrive.maxReceiveCount() < MIN_MAX_RECEIVE_COUNT) {
                        fail(q.logicalId(), "RedrivePolicy maxReceiveCount " + redrive.maxReceiveCount()
                                + " is under " + MIN_MAX_RECEIVE_COUNT + consumer);
                    }
                }
                int minimum = VISIBILITY_TIMEOUT_FACTOR * f.timeoutSeconds();
                if (q.visibilityTimeoutSeconds() < minimum) {
                    fail(q.logicalId(), "VisibilityTimeout " + q.visibilityTimeoutSeconds() + " s is under "
                            + VISIBILITY_TIMEOUT_FACTOR + " x the Timeout of " + f.logicalId() + " ("
                            + f.timeoutSeconds() + " s) = " + minimum + " s");
                }
            }
        }
    }
}
