package kz.clinicai.shared.assistant;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Table layout (partition key {@code pk}, sort key {@code sk}, both strings):
 * <ul>
 *   <li>{@code pk = name#<name>, sk = v#<10-digit version>}: every version, never overwritten;</li>
 *   <li>{@code pk = name#<name>, sk = latest}: a copy of the newest version; it alone carries {@code latestId},
 *   the key of the sparse GSI {@value #BY_ID_INDEX} that finds an assistant by id.</li>
 * </ul>
 * A save writes both items in one transaction: the version item must not exist and the latest item must still be the
 * version the writer read, so two concurrent updates cannot both become version N.
 */
public final class DynamoDbAssistantRepository implements AssistantRepository {
    public static final String BY_ID_INDEX = "byLatestId";
    private static final String LATEST = "latest";

    private static final TableSchema<AssistantItem> SCHEMA = StaticTableSchema.builder(AssistantItem.class)
            .newItemSupplier(AssistantItem::new)
            .addAttribute(String.class, a -> a.name("pk").getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(i -> i.sk).setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("latestId").getter(i -> i.latestId).setter((i, v) -> i.latestId = v)
                    .tags(secondaryPartitionKey(BY_ID_INDEX)))
            .addAttribute(String.class, a -> a.name("assistantId").getter(i -> i.assistantId)
                    .setter((i, v) -> i.assistantId = v))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
            .addAttribute(Integer.class, a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
            .addAttribute(String.class, a -> a.name("model").getter(i -> i.model).setter((i, v) -> i.model = v))
            .addAttribute(String.class, a -> a.name("instructions").getter(i -> i.instructions)
                    .setter((i, v) -> i.instructions = v))
            .addAttribute(Double.class, a -> a.name("temperature").getter(i -> i.temperature)
                    .setter((i, v) -> i.temperature = v))
            .addAttribute(Double.class, a -> a.name("topP").getter(i -> i.topP).setter((i, v) -> i.topP = v))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(i -> i.updatedAt)
                    .setter((i, v) -> i.updatedAt = v))
            .build();

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<AssistantItem> table;
    private final DynamoDbIndex<AssistantItem> byId;

    public DynamoDbAssistantRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.enhanced = enhanced;
        this.table = enhanced.table(tableName, SCHEMA);
        this.byId = table.index(BY_ID_INDEX);
    }

    @Override
    public Optional<AssistantConfig> latestByName(String name) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(namePk(name)).sortValue(LATEST).build()))
                .map(AssistantItem::toConfig);
    }

    @Override
    public Optional<AssistantConfig> latestById(String id) {
        return byId.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(id).build())).stream()
                .flatMap(page -> page.items().stream())
                .findFirst()
                .map(AssistantItem::toConfig);
    }

    @Override
    public Optional<AssistantConfig> version(String name, int version) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(namePk(name))
                .sortValue(versionSk(version)).build())).map(AssistantItem::toConfig);
    }

    @Override
    public AssistantConfig saveNewVersion(AssistantDraft draft, Instant now) {
        // Callers validate first (with a 400 for their user); this keeps a config every turn would fail on out.
        draft.refusal(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        Optional<AssistantConfig> latest = latestByName(draft.name());
        int next = latest.map(c -> c.version() + 1).orElse(1);
        String id = latest.map(AssistantConfig::id).orElseGet(() -> "asst_" + UUID.randomUUID().toString().replace("-", ""));
        AssistantConfig config = new AssistantConfig(id, draft.name(), next, draft.model(), draft.instructions(),
                draft.temperature(), draft.topP(), now);

        AssistantItem versionItem = AssistantItem.of(config, versionSk(next), null);
        AssistantItem latestItem = AssistantItem.of(config, LATEST, id);
        Expression latestUnchanged = latest.isEmpty()
                ? Expression.builder().expression("attribute_not_exists(pk)").build()
                : Expression.builder().expression("#v = :previous")
                        .expressionNames(Map.of("#v", "version"))
                        .expressionValues(Map.of(":previous", AttributeValue.fromN(Integer.toString(next - 1))))
                        .build();
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table, TransactPutItemEnhancedRequest.builder(AssistantItem.class).item(versionItem)
                            .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                            .build())
                    .addPutItem(table, TransactPutItemEnhancedRequest.builder(AssistantItem.class).item(latestItem)
                            .conditionExpression(latestUnchanged).build())
                    .build());
        } catch (TransactionCanceledException e) {
            throw new AssistantVersionConflictException(draft.name(), next);
        }
        return config;
    }

    /** Every stored version of the assistant {@code name}, oldest first. */
    public List<AssistantConfig> versions(String name) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(namePk(name))
                                .sortValue("v#").build()))
                        .consistentRead(true).build())
                .items().stream().map(AssistantItem::toConfig).toList();
    }

    /**
     * Deletes the assistant: its latest item first (readers stop finding it at once), then its versions.
     * Returns false when there was none.
     */
    public boolean delete(String name) {
        if (latestByName(name).isEmpty()) {
            return false;
        }
        table.deleteItem(Key.builder().partitionValue(namePk(name)).sortValue(LATEST).build());
        for (AssistantConfig v : versions(name)) {
            table.deleteItem(Key.builder().partitionValue(namePk(name)).sortValue(versionSk(v.version())).build());
        }
        return true;
    }

    private static String namePk(String name) {
        return "name#" + name;
    }

    private static String versionSk(int version) {
        return "v#" + String.format("%010d", version);
    }

    /** Mutable row for the enhanced client's static schema; never leaves this class. */
    static final class AssistantItem {
        String pk;
        String sk;
        String latestId;
        String assistantId;
        String name;
        Integer version;
        String model;
        String instructions;
        Double temperature;
        Double topP;
        String updatedAt;

        static AssistantItem of(AssistantConfig c, String sk, String latestId) {
            AssistantItem item = new AssistantItem();
            item.pk = namePk(c.name());
            item.sk = sk;
            item.latestId = latestId;
            item.assistantId = c.id();
            item.name = c.name();
            item.version = c.version();
            item.model = c.model();
            item.instructions = c.instructions();
            item.temperature = c.temperature();
            item.topP = c.topP();
            item.updatedAt = c.updatedAt().toString();
            return item;
        }

        AssistantConfig toConfig() {
            return new AssistantConfig(assistantId, name, version, model, instructions, temperature, topP,
                    Instant.parse(updatedAt));
        }
    }
}
