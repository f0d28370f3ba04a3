package kz.clinicai.chat.telegram;

import java.time.Instant;
import java.util.Optional;
import kz.clinicai.chat.store.DynamoDbChatTable;
import kz.clinicai.chat.store.TableItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/** {@link SentMessageLog} in the chat table: {@code pk = tg#<chat>#<message>}, {@code sk = route}, with TTL. */
public final class DynamoDbSentMessageLog implements SentMessageLog {

    private final DynamoDbTable<TableItem> table;

    public DynamoDbSentMessageLog(DynamoDbChatTable chatTable) {
        this.table = chatTable.table();
    }

    @Override
    public void record(long telegramChatId, long messageId, String chatRef, Instant now) {
        TableItem item = TableItem.key(pk(telegramChatId, messageId), "route");
        item.setKind("route");
        item.setRef(chatRef);
        item.setExpiresAt(DynamoDbChatTable.expiry(now));
        table.putItem(item);
    }

    @Override
    public Optional<String> chatRefOf(long telegramChatId, long messageId) {
        TableItem item = table.getItem(Key.builder().partitionValue(pk(telegramChatId, messageId)).sortValue("route").build());
        return Optional.ofNullable(item).map(TableItem::getRef);
    }

    private static String pk(long chatId, long messageId) {
        return "tg#" + chatId + "#" + messageId;
    }
}
