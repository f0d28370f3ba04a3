package kz.clinicai.local.console;

import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.console.store.DynamoDbConsoleTable;
import kz.clinicai.local.PlatformStackFixture;

/** The contract against DynamoDB Local with template.yaml's ConsoleTable (the stack's own; own partition keys). */
class DynamoDbConsoleTableIT extends ConsoleTableContract {

    static String consoleTable() {
        var world = PlatformStackFixture.stack().world();
        return world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals("ConsoleTable")).findFirst().orElseThrow());
    }

    @Override
    ConsoleTable table() {
        var dynamo = PlatformStackFixture.stack().aws().dynamo();
        return new DynamoDbConsoleTable(() -> dynamo, consoleTable());
    }
}
