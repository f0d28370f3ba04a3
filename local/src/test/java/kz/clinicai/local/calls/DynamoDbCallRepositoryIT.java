package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.DynamoDbCallRepository;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The contract against DynamoDB Local with template.yaml's CallsTable (its key and sparse indexes); and what only the
 * table shows: calls and nonces expire by the table's TTL attribute.
 */
class DynamoDbCallRepositoryIT extends CallRepositoryContract {

    static final Duration RETENTION = Duration.ofDays(1);

    private final String table;

    DynamoDbCallRepositoryIT() {
        var world = PlatformStackFixture.stack().world();
        table = world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals("CallsTable")).findFirst().orElseThrow());
    }

    private static DynamoDbClient dynamo() {
        return PlatformStackFixture.stack().aws().dynamo();
    }

    @Override
    CallRepository repository(Clock clock) {
        return new DynamoDbCallRepository(dynamo(), table, clock, RETENTION, "contract-" + UUID.randomUUID());
    }

    /** The table's layout (DynamoDbCallRepository): an item keyed {@code DNC#+E164}. */
    @Override
    void doNotCall(String e164) {
        dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("DNC#" + e164))));
    }

    @Test
    void callsAndNoncesExpireByTheTablesTtlAttribute() {
        var ttl = dynamo().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expires_at");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);

        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        CallRepository repo = repository(Clock.fixed(now, java.time.ZoneOffset.UTC));
        Call c = new Call("call_" + UUID.randomUUID().toString().replace("-", ""), "+77011234567", CallStatus.COMPLETED,
                "asr", "ru", null, null, Map.of(), now.toString(), now.toString(), 1, null, null, List.of(), null, null,
                null, null);
        repo.create(c);
        assertThat(dynamo().getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("CALL#" + c.id()))))
                .item().get("expires_at").n()).isEqualTo(Long.toString(now.plus(RETENTION).getEpochSecond()));

        String nonce = "contract-" + UUID.randomUUID();
        assertThat(repo.claimNonce(nonce, now.getEpochSecond() + 600)).isTrue();
        assertThat(dynamo().getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("NONCE#" + nonce))))
                .item().get("expires_at").n()).isEqualTo(Long.toString(now.getEpochSecond() + 600));
    }
}
