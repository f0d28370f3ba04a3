package kz.clinicai.local.voicebot;

import kz.clinicai.local.PlatformStackFixture;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The platform stack's DynamoDB Local and the names it gave template.yaml's tables. */
final class VoicebotTables {
    private VoicebotTables() {
    }

    static String name(String logicalId) {
        var world = PlatformStackFixture.stack().world();
        return world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals(logicalId)).findFirst().orElseThrow());
    }

    static DynamoDbClient dynamo() {
        return PlatformStackFixture.stack().aws().dynamo();
    }

    static DynamoDbEnhancedClient enhanced() {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo()).build();
    }
}
