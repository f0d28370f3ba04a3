package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kz.clinicai.chat.operator.DynamoDbOperatorRepository;
import kz.clinicai.chat.operator.Operator;
import kz.clinicai.chat.operator.OperatorRepository;
import kz.clinicai.chat.operator.OperatorStatus;
import kz.clinicai.chat.store.DynamoDbChatTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against DynamoDB Local with template.yaml's ChatTable. */
class DynamoDbOperatorRepositoryIT extends OperatorRepositoryContract {

    @Override
    OperatorRepository repository() {
        return new DynamoDbOperatorRepository(new DynamoDbChatTable(
                DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbChatRepositoryIT.dynamo()).build(),
                DynamoDbChatRepositoryIT.table()));
    }

    /** Operators stay until disabled: their items carry no expiry, unlike everything a chat writes. */
    @Test
    void operatorsNeverExpire() {
        Operator operator = registered(OperatorStatus.APPROVED);
        repo.setAvailable(operator.id(), true);

        var item = DynamoDbChatRepositoryIT.dynamo().getItem(r -> r.tableName(DynamoDbChatRepositoryIT.table())
                .key(Map.of("pk", AttributeValue.fromS("operators"),
                        "sk", AttributeValue.fromS("operator#" + operator.id())))).item();
        assertThat(item).isNotEmpty().doesNotContainKey("expiresAt");
    }
}
