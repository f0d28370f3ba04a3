package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kz.clinicai.chat.operator.BoardStore;
import kz.clinicai.chat.operator.DynamoDbBoardStore;
import kz.clinicai.chat.store.DynamoDbChatTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against DynamoDB Local with template.yaml's ChatTable, plus the board's TTL. */
class DynamoDbBoardStoreIT extends BoardStoreContract {

    @Override
    BoardStore store() {
        return new DynamoDbBoardStore(new DynamoDbChatTable(
                DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbChatRepositoryIT.dynamo()).build(),
                DynamoDbChatRepositoryIT.table()));
    }

    @Test
    void aBoardExpiresNinetyDaysAfterItsLastWrite() {
        long operator = operator();
        store.startCreating(operator, now.plusSeconds(30), now);
        store.save(operator, 901, "Ждут оператора: 1", now.plusSeconds(5));

        var item = DynamoDbChatRepositoryIT.dynamo().getItem(r -> r.tableName(DynamoDbChatRepositoryIT.table())
                .key(Map.of("pk", AttributeValue.fromS("board#" + operator), "sk", AttributeValue.fromS("board"))))
                .item();
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(now.plusSeconds(5).plus(DynamoDbChatTable.RETENTION).getEpochSecond());
    }
}
