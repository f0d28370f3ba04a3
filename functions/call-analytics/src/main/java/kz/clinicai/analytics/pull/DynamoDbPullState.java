package kz.clinicai.analytics.pull;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link PullState} as the pull's own items in the calls table (raw attribute maps, the table's one style): per profile the checkpoint ({@code sk = checkpoint}: account-local time
 * up to which every call is safely queued, and the account's time zone) and backfill jobs
 * ({@code sk = backfill#<id>}).
 */
public final class DynamoDbPullState implements PullState {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbPullState(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String profileId, String sk) {
        return Map.of("pk", AttributeValue.fromS(profileId), "sk", AttributeValue.fromS(sk));
    }

    @Override
    public Optional<Checkpoint> checkpoint(String profileId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(profileId, "checkpoint"))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(item.containsKey("until") ? LocalDateTime.parse(item.get("until").s()) : null,
                item.containsKey("timeZone") ? item.get("timeZone").s() : null));
    }

    @Override
    public void advance(String profileId, LocalDateTime until, String timeZone) {
        Map<String, AttributeValue> item = new HashMap<>(key(profileId, "checkpoint"));
        item.put("until", AttributeValue.fromS(until.toString()));
        item.put("timeZone", AttributeValue.fromS(timeZone));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#u) OR #u < :u")
                    .expressionAttributeNames(Map.of("#u", "until"))
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(until.toString()))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException ignored) {
            // Already further on.
        }
    }

    @Override
    public Backfill createBackfill(String profileId, LocalDateTime from, LocalDateTime till, String now) {
        String id = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(profileId, "backfill#" + id));
        item.put("from", AttributeValue.fromS(from.toString()));
        item.put("till", AttributeValue.fromS(till.toString()));
        item.put("cursor", AttributeValue.fromS(from.toString()));
        item.put("jobStatus", AttributeValue.fromS("pending"));
        item.put("createdAt", AttributeValue.fromS(now));
        dynamo.putItem(b -> b.tableName(table).item(item));
        return new Backfill(id, from, till, from, "pending", now);
    }

    @Override
    public List<Backfill> backfills(String profileId) {
        List<Backfill> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND begins_with(sk, :b)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(profileId), ":b", AttributeValue.fromS("backfill#"))))
                .items().forEach(i -> out.add(new Backfill(i.get("sk").s().substring("backfill#".length()),
                        LocalDateTime.parse(i.get("from").s()), LocalDateTime.parse(i.get("till").s()),
                        LocalDateTime.parse(i.get("cursor").s()), i.get("jobStatus").s(), i.get("createdAt").s())));
        return out;
    }

    @Override
    public void progress(String profileId, String backfillId, LocalDateTime cursor, boolean done) {
        dynamo.updateItem(b -> b.tableName(table).key(key(profileId, "backfill#" + backfillId))
                .updateExpression("SET #c = :c, jobStatus = :s")
                .expressionAttributeNames(Map.of("#c", "cursor"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(cursor.toString()),
                        ":s", AttributeValue.fromS(done ? "done" : "running"))));
    }
}
