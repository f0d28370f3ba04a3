package kz.clinicai.analytics.sheets;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One writer per profile at a time ({@code sk = lock#sheets} in the calls table, a lease that expires): two
 * writers appending the same pending rows would write them twice.
 */
public final class WriterLease {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public WriterLease(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** @return the lease's token, or null when another writer holds it */
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
