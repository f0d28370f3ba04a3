package kz.clinicai.chat.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counters in the chat table ({@code pk = rate#<key>#<window start>}, {@code sk = window}), one atomic
 * {@code ADD} per hit guarded by {@code hits < limit}: concurrent requests can never overshoot the limit, and
 * a refused hit is not counted. Items expire (TTL) shortly after their window.
 *
 * <p>The low-level client is used because the enhanced client has no {@code ADD} update expression.
 */
public final class DynamoDbRateLimiter implements RateLimiter {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
        Instant start = RateLimiter.windowStart(now, window);
        Instant end = start.plus(window);
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of("pk", AttributeValue.fromS("rate#" + key + "#" + start.toEpochMilli()),
                            "sk", AttributeValue.fromS("window")))
                    .updateExpression("ADD #hits :one SET #expires = if_not_exists(#expires, :expires)")
                    .conditionExpression("attribute_not_exists(#hits) OR #hits < :limit")
                    .expressionAttributeNames(Map.of("#hits", "hits", "#expires", "expiresAt"))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            // DynamoDB deletes expired items within days, not at once: the window start in
                            // the key keeps a late deletion from mattering.
                            ":expires", AttributeValue.fromN(Long.toString(end.plus(window).getEpochSecond()))))
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return Optional.of(Duration.between(now, end));
        }
    }
}
