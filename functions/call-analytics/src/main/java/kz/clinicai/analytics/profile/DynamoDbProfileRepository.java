package kz.clinicai.analytics.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Profiles table: {@code profileId} (hash key), {@code doc} (the profile as JSON), {@code version} (number,
 * conditional updates), {@code pullError}. A handful of profiles per deployment, so listing is a scan.
 */
public final class DynamoDbProfileRepository implements ProfileRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbProfileRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(Profile profile) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(profile))
                    .conditionExpression("attribute_not_exists(profileId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Profile> find(String profileId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("profileId", AttributeValue.fromS(profileId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public List<Profile> list() {
        List<Profile> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
            page.items().forEach(i -> out.add(read(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort(Comparator.comparing(Profile::profileId));
        return out;
    }

    @Override
    public boolean update(Profile profile, long expectedVersion) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(profile))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void setPullError(String profileId, String error) {
        Map<String, AttributeValue> key = Map.of("profileId", AttributeValue.fromS(profileId));
        if (error == null) {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("REMOVE pullError")
                    .conditionExpression("attribute_exists(profileId)"));
        } else {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET pullError = :e")
                    .conditionExpression("attribute_exists(profileId)")
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(error))));
        }
    }

    private static Map<String, AttributeValue> item(Profile p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("profileId", AttributeValue.fromS(p.profileId()));
        item.put("version", AttributeValue.fromN(Long.toString(p.version())));
        item.put("doc", AttributeValue.fromS(Json.write(p.withPullError(null))));
        if (p.pullError() != null) {
            item.put("pullError", AttributeValue.fromS(p.pullError()));
        }
        return item;
    }

    private static Profile read(Map<String, AttributeValue> item) {
        try {
            Profile p = Json.mapper().readValue(item.get("doc").s(), Profile.class);
            AttributeValue error = item.get("pullError");
            return p.withMeta(Long.parseLong(item.get("version").n()), p.createdAt(), p.updatedAt(),
                    error == null ? null : error.s());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("profile " + item.get("profileId") + " is not readable", e);
        }
    }
}
