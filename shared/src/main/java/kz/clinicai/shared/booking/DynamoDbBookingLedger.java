package kz.clinicai.shared.booking;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Ledger items live in the sessions table ({@code pk = booking#<key>}, TTL {@code expiresAt}): a conditional put
 * claims a key only if it is absent or a stale pending claim, so two identical requests cannot both reserve.
 */
public final class DynamoDbBookingLedger implements BookingLedger {
    private static final String PENDING = "PENDING";
    private static final String DONE = "DONE";
    private static final String MOVED = "MOVED";

    private static final TableSchema<LedgerItem> SCHEMA = StaticTableSchema.builder(LedgerItem.class)
            .newItemSupplier(LedgerItem::new)
            .addAttribute(String.class, a -> a.name("pk").getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("state").getter(i -> i.state).setter((i, v) -> i.state = v))
            .addAttribute(Long.class, a -> a.name("claimedAt").getter(i -> i.claimedAt)
                    .setter((i, v) -> i.claimedAt = v))
            .addAttribute(String.class, a -> a.name("result").getter(i -> i.result).setter((i, v) -> i.result = v))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.expiresAt)
                    .setter((i, v) -> i.expiresAt = v))
            .build();

    private final DynamoDbTable<LedgerItem> table;

    public DynamoDbBookingLedger(DynamoDbEnhancedClient enhanced, String tableName) {
        this.table = enhanced.table(tableName, SCHEMA);
    }

    @Override
    public Claim claim(String key, Instant now, Duration staleAfter, Instant expiresAt) {
        LedgerItem item = new LedgerItem();
        item.pk = pk(key);
        item.state = PENDING;
        item.claimedAt = now.toEpochMilli();
        item.expiresAt = expiresAt.getEpochSecond();
        Expression free = Expression.builder()
                .expression("attribute_not_exists(pk) OR (#s = :pending AND claimedAt < :stale)")
                .expressionNames(Map.of("#s", "state"))
                .expressionValues(Map.of(":pending", AttributeValue.fromS(PENDING),
                        ":stale", AttributeValue.fromN(Long.toString(now.minus(staleAfter).toEpochMilli()))))
                .build();
        try {
            table.putItem(PutItemEnhancedRequest.builder(LedgerItem.class).item(item).conditionExpression(free).build());
            return new Claim.Acquired();
        } catch (ConditionalCheckFailedException e) {
            LedgerItem existing = table.getItem(GetItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(pk(key)).build()).consistentRead(true).build());
            if (existing != null && DONE.equals(existing.state) && existing.result != null) {
                try {
                    return new Claim.AlreadyDone(Json.mapper().readValue(existing.result, Completed.class));
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException("Unreadable ledger result " + key, ex);
                }
            }
            return new Claim.InFlight();
        }
    }

    @Override
    public void complete(String key, Completed result, Instant expiresAt) {
        LedgerItem item = new LedgerItem();
        item.pk = pk(key);
        item.state = DONE;
        item.claimedAt = null;
        item.expiresAt = expiresAt.getEpochSecond();
        item.result = Json.write(result);
        table.putItem(item);
    }

    @Override
    public void release(String key) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder().key(Key.builder().partitionValue(pk(key)).build())
                    .conditionExpression(Expression.builder().expression("#s = :pending")
                            .expressionNames(Map.of("#s", "state"))
                            .expressionValues(Map.of(":pending", AttributeValue.fromS(PENDING))).build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Already completed by the request that holds it, or gone: nothing to give up.
        }
    }

    @Override
    public void recordMove(String clinic, long from, long to, Instant expiresAt) {
        LedgerItem item = new LedgerItem();
        item.pk = movedPk(clinic, from);
        item.state = MOVED;
        item.result = Long.toString(to);
        item.expiresAt = expiresAt.getEpochSecond();
        table.putItem(item);
    }

    @Override
    public java.util.Optional<Long> movedTo(String clinic, long from) {
        LedgerItem item = table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(movedPk(clinic, from)).build()).consistentRead(true).build());
        return item == null || item.result == null ? java.util.Optional.empty()
                : java.util.Optional.of(Long.parseLong(item.result));
    }

    private static String movedPk(String clinic, long from) {
        return "moved#" + clinic + "#" + from;
    }

    private static String pk(String key) {
        return "booking#" + key;
    }

    static final class LedgerItem {
        String pk;
        String state;
        Long claimedAt;
        String result;
        Long expiresAt;
    }
}
