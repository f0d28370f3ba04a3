package kz.clinicai.calls.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * UsageTable items {@code pk = reminders#<clinic>}, {@code sk = d#<yyyy-MM-dd>} (UTC day) with counters {@code
 * calls}, {@code dials}, {@code connected_seconds} and per model {@code in#<model>}, {@code out#<model>}, {@code
 * audio#<model>}, each changed only by DynamoDB's atomic ADD; kept as long as the usage rows (TTL {@code
 * expiresAt}). A month is one Query of at most 31 items. The per-model-call rows ({@code pk = d#<day>}) are a
 * different partition and stay as they are. Metering never fails the call: errors are logged and swallowed.
 */
public final class DynamoDbReminderUsage implements ReminderUsage {

    static final int KEEP_DAYS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbReminderUsage.class);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbReminderUsage(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void call(String clinic, Instant at, int dials, long connectedSeconds) {
        add(clinic, at, Map.of("calls", dials > 0 ? 1 : 0, "dials", dials, "connected_seconds", connectedSeconds));
    }

    @Override
    public void model(String clinic, Instant at, String model, long inputTokens, long outputTokens,
                      double audioSeconds) {
        Map<String, Number> counters = new HashMap<>();
        counters.put("in#" + model, inputTokens);
        counters.put("out#" + model, outputTokens);
        counters.put("audio#" + model, audioSeconds);
        add(clinic, at, counters);
    }

    private void add(String clinic, Instant at, Map<String, ? extends Number> counters) {
        try {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> adds = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, ? extends Number> c : counters.entrySet()) {
                names.put("#c" + i, c.getKey());
                values.put(":c" + i, AttributeValue.fromN(c.getValue().toString()));
                adds.add("#c" + i + " :c" + i);
                i++;
            }
            values.put(":exp", AttributeValue.fromN(Long.toString(at.plus(KEEP_DAYS, ChronoUnit.DAYS).getEpochSecond())));
            LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(pk(clinic)), "sk", AttributeValue.fromS("d#" + day)))
                    .updateExpression("SET expiresAt = :exp ADD " + String.join(", ", adds))
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (RuntimeException e) {
            LOG.warn("Reminder usage of {} not recorded: {}", clinic, e.toString());
        }
    }

    @Override
    public List<Day> month(String clinic, YearMonth month) {
        List<Day> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(clinic)),
                            ":from", AttributeValue.fromS("d#" + month.atDay(1)),
                            ":to", AttributeValue.fromS("d#" + month.atEndOfMonth())));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            page.items().forEach(item -> out.add(day(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Day day(Map<String, AttributeValue> item) {
        Map<String, Model> models = new TreeMap<>();
        item.forEach((name, v) -> {
            int hash = name.indexOf('#');
            if (hash < 0 || v.n() == null) {
                return;
            }
            String model = name.substring(hash + 1);
            Model m = switch (name.substring(0, hash)) {
                case "in" -> new Model(Long.parseLong(v.n()), 0, 0);
                case "out" -> new Model(0, Long.parseLong(v.n()), 0);
                case "audio" -> new Model(0, 0, Double.parseDouble(v.n()));
                default -> null;
            };
            if (m != null) {
                models.merge(model, m, Model::plus);
            }
        });
        return new Day(LocalDate.parse(item.get("sk").s().substring(2)), n(item, "calls"), n(item, "dials"),
                n(item, "connected_seconds"), models);
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    static String pk(String clinic) {
        return "reminders#" + clinic;
    }
}
