package kz.clinicai.local.analytics;

import java.util.Map;
import java.util.OptionalLong;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.template.TableDef;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * template.yaml's AnalyticsCallsTable in the stack's DynamoDB Local, for the contracts' ITs: its name, and the TTL
 * attribute of an item read raw (the template's own TimeToLiveSpecification names it, so an item stamped under
 * another name would fail the contract).
 */
final class AnalyticsCallsTable {

    private AnalyticsCallsTable() {
    }

    static TableDef def() {
        return PlatformStackFixture.stack().world().template().tables().stream()
                .filter(t -> t.logicalId().equals("AnalyticsCallsTable")).findFirst().orElseThrow();
    }

    static String name() {
        return PlatformStackFixture.stack().world().tableName(def());
    }

    static DynamoDbClient dynamo() {
        return PlatformStackFixture.stack().aws().dynamo();
    }

    /** The item's TTL attribute (epoch seconds), empty when the item or the attribute is missing. */
    static OptionalLong expiry(String pk, String sk) {
        String ttl = def().ttlAttribute().orElseThrow(() -> new AssertionError("AnalyticsCallsTable has no TTL"));
        Map<String, AttributeValue> item = dynamo().getItem(b -> b.tableName(name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null || !item.containsKey(ttl) || item.get(ttl).n() == null ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(item.get(ttl).n()));
    }
}
