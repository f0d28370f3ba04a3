package kz.clinicai.analytics.sheets;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link WriterLease} as an item of the calls table ({@code sk = lock#sheets}, raw attribute maps): the lease ends at
 * {@code leaseUntil} (epoch seconds); {@code expiresAt} (the table's TTL) removes a lease left behind a day later.
 */
public final class DynamoDbWriterLease implements WriterLease {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbWriterLease(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public String acquire(String profileId, Duration length) {
        String token = UUID.randomUUID().toString();
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS(profileId), "sk", AttributeValue.fromS("lock#sheets"),
                            "holder", AttributeValue.fromS(token),
                            "leaseUntil", AttributeValue.fromN(Long.toString(now + length.toSeconds())),
                            "expiresAt", AttributeValue.fromN(Long.toString(now + length.toSeconds() + 86_400))))
                    .conditionExpression("attribute_not_exists(sk) OR leaseUntil < :now")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
            return token;
        } catch (ConditionalCheckFailedException e) {
            return null;
        }
    }

    @Override
    public void release(String profileId, String token) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(profileId), "sk", AttributeValue.fromS("lock#sheets")))
                    .conditionExpression("holder = :h")
                    .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(token))));
        } catch (ConditionalCheckFailedException ignored) {
            // Expired and taken by another writer meanwhile.
        }
    }
}
