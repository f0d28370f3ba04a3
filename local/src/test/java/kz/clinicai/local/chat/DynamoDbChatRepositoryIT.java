package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.DynamoDbChatRepository;
import kz.clinicai.chat.store.DynamoDbChatTable;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The contract against DynamoDB Local with template.yaml's ChatTable, plus what only the table shows: TTL. */
class DynamoDbChatRepositoryIT extends ChatRepositoryContract {

    static String table() {
        var world = PlatformStackFixture.stack().world();
        return world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals("ChatTable")).findFirst().orElseThrow());
    }

    static DynamoDbClient dynamo() {
        return PlatformStackFixture.stack().aws().dynamo();
    }

    @Override
    ChatRepository repository() {
        return new DynamoDbChatRepository(new DynamoDbChatTable(
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo()).build(), table()));
    }

    /**
     * Personal data leaves by TTL: every item a chat writes (its meta, messages, delivery markers, ref, the waiting
     * and assignment items) expires {@link DynamoDbChatTable#RETENTION} after the write that made or last touched it.
     */
    @Test
    void everyItemOfAChatExpiresByExpiresAtNinetyDaysAfterItsLastWrite() {
        var ttl = dynamo().describeTimeToLive(r -> r.tableName(table())).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);

        String token = token();
        long operator = operatorId();
        Instant opened = now;
        Chat chat = repo.open(token, opened);
        ChatMessage question = visitorSays(token, "?");
        repo.completeReply(token, question.id(), List.of(reply("!")), Optional.of("причина"), now);
        Instant claimed = now.plusSeconds(30);
        repo.claim(token, operator, claimed);

        List<Map<String, AttributeValue>> items = dynamo().queryPaginator(r -> r.tableName(table())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("chat#" + token)))).items().stream()
                .toList();
        // meta, the question, the reply and its delivery marker
        assertThat(items).hasSize(4);
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("sk").s();
            // A message (and its marker) is written once, when it is created; the meta last by the claim.
            assertExpires(item, sk.equals("meta") ? claimed : Instant.parse(item.get("createdAt").s()));
        }
        assertExpires(item("ref#" + chat.ref(), "ref"), opened);
        assertExpires(item("operators", "assign#" + operator + "#" + chat.ref()), claimed);
    }

    private static void assertExpires(Map<String, AttributeValue> item, Instant lastWrite) {
        assertThat(item).as("%s / %s", item.get("pk").s(), item.get("sk").s()).containsKey("expiresAt");
        assertThat(Long.parseLong(item.get("expiresAt").n())).as("%s / %s", item.get("pk").s(), item.get("sk").s())
                .isEqualTo(lastWrite.plus(DynamoDbChatTable.RETENTION).getEpochSecond());
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo().getItem(r -> r.tableName(table()).key(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        assertThat(item).as("%s / %s", pk, sk).isNotEmpty();
        return item;
    }
}
