package kz.clinicai.shared.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Table layout (template: UsageTable): {@code pk = d#<yyyy-MM-dd>} (UTC day), {@code sk = <channel>#<epoch
 * millis>#<random>}, so one Query reads a day and rows never collide; rows expire after {@value #KEEP_DAYS} days
 * (TTL {@code expiresAt}). Usage is not personal data (scope is a clinic, profile or call id), but it is not kept
 * forever either.
 */
public final class DynamoDbUsageRepository implements UsageRepository {

    static final int KEEP_DAYS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbUsageRepository.class);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbUsageRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(Usage usage) {
        try {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s(dayKey(usage.at().atOffset(ZoneOffset.UTC).toLocalDate())));
            item.put("sk", s(usage.channel().id() + "#" + usage.at().toEpochMilli() + "#" + UUID.randomUUID()));
            item.put("channel", s(usage.channel().id()));
            item.put("scope", s(usage.scope()));
            item.put("model", s(usage.model()));
            item.put("inputTokens", n(Long.toString(usage.inputTokens())));
            item.put("outputTokens", n(Long.toString(usage.outputTokens())));
            item.put("audioSeconds", n(Double.toString(usage.audioSeconds())));
            item.put("at", s(usage.at().toString()));
            item.put("expiresAt", n(Long.toString(usage.at().plus(KEEP_DAYS, ChronoUnit.DAYS).getEpochSecond())));
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (RuntimeException e) {
            LOG.warn("Usage not recorded ({} {} {}): {}", usage.channel().id(), usage.scope(), usage.model(),
                    e.toString());
        }
    }

    @Override
    public List<Usage> day(LocalDate day) {
        List<Usage> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :d")
                    .expressionAttributeValues(Map.of(":d", s(dayKey(day))))
                    .exclusiveStartKey(exclusiveStart)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                out.add(new Usage(Usage.Channel.fromId(item.get("channel").s()), item.get("scope").s(),
                        item.get("model").s(), Long.parseLong(item.get("inputTokens").n()),
                        Long.parseLong(item.get("outputTokens").n()), Double.parseDouble(item.get("audioSeconds").n()),
                        Instant.parse(item.get("at").s())));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    static String dayKey(LocalDate day) {
        return "d#" + day;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }
}
