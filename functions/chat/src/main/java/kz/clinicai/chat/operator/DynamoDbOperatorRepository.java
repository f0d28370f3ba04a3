package kz.clinicai.chat.operator;

import static kz.clinicai.chat.store.DynamoDbChatTable.condition;
import static kz.clinicai.chat.store.DynamoDbChatTable.s;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.chat.store.DynamoDbChatTable;
import kz.clinicai.chat.store.TableItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Operators in the chat table, all in one partition ({@code pk = operators}, {@code sk = operator#<id>}).
 * The roster is a few dozen people, always read whole (every hand-off asks who is available): one Query, no
 * scan, no index, and no second table to provision. No TTL: operators stay until disabled.
 */
public final class DynamoDbOperatorRepository implements OperatorRepository {

    static final String PK = "operators";
    static final String PREFIX = "operator#";

    private final DynamoDbTable<TableItem> table;

    public DynamoDbOperatorRepository(DynamoDbChatTable chatTable) {
        this.table = chatTable.table();
    }

    @Override
    public boolean register(Operator operator) {
        TableItem item = TableItem.key(PK, PREFIX + operator.id());
        item.setKind("operator");
        item.setOperatorId(operator.id());
        item.setName(operator.name());
        item.setStatus(operator.status().name());
        item.setAvailable(operator.available());
        try {
            table.putItem(PutItemEnhancedRequest.builder(TableItem.class)
                    .item(item)
                    .conditionExpression(condition("attribute_not_exists(pk)", Map.of(), Map.of()))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Operator> find(long id) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                        .key(key(id)).consistentRead(true).build()))
                .map(DynamoDbOperatorRepository::toOperator);
    }

    @Override
    public boolean setStatus(long id, OperatorStatus status) {
        TableItem update = TableItem.key(PK, PREFIX + id);
        update.setStatus(status.name());
        if (status != OperatorStatus.APPROVED) {
            update.setAvailable(false);
        }
        return update(update, condition("attribute_exists(pk)", Map.of(), Map.of()));
    }

    @Override
    public boolean setAvailable(long id, boolean available) {
        TableItem update = TableItem.key(PK, PREFIX + id);
        update.setAvailable(available);
        // Conditional: an admin disabling someone at the same moment must win over their /available.
        return update(update, condition("#status = :approved", Map.of("#status", "status"),
                Map.of(":approved", s(OperatorStatus.APPROVED.name()))));
    }

    @Override
    public List<Operator> all() {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(PK).sortValue(PREFIX).build()))
                        .consistentRead(true)
                        .build())
                .items().stream()
                .map(DynamoDbOperatorRepository::toOperator)
                .toList();
    }

    private boolean update(TableItem item, Expression condition) {
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(TableItem.class)
                    .item(item)
                    .ignoreNulls(true)
                    .conditionExpression(condition)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Key key(long id) {
        return Key.builder().partitionValue(PK).sortValue(PREFIX + id).build();
    }

    private static Operator toOperator(TableItem item) {
        return new Operator(item.getOperatorId(), item.getName() == null ? "" : item.getName(),
                OperatorStatus.valueOf(item.getStatus()), Boolean.TRUE.equals(item.getAvailable()));
    }
}
