package kz.clinicai.local.console;

import java.util.Map;
import java.util.Optional;
import kz.clinicai.console.lifecycle.DynamoDbLifecycleStore;
import kz.clinicai.console.lifecycle.LifecycleStore;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.console.store.DynamoDbConsoleTable;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contract against DynamoDB Local with template.yaml's ConsoleTable. The findings row is one per table (the
 * stack's, which the console's banner reads), so it is put back as it was after each test.
 */
class DynamoDbLifecycleStoreIT extends LifecycleStoreContract {

    private ConsoleTable table;
    private Optional<Map<String, AttributeValue>> before;

    @Override
    LifecycleStore store() {
        var dynamo = PlatformStackFixture.stack().aws().dynamo();
        table = new DynamoDbConsoleTable(() -> dynamo, DynamoDbConsoleTableIT.consoleTable());
        before = table.get("models", "lifecycle");
        table.delete("models", "lifecycle");
        return new DynamoDbLifecycleStore(table);
    }

    @AfterEach
    void putTheStacksFindingsBack() {
        table.delete("models", "lifecycle");
        before.ifPresent(table::put);
    }
}
