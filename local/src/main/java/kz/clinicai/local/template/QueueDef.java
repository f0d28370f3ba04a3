package kz.clinicai.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * An SQS queue as the template declares it (defaults are SQS's own).
 *
 * @param queueName raw QueueName (string or intrinsic), null when CloudFormation would name it
 */
public record QueueDef(
        String logicalId,
        Object queueName,
        boolean fifo,
        boolean contentBasedDeduplication,
        int visibilityTimeoutSeconds,
        int messageRetentionSeconds,
        int delaySeconds,
        Optional<Redrive> redrive) {

    /** @param deadLetterQueueId logical id of the DLQ ({@code !GetAtt DLQ.Arn}) */
    public record Redrive(String deadLetterQueueId, int maxReceiveCount) {
    }

    static QueueDef read(SamTemplate.Resource resource) {
        Map<String, Object> p = resource.properties();
        Map<String, Object> redrive = Maps.map(p.get("RedrivePolicy"));
        Optional<Redrive> policy = redrive.isEmpty() ? Optional.empty()
                : Optional.of(new Redrive(Maps.referencedId(redrive.get("deadLetterTargetArn")),
                        Maps.integer(redrive.get("maxReceiveCount"), 10)));
        return new QueueDef(resource.logicalId(), p.get("QueueName"),
                Maps.bool(p.get("FifoQueue"), false),
                Maps.bool(p.get("ContentBasedDeduplication"), false),
                Maps.integer(p.get("VisibilityTimeout"), 30),
                Maps.integer(p.get("MessageRetentionPeriod"), 345_600),
                Maps.integer(p.get("DelaySeconds"), 0),
                policy);
    }
}
