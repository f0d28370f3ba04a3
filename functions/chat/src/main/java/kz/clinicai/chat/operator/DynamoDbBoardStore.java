package kz.clinicai.chat.operator;

import static kz.clinicai.chat.store.DynamoDbChatTable.condition;
import static kz.clinicai.chat.store.DynamoDbChatTable.s;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.chat.conversation.Timestamps;
import kz.clinicai.chat.store.DynamoDbChatTable;
import kz.clinicai.chat.store.TableItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link BoardStore} in the chat table: item {@code board#<operator id>} / {@code board}. */
public final class DynamoDbBoardStore implements BoardStore {

    private static final String SK = "board";

    private final DynamoDbTable<TableItem> table;

    public DynamoDbBoardStore(DynamoDbChatTable chatTable) {
        this.table = chatTable.table();
    }

    @Override
    public Optional<Board> find(long operatorId) {
        TableItem item = table.getItem(Key.builder().partitionValue(pk(operatorId)).sortValue(SK).build());
        if (item == null) {
            return Optional.empty();
        }
        return Optional.of(new Board(item.getMessageId(), item.getText() == null ? "" : item.getText(),
                item.getChangedAt() == null ? Instant.EPOCH : Timestamps.parse(item.getChangedAt())));
    }

    @Override
    public boolean startCreating(long operatorId, Instant leaseUntil, Instant now) {
        TableItem item = TableItem.key(pk(operatorId), SK);
        item.setKind("board");
        item.setOperatorId(operatorId);
        item.setChangedAt(Timestamps.format(leaseUntil));
        item.setExpiresAt(DynamoDbChatTable.expiry(now));
        try {
            table.putItem(PutItemEnhancedRequest.builder(TableItem.class).item(item)
                    // Nobody's board yet, or a creator that died holding an expired lease.
                    .conditionExpression(condition("attribute_not_exists(pk) OR (attribute_not_exists(messageId) "
                            + "AND changedAt < :now)", Map.of(), Map.of(":now", s(Timestamps.format(now)))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void save(long operatorId, long messageId, String text, Instant now) {
        TableItem item = TableItem.key(pk(operatorId), SK);
        item.setKind("board");
        item.setOperatorId(operatorId);
        item.setMessageId(messageId);
        item.setText(text);
        item.setChangedAt(Timestamps.format(now));
        item.setExpiresAt(DynamoDbChatTable.expiry(now));
        table.putItem(item);
    }

    @Override
    public void forget(long operatorId) {
        table.deleteItem(Key.builder().partitionValue(pk(operatorId)).sortValue(SK).build());
    }

    private static String pk(long operatorId) {
        return "board#" + operatorId;
    }
}
