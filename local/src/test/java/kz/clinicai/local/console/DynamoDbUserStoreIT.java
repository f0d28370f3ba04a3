package kz.clinicai.local.console;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.clinicai.console.security.DynamoDbUserStore;
import kz.clinicai.console.security.UserStore;
import kz.clinicai.console.store.DynamoDbConsoleTable;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.template.TableDef;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The contract against DynamoDB Local. "No user yet" is a property of the whole table and the stack's console
 * already has users, so each test gets a fresh table with the keys template.yaml gives ConsoleTable.
 */
class DynamoDbUserStoreIT extends UserStoreContract {

    private final DynamoDbClient dynamo = PlatformStackFixture.stack().aws().dynamo();
    private String table;

    @Override
    UserStore users() {
        TableDef console = PlatformStackFixture.stack().world().template().tables().stream()
                .filter(t -> t.logicalId().equals("ConsoleTable")).findFirst().orElseThrow();
        table = "contract-users-" + UUID.randomUUID();
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(console.partitionKey().name()).keyType(KeyType.HASH).build());
        console.sortKey().ifPresent(k -> keys.add(KeySchemaElement.builder().attributeName(k.name())
                .keyType(KeyType.RANGE).build()));
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(keys)
                .attributeDefinitions(console.attributeTypes().entrySet().stream().map(e -> AttributeDefinition
                        .builder().attributeName(e.getKey()).attributeType(e.getValue()).build()).toList()));
        return new DynamoDbUserStore(new DynamoDbConsoleTable(() -> dynamo, table));
    }

    @AfterEach
    void dropTheTable() {
        dynamo.deleteTable(b -> b.tableName(table));
    }
}
