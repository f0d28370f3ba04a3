package kz.clinicai.local.console;

import java.time.Clock;
import kz.clinicai.console.api.DynamoDbThreadStore;
import kz.clinicai.console.api.ThreadStore;
import kz.clinicai.console.store.DynamoDbConsoleTable;
import kz.clinicai.local.PlatformStackFixture;

/** The contract against DynamoDB Local with template.yaml's ConsoleTable (the stack's own; threads of its own). */
class DynamoDbThreadStoreIT extends ThreadStoreContract {

    @Override
    ThreadStore threads(Clock clock) {
        var dynamo = PlatformStackFixture.stack().aws().dynamo();
        return new DynamoDbThreadStore(new DynamoDbConsoleTable(() -> dynamo, DynamoDbConsoleTableIT.consoleTable()),
                clock);
    }
}
