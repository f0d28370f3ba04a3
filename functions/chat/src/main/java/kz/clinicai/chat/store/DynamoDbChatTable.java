package kz.clinicai.chat.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one DynamoDB table of the chat capability (env {@code CHAT_TABLE}): string keys {@code pk}/{@code sk},
 * TTL attribute {@code expiresAt} (epoch seconds). Key layout:
 * <pre>
 * chat#&lt;token&gt;   meta              the chat: mode, operator, ref
 * chat#&lt;token&gt;   msg#&lt;id&gt;          one message (ids sort by time)
 * chat#&lt;token&gt;   out#&lt;id&gt;          marker: message not yet delivered to the visitor
 * ref#&lt;ref&gt;       ref               short chat reference (shown to operators, in callback data) → token
 * operators        operator#&lt;id&gt;     an operator (Telegram user id)
 * operators        assign#&lt;id&gt;#&lt;ref&gt; a chat held by an operator
 * operators        waiting#&lt;ref&gt;     a chat waiting for an operator
 * tg#&lt;chat&gt;#&lt;msg&gt; route             a bot message sent to an operator → the chat it belongs to
 * rate#...         window            rate-limit counter
 * </pre>
 */
public final class DynamoDbChatTable {

    /** How long personal data (messages, chats, routes) is kept after its last write. */
    public static final Duration RETENTION = Duration.ofDays(90);

    public static final StaticTableSchema<TableItem> SCHEMA = schema();

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<TableItem> table;

    public DynamoDbChatTable(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
    }

    public DynamoDbEnhancedClient client() {
        return client;
    }

    public DynamoDbTable<TableItem> table() {
        return table;
    }

    public static long expiry(Instant now) {
        return now.plus(RETENTION).getEpochSecond();
    }

    /** A condition with #name placeholders for attributes and :name values. */
    public static Expression condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        Expression.Builder builder = Expression.builder().expression(expression);
        if (!names.isEmpty()) {
            builder.expressionNames(names);
        }
        if (!values.isEmpty()) {
            builder.expressionValues(values);
        }
        return builder.build();
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static StaticTableSchema<TableItem> schema() {
        var builder = StaticTableSchema.builder(TableItem.class).newItemSupplier(TableItem::new);
        builder.addAttribute(String.class, a -> a.name("pk").getter(TableItem::getPk).setter(TableItem::setPk)
                .tags(primaryPartitionKey()));
        builder.addAttribute(String.class, a -> a.name("sk").getter(TableItem::getSk).setter(TableItem::setSk)
                .tags(primarySortKey()));
        string(builder, "kind", TableItem::getKind, TableItem::setKind);
        string(builder, "token", TableItem::getToken, TableItem::setToken);
        string(builder, "ref", TableItem::getRef, TableItem::setRef);
        string(builder, "mode", TableItem::getMode, TableItem::setMode);
        string(builder, "author", TableItem::getAuthor, TableItem::setAuthor);
        string(builder, "text", TableItem::getText, TableItem::setText);
        string(builder, "createdAt", TableItem::getCreatedAt, TableItem::setCreatedAt);
        string(builder, "deliveredAt", TableItem::getDeliveredAt, TableItem::setDeliveredAt);
        string(builder, "repliedAt", TableItem::getRepliedAt, TableItem::setRepliedAt);
        string(builder, "changedAt", TableItem::getChangedAt, TableItem::setChangedAt);
        string(builder, "reason", TableItem::getReason, TableItem::setReason);
        string(builder, "historyFrom", TableItem::getHistoryFrom, TableItem::setHistoryFrom);
        string(builder, "status", TableItem::getStatus, TableItem::setStatus);
        string(builder, "name", TableItem::getName, TableItem::setName);
        builder.addAttribute(Long.class, a -> a.name("operatorId").getter(TableItem::getOperatorId)
                .setter(TableItem::setOperatorId));
        builder.addAttribute(Boolean.class, a -> a.name("available").getter(TableItem::getAvailable)
                .setter(TableItem::setAvailable));
        builder.addAttribute(Long.class, a -> a.name("messageId").getter(TableItem::getMessageId)
                .setter(TableItem::setMessageId));
        builder.addAttribute(Long.class, a -> a.name("expiresAt").getter(TableItem::getExpiresAt)
                .setter(TableItem::setExpiresAt));
        return builder.build();
    }

    private static void string(StaticTableSchema.Builder<TableItem> builder, String name,
                               Function<TableItem, String> getter, BiConsumer<TableItem, String> setter) {
        builder.addAttribute(String.class, a -> a.name(name).getter(getter).setter(setter));
    }
}
