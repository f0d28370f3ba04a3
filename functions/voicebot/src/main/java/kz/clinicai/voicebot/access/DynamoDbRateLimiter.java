package kz.clinicai.voicebot.access;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Counters in the sessions table ({@code pk = rate#<key>#<epoch minute>}, TTL {@code expiresAt}): one atomic
 * {@code ADD} per check, so every Lambda instance sees the same count; items expire two minutes after their window.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRateLimiter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public long add(String key, int weight, Instant now) {
        long minute = now.getEpochSecond() / 60;
        var result = dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("rate#" + key + "#" + minute)))
                .updateExpression("ADD hits :w SET expiresAt = :exp")
                .expressionAttributeValues(Map.of(":w", AttributeValue.fromN(Integer.toString(weight)),
                        ":exp", AttributeValue.fromN(Long.toString((minute + 3) * 60))))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(result.attributes().get("hits").n());
    }
}
