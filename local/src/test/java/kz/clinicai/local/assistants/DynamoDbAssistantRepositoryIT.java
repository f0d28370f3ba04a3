package kz.clinicai.local.assistants;

import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** The contract against DynamoDB Local with template.yaml's AssistantsTable (its keys and the byLatestId index). */
class DynamoDbAssistantRepositoryIT extends AssistantRepositoryContract {

    @Override
    AssistantRepository repository() {
        var world = PlatformStackFixture.stack().world();
        String table = world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals("AssistantsTable")).findFirst().orElseThrow());
        return new DynamoDbAssistantRepository(DynamoDbEnhancedClient.builder()
                .dynamoDbClient(PlatformStackFixture.stack().aws().dynamo()).build(), table);
    }
}
