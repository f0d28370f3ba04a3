package kz.clinicai.console.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The console's own table (partition key {@code pk}, sort key {@code sk}, TTL attribute {@code expiresAt}):
 * users, site settings, login throttling windows, API keys, threads and runs, assistant attachments, balance
 * and budget, the model lifecycle check ({@code pk = models}) and the model replacement audit
 * ({@code pk = audit#models}). Each feature owns its key prefix; this class only holds the few DynamoDB calls they share.
 */
public final class ConsoleTable {

    private final Supplier<DynamoDbClient> client;
    private final String name;

    public ConsoleTable(Supplier<DynamoDbClient> client, String name) {
        this.client = client;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = client.get().getItem(b -> b.tableName(name).key(key(pk, sk))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    public void put(Map<String, AttributeValue> item) {
        client.get().putItem(b -> b.tableName(name).item(item));
    }

    /** Puts only when no item has this key; false when one exists. */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            client.get().putItem(b -> b.tableName(name).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void delete(String pk, String sk) {
        client.get().deleteItem(b -> b.tableName(name).key(key(pk, sk)));
    }

    /** All items of one partition, optionally only sort keys starting with {@code skPrefix}. */
    public List<Map<String, AttributeValue>> query(String pk, String skPrefix) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":pk", s(pk));
            String condition = "pk = :pk";
            if (skPrefix != null && !skPrefix.isEmpty()) {
                values.put(":sk", s(skPrefix));
                condition += " AND begins_with(sk, :sk)";
            }
            QueryRequest.Builder request = QueryRequest.builder().tableName(name).keyConditionExpression(condition)
                    .expressionAttributeValues(values).consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = client.get().query(request.build());
            out.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /**
     * Adds {@code delta} to a counter in a fixed window: a new window (count 1) starts when none exists or the
     * stored one began before {@code windowStart}. Returns the count after the update.
     */
    public long countInWindow(String pk, String sk, long windowStartEpochSecond, long expiresAtEpochSecond) {
        Map<String, AttributeValue> key = key(pk, sk);
        try {
            return Long.parseLong(client.get().updateItem(b -> b.tableName(name).key(key)
                    .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, #e = :exp, #w = if_not_exists(#w, :ws)")
                    .conditionExpression("attribute_not_exists(#w) OR #w >= :ws")
                    .expressionAttributeNames(Map.of("#c", "count", "#e", "expiresAt", "#w", "windowStart"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":exp", n(expiresAtEpochSecond),
                            ":ws", n(windowStartEpochSecond)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("count").n());
        } catch (ConditionalCheckFailedException e) {
            // The stored window is older: start a new one.
            put(Map.of("pk", s(pk), "sk", s(sk), "count", n(1), "windowStart", n(windowStartEpochSecond),
                    "expiresAt", n(expiresAtEpochSecond)));
            return 1;
        }
    }

    /** An update with a condition; throws ConditionalCheckFailedException when it does not hold. */
    public void update(String pk, String sk, String expression, String condition, Map<String, AttributeValue> values) {
        client.get().updateItem(b -> b.tableName(name).key(key(pk, sk)).updateExpression(expression)
                .conditionExpression(condition).expressionAttributeValues(values));
    }

    /** Writes all puts or none; false when a condition failed. */
    public boolean transact(List<Put> puts) {
        try {
            client.get().transactWriteItems(b -> b.transactItems(puts.stream()
                    .map(p -> TransactWriteItem.builder().put(p.toBuilder().tableName(name).build()).build())
                    .toList()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    public static String str(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String attr, long fallback) {
        AttributeValue v = item.get(attr);
        return v == null || v.n() == null ? fallback : (long) Double.parseDouble(v.n());
    }

    public static Double dbl(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null || v.n() == null ? null : Double.parseDouble(v.n());
    }

    public static List<String> list(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    public static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }
}
