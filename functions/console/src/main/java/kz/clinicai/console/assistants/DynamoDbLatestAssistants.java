package kz.clinicai.console.assistants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kz.clinicai.shared.assistant.AssistantConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@link LatestAssistants} by a Scan of AssistantsTable for the {@code latest}
 * items (layout: {@code DynamoDbAssistantRepository}). Only the console lists all assistants, so only it scans; a
 * platform has tens of assistants, not millions.
 */
public final class DynamoDbLatestAssistants implements LatestAssistants {

    private final Supplier<DynamoDbClient> dynamo;
    private final String table;

    public DynamoDbLatestAssistants(Supplier<DynamoDbClient> dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<AssistantConfig> all() {
        List<AssistantConfig> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true)
                    .filterExpression("sk = :latest").expressionAttributeValues(Map.of(":latest",
                            AttributeValue.fromS("latest")));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = dynamo.get().scan(request.build());
            page.items().forEach(i -> out.add(config(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static AssistantConfig config(Map<String, AttributeValue> i) {
        return new AssistantConfig(s(i, "assistantId"), s(i, "name"), Integer.parseInt(i.get("version").n()),
                s(i, "model"), s(i, "instructions"), d(i, "temperature"), d(i, "topP"), Instant.parse(s(i, "updatedAt")));
    }

    private static String s(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null ? null : v.s();
    }

    private static Double d(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || v.n() == null ? null : Double.valueOf(v.n());
    }
}
