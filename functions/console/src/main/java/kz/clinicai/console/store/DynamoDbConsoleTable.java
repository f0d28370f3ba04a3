package kz.clinicai.console.store;

import static kz.clinicai.console.store.ConsoleTable.key;
import static kz.clinicai.console.store.ConsoleTable.n;
import static kz.clinicai.console.store.ConsoleTable.s;

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

/** {@link ConsoleTable} on DynamoDB (raw attribute maps, strongly consistent reads). */
public final class DynamoDbConsoleTable implements ConsoleTable {

    private final Supplier<DynamoDbClient> client;
    private final String name;

    public DynamoDbConsoleTable(Supplier<DynamoDbClient> client, String name) {
        this.client = client;
        this.name = name;
    }

    @Override
    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = client.get().getItem(b -> b.tableName(name).key(key(pk, sk))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    @Override
    public void put(Map<String, AttributeValue> item) {
        client.get().putItem(b -> b.tableName(name).item(item));
    }

    @Override
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            client.get().putItem(b -> b.tableName(name).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void delete(String pk, String sk) {
        client.get().deleteItem(b -> b.tableName(name).key(key(pk, sk)));
    }

    @Override
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

    @Override
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

    @Override
    public boolean claim(String pk, String sk, String attribute, AttributeValue value) {
        try {
            client.get().updateItem(b -> b.tableName(name).key(key(pk, sk)).updateExpression("SET #a = :v")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#a) OR #a <> :v)")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":v", value)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean transact(List<Write> writes) {
        try {
            client.get().transactWriteItems(b -> b.transactItems(writes.stream()
                    .map(w -> {
                        Put.Builder put = Put.builder().tableName(name).item(w.item());
                        if (w.onlyIfAbsent()) {
                            put.conditionExpression("attribute_not_exists(pk)");
                        }
                        return TransactWriteItem.builder().put(put.build()).build();
                    })
                    .toList()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }
}
