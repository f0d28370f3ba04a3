package kz.clinicai.local.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.DynamoDbCallRepository;
import kz.clinicai.local.PlatformStackFixture;

/** The contract against DynamoDB Local with template.yaml's CallsTable (its key and sparse indexes). */
class DynamoDbCallRepositoryIT extends CallRepositoryContract {

    @Override
    CallRepository repository() {
        var world = PlatformStackFixture.stack().world();
        String table = world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals("CallsTable")).findFirst().orElseThrow());
        return new DynamoDbCallRepository(PlatformStackFixture.stack().aws().dynamo(), table, Clock.systemUTC(),
                Duration.ofDays(1), "contract-" + UUID.randomUUID());
    }
}
