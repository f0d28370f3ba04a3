package kz.clinicai.local.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.template.BucketDef;
import kz.clinicai.local.template.Intrinsics;
import kz.clinicai.local.template.QueueDef;
import kz.clinicai.local.template.SamTemplate;
import kz.clinicai.local.template.TableDef;
import kz.clinicai.local.template.TemplateException;

/**
 * What the template's references mean on this laptop: stack "local" in us-east-1 of account 000000000000,
 * resources named as CloudFormation would (TableName/QueueName/BucketName, else the logical id), queue URLs on
 * the embedded SQS, parameters with their local values.
 */
public final class LocalWorld implements Intrinsics.World {

    public static final String STACK_NAME = "local";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final URI sqsEndpoint;
    private final Intrinsics intrinsics;

    /** @param parameters every template parameter's local value (or its Default) */
    public LocalWorld(SamTemplate template, Map<String, String> parameters, URI sqsEndpoint) {
        this.template = template;
        this.parameters = Map.copyOf(parameters);
        this.sqsEndpoint = sqsEndpoint;
        this.intrinsics = new Intrinsics(template, this);
    }

    public SamTemplate template() {
        return template;
    }

    public Intrinsics intrinsics() {
        return intrinsics;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public String tableName(TableDef table) {
        return table.tableName() == null ? table.logicalId() : intrinsics.string(table.tableName());
    }

    public String queueName(QueueDef queue) {
        if (queue.queueName() != null) {
            return intrinsics.string(queue.queueName());
        }
        return queue.fifo() ? queue.logicalId() + ".fifo" : queue.logicalId();
    }

    public String bucketName(BucketDef bucket) {
        return bucket.bucketName() == null ? bucket.logicalId().toLowerCase() : intrinsics.string(bucket.bucketName());
    }

    public String queueUrl(QueueDef queue) {
        return sqsEndpoint + "/" + ACCOUNT + "/" + queueName(queue);
    }

    public String queueArn(QueueDef queue) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queueName(queue);
    }

    public QueueDef queue(String logicalId) {
        return template.queue(logicalId)
                .orElseThrow(() -> new TemplateException("No queue " + logicalId + " in " + template.file()));
    }

    @Override
    public String ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        Optional<String> pseudo = Intrinsics.pseudoParameter(name, REGION, ACCOUNT, STACK_NAME);
        if (pseudo.isPresent()) {
            return pseudo.get();
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (template.parameters().containsKey(name)) {
            throw new TemplateException("Parameter " + name + " has neither a local value nor a Default");
        }
        for (TableDef t : template.tables()) {
            if (t.logicalId().equals(name)) {
                return tableName(t);
            }
        }
        for (QueueDef q : template.queues()) {
            if (q.logicalId().equals(name)) {
                return queueUrl(q);
            }
        }
        for (BucketDef b : template.buckets()) {
            if (b.logicalId().equals(name)) {
                return bucketName(b);
            }
        }
        // functions, APIs and other resources: their logical id is the local physical id
        template.resource(name).orElseThrow(() -> new TemplateException("!Ref to unknown " + name));
        return name;
    }

    @Override
    public String getAtt(String logicalId, String attribute) {
        for (QueueDef q : template.queues()) {
            if (q.logicalId().equals(logicalId)) {
                return switch (attribute) {
                    case "Arn" -> queueArn(q);
                    case "QueueName" -> queueName(q);
                    case "QueueUrl" -> queueUrl(q);
                    default -> throw unknown(logicalId, attribute);
                };
            }
        }
        for (TableDef t : template.tables()) {
            if (t.logicalId().equals(logicalId)) {
                String arn = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + tableName(t);
                return switch (attribute) {
                    case "Arn" -> arn;
                    case "StreamArn" -> arn + "/stream/local";
                    default -> throw unknown(logicalId, attribute);
                };
            }
        }
        for (BucketDef b : template.buckets()) {
            if (b.logicalId().equals(logicalId)) {
                return switch (attribute) {
                    case "Arn" -> "arn:aws:s3:::" + bucketName(b);
                    case "DomainName", "RegionalDomainName" -> bucketName(b) + ".s3.amazonaws.com";
                    default -> throw unknown(logicalId, attribute);
                };
            }
        }
        SamTemplate.Resource resource = template.resource(logicalId)
                .orElseThrow(() -> new TemplateException("!GetAtt of unknown " + logicalId));
        if (attribute.equals("Arn")) {
            String service = resource.type().startsWith("AWS::Serverless::Function") ? "lambda" : "local";
            return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + logicalId;
        }
        throw unknown(logicalId, attribute);
    }

    private static TemplateException unknown(String logicalId, String attribute) {
        return new TemplateException("!GetAtt " + logicalId + "." + attribute + " has no local value");
    }
}
