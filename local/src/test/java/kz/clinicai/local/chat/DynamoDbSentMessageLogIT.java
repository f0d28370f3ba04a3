package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kz.clinicai.chat.store.DynamoDbChatTable;
import kz.clinicai.chat.telegram.DynamoDbSentMessageLog;
import kz.clinicai.chat.telegram.SentMessageLog;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against DynamoDB Local with template.yaml's ChatTable, plus the route's TTL. */
class DynamoDbSentMessageLogIT extends SentMessageLogContract {

    @Override
    SentMessageLog log() {
        return new DynamoDbSentMessageLog(new DynamoDbChatTable(
                DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbChatRepositoryIT.dynamo()).build(),
                DynamoDbChatRepositoryIT.table()));
    }

    /** A route names a visitor's chat: personal data, gone ninety days after it was sent. */
    @Test
    void aRouteExpiresNinetyDaysAfterItWasRecorded() {
        long operator = 6_000_000_000L + (long) (Math.random() * 1_000_000_000L);
        log.record(operator, 42, "REFcccccccc", now);

        var item = DynamoDbChatRepositoryIT.dynamo().getItem(r -> r.tableName(DynamoDbChatRepositoryIT.table())
                .key(Map.of("pk", AttributeValue.fromS("tg#" + operator + "#42"), "sk", AttributeValue.fromS("route"))))
                .item();
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(now.plus(DynamoDbChatTable.RETENTION).getEpochSecond());
    }
}
