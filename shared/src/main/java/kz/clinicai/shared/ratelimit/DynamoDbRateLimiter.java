package kz.clinicai.shared.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counters as items of a function's own table ({@code pk = rate#<key>#<window size>#<window start>}, and
 * {@code sk = window} where the table has a sort key), one atomic {@code ADD} per call, so every Lambda instance
 * sees the same count. {@link #tryAcquire} guards its {@code ADD} by {@code hits < limit}: concurrent requests can
 * never overshoot the limit, and a refused hit is not counted. Items carry the TTL attribute {@code expiresAt},
 * one window after their window ends.
 *
 * <p>The low-level client is used because the enhanced client has no {@code ADD} update expression.
 */
public final class DynamoDbRateLimiter implements RateLimiter {

    private static final String SORT_KEY_VALUE = "window";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final boolean sortKey;

    private DynamoDbRateLimiter(DynamoDbClient dynamoDb, String tableName, boolean sortKey) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.sortKey = sortKey;
    }

    /** On a table whose key is the string {@code pk} alone (the voicebot sessions table). */
    public static DynamoDbRateLimiter keyedByPk(DynamoDbClient dynamoDb, String tableName) {
        return new DynamoDbRateLimiter(dynamoDb, tableName, false);
    }

    /** On a table whose key is the strings {@code pk} and {@code sk} (the chat table). */
    public static DynamoDbRateLimiter keyedByPkAndSk(DynamoDbClient dynamoDb, String tableName) {
        return new DynamoDbRateLimiter(dynamoDb, tableName, true);
    }

    @Override
    public long add(String key, int weight, Duration window, Instant now) {
        var result = dynamoDb.updateItem(increment(key, weight, Window.of(now, window), Map.of())
                .returnValues(ReturnValue.UPDATED_NEW)
                .build());
        return Long.parseLong(result.attributes().get("hits").n());
    }

    @Override
    public Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
        Window current = Window.of(now, window);
        try {
            dynamoDb.updateItem(increment(key, 1, current, Map.of(":limit", AttributeValue.fromN(Integer.toString(limit))))
                    .conditionExpression("attribute_not_exists(#hits) OR #hits < :limit")
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of(current.retryAfter(now));
        }
    }

    private UpdateItemRequest.Builder increment(String key, int weight, Window window, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> itemKey = new HashMap<>();
        itemKey.put("pk", AttributeValue.fromS(window.counter(key)));
        if (sortKey) {
            itemKey.put("sk", AttributeValue.fromS(SORT_KEY_VALUE));
        }
        Map<String, AttributeValue> values = new HashMap<>(more);
        values.put(":weight", AttributeValue.fromN(Integer.toString(weight)));
        values.put(":expires", AttributeValue.fromN(Long.toString(window.end().plus(window.size()).getEpochSecond())));
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(itemKey)
                .updateExpression("ADD #hits :weight SET #expires = :expires")
                .expressionAttributeNames(Map.of("#hits", "hits", "#expires", "expiresAt"))
                .expressionAttributeValues(values);
    }
}
