package kz.clinicai.voicebot.session;

import kz.clinicai.shared.booking.DialogueItem;
import kz.clinicai.shared.booking.VoicebotSession;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.infoclinica.Slot;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Sessions table (partition key {@code pk}, TTL attribute {@code expiresAt} in epoch seconds); a session is the
 * item {@code session#<clinic>#<appointment id>}. The dialogue and the offered slots are JSON strings.
 */
public final class DynamoDbSessionRepository implements SessionRepository {
    private static final TypeReference<List<DialogueItem>> HISTORY = new TypeReference<>() {
    };
    private static final TypeReference<List<Slot>> SLOTS = new TypeReference<>() {
    };

    static final TableSchema<SessionItem> SCHEMA = StaticTableSchema.builder(SessionItem.class)
            .newItemSupplier(SessionItem::new)
            .addAttribute(String.class, a -> a.name("pk").getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("clinic").getter(i -> i.clinic).setter((i, v) -> i.clinic = v))
            .addAttribute(Long.class, a -> a.name("appointmentId").getter(i -> i.appointmentId)
                    .setter((i, v) -> i.appointmentId = v))
            .addAttribute(Long.class, a -> a.name("currentSchedId").getter(i -> i.currentSchedId)
                    .setter((i, v) -> i.currentSchedId = v))
            .addAttribute(String.class, a -> a.name("history").getter(i -> i.history).setter((i, v) -> i.history = v))
            .addAttribute(String.class, a -> a.name("offered").getter(i -> i.offered).setter((i, v) -> i.offered = v))
            .addAttribute(Long.class, a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.expiresAt)
                    .setter((i, v) -> i.expiresAt = v))
            .build();

    private final DynamoDbTable<SessionItem> table;

    public DynamoDbSessionRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.table = enhanced.table(tableName, SCHEMA);
    }

    static String key(String clinic, long appointmentId) {
        return "session#" + clinic + "#" + appointmentId;
    }

    @Override
    public Optional<VoicebotSession> find(String clinic, long appointmentId) {
        SessionItem item = table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(key(clinic, appointmentId)).build()).consistentRead(true).build());
        // DynamoDB deletes expired items lazily (up to days later): an expired item is no session.
        if (item == null || (item.expiresAt != null && item.expiresAt < Instant.now().getEpochSecond())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VoicebotSession(item.clinic, item.appointmentId, item.currentSchedId,
                    item.history == null ? List.of() : Json.mapper().readValue(item.history, HISTORY),
                    item.offered == null ? List.of() : Json.mapper().readValue(item.offered, SLOTS),
                    item.version == null ? 0 : item.version));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable session " + item.pk, e);
        }
    }

    @Override
    public void save(VoicebotSession session, Instant expiresAt) {
        SessionItem item = new SessionItem();
        item.pk = key(session.clinic(), session.appointmentId());
        item.clinic = session.clinic();
        item.appointmentId = session.appointmentId();
        item.currentSchedId = session.currentSchedId();
        item.history = Json.write(session.history());
        item.offered = Json.write(session.offered());
        item.version = session.version() + 1;
        item.expiresAt = expiresAt.getEpochSecond();
        // A new dialogue may replace an expired item DynamoDB has not deleted yet (find() no longer sees it).
        Expression unchanged = session.version() == 0
                ? Expression.builder().expression("attribute_not_exists(pk) OR #e < :now")
                        .expressionNames(Map.of("#e", "expiresAt"))
                        .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(
                                Instant.now().getEpochSecond()))))
                        .build()
                : Expression.builder().expression("#v = :expected").expressionNames(Map.of("#v", "version"))
                        .expressionValues(Map.of(":expected", AttributeValue.fromN(Long.toString(session.version()))))
                        .build();
        try {
            table.putItem(PutItemEnhancedRequest.builder(SessionItem.class).item(item).conditionExpression(unchanged)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new SessionConflictException(item.pk);
        }
    }

    static final class SessionItem {
        String pk;
        String clinic;
        Long appointmentId;
        Long currentSchedId;
        String history;
        String offered;
        Long version;
        Long expiresAt;
    }
}
