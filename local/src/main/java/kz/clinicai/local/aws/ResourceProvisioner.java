package kz.clinicai.local.aws;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.local.template.BucketDef;
import kz.clinicai.local.template.QueueDef;
import kz.clinicai.local.template.TableDef;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the template declares, with the real SDK: tables (keys, GSIs, TTL), queues (DLQs before the
 * queues that redrive into them) and buckets. Existing ones (a persisted data folder) are kept.
 */
public final class ResourceProvisioner {

    private final LocalWorld world;
    private final AwsClients aws;

    public ResourceProvisioner(LocalWorld world, AwsClients aws) {
        this.world = world;
        this.aws = aws;
    }

    public void provisionAll() {
        world.template().tables().forEach(this::createTable);
        queuesInCreationOrder().forEach(this::createQueue);
        world.template().buckets().forEach(this::createBucket);
    }

    void createTable(TableDef table) {
        String name = world.tableName(table);
        List<AttributeDefinition> attributes = new ArrayList<>();
        table.attributeTypes().forEach((attr, type) -> attributes.add(AttributeDefinition.builder()
                .attributeName(attr).attributeType(type).build()));
        List<GlobalSecondaryIndex> indexes = table.globalSecondaryIndexes().stream().map(index -> {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(keys(index.partitionKey(), index.sortKey().orElse(null)));
            Projection.Builder projection = Projection.builder().projectionType(ProjectionType.fromValue(index.projectionType()));
            if (!index.nonKeyAttributes().isEmpty()) {
                projection.nonKeyAttributes(index.nonKeyAttributes());
            }
            return gsi.projection(projection.build()).build();
        }).toList();
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keys(table.partitionKey(), table.sortKey().orElse(null)));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            aws.dynamo().createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        table.ttlAttribute().ifPresent(attr -> aws.dynamo().updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(s -> s.attributeName(attr).enabled(true))));
    }

    private static List<KeySchemaElement> keys(TableDef.Key hash, TableDef.Key range) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(hash.name()).keyType(KeyType.HASH).build());
        if (range != null) {
            keys.add(KeySchemaElement.builder().attributeName(range.name()).keyType(KeyType.RANGE).build());
        }
        return keys;
    }

    /** Dead-letter queues first: a RedrivePolicy must name an existing queue's ARN. */
    List<QueueDef> queuesInCreationOrder() {
        Map<String, QueueDef> byId = new LinkedHashMap<>();
        world.template().queues().forEach(q -> byId.put(q.logicalId(), q));
        List<QueueDef> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (QueueDef queue : byId.values()) {
            place(queue, byId, placed, ordered, new HashSet<>());
        }
        return ordered;
    }

    private static void place(QueueDef queue, Map<String, QueueDef> byId, Set<String> placed, List<QueueDef> ordered,
                              Set<String> visiting) {
        if (placed.contains(queue.logicalId()) || !visiting.add(queue.logicalId())) {
            return;
        }
        queue.redrive().map(r -> byId.get(r.deadLetterQueueId()))
                .ifPresent(dlq -> place(dlq, byId, placed, ordered, visiting));
        placed.add(queue.logicalId());
        ordered.add(queue);
    }

    void createQueue(QueueDef queue) {
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    String.valueOf(queue.contentBasedDeduplication()));
        }
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeoutSeconds()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(queue.messageRetentionSeconds()));
        attributes.put(QueueAttributeName.DELAY_SECONDS, String.valueOf(queue.delaySeconds()));
        queue.redrive().ifPresent(r -> attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + world.queueArn(world.queue(r.deadLetterQueueId()))
                        + "\",\"maxReceiveCount\":\"" + r.maxReceiveCount() + "\"}"));
        aws.sqs().createQueue(r -> r.queueName(world.queueName(queue)).attributes(attributes));
    }

    void createBucket(BucketDef bucket) {
        try {
            aws.s3().createBucket(r -> r.bucket(world.bucketName(bucket)));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // persisted from an earlier run
        }
    }
}
