package kz.clinicai.chat.conversation;

import static kz.clinicai.chat.store.DynamoDbChatTable.condition;
import static kz.clinicai.chat.store.DynamoDbChatTable.n;
import static kz.clinicai.chat.store.DynamoDbChatTable.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** {@link ChatRepository} on the chat table ({@link DynamoDbChatTable} documents the keys). */
public final class DynamoDbChatRepository implements ChatRepository {

    static final String META = "meta";
    static final String MSG = "msg#";
    static final String OUT = "out#";
    static final String OPERATORS = "operators";

    private static final Expression NEW_ITEM = condition("attribute_not_exists(pk)", Map.of(), Map.of());

    private final DynamoDbChatTable chatTable;
    private final DynamoDbTable<TableItem> table;

    public DynamoDbChatRepository(DynamoDbChatTable chatTable) {
        this.chatTable = chatTable;
        this.table = chatTable.table();
    }

    static String chatPk(String token) {
        return "chat#" + token;
    }

    @Override
    public Chat open(String token, Instant now) {
        Optional<Chat> existing = find(token);
        if (existing.isPresent()) {
            return existing.get();
        }
        String ref = ChatRefs.of(token);
        TableItem meta = TableItem.key(chatPk(token), META);
        meta.setKind("chat");
        meta.setToken(token);
        meta.setRef(ref);
        meta.setMode(ChatMode.AI.name());
        meta.setCreatedAt(Timestamps.format(now));
        meta.setChangedAt(Timestamps.format(now));
        meta.setExpiresAt(DynamoDbChatTable.expiry(now));
        TableItem refItem = TableItem.key("ref#" + ref, "ref");
        refItem.setKind("ref");
        refItem.setToken(token);
        refItem.setExpiresAt(DynamoDbChatTable.expiry(now));
        try {
            chatTable.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table, put(meta, NEW_ITEM))
                    .addPutItem(table, put(refItem, NEW_ITEM))
                    .build());
            return toChat(meta);
        } catch (TransactionCanceledException e) {
            // The visitor's first two messages raced; the other request created it.
            return find(token).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Chat> find(String token) {
        return get(chatPk(token), META).map(DynamoDbChatRepository::toChat);
    }

    @Override
    public Optional<String> handoffReason(String token) {
        return get(chatPk(token), META).map(TableItem::getReason).filter(r -> !r.isBlank());
    }

    @Override
    public Optional<Chat> findByRef(String ref) {
        return get("ref#" + ref, "ref").flatMap(item -> find(item.getToken()));
    }

    @Override
    public boolean addVisitorMessage(String token, ChatMessage message) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(TableItem.class)
                    .item(messageItem(token, message))
                    .conditionExpression(NEW_ITEM)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void addForVisitor(String token, List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        var request = TransactWriteItemsEnhancedRequest.builder();
        addForVisitor(request, token, messages);
        chatTable.client().transactWriteItems(request.build());
    }

    private void addForVisitor(TransactWriteItemsEnhancedRequest.Builder request, String token,
                               List<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            request.addPutItem(table, put(messageItem(token, message), NEW_ITEM));
            // The marker carries a copy of the message: one Query serves a poll.
            TableItem marker = messageItem(token, message);
            marker.setSk(OUT + message.id());
            marker.setKind("outbox");
            request.addPutItem(table, put(marker, NEW_ITEM));
        }
    }

    @Override
    public List<ChatMessage> undelivered(String token) {
        return query(chatPk(token), QueryConditional.sortBeginsWith(key(chatPk(token), OUT)), true, Integer.MAX_VALUE)
                .stream()
                .map(DynamoDbChatRepository::toMessage)
                .toList();
    }

    @Override
    public boolean markDelivered(String token, String messageId, Instant at) {
        TableItem update = TableItem.key(chatPk(token), MSG + messageId);
        update.setDeliveredAt(Timestamps.format(at));
        boolean won;
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(TableItem.class)
                    .item(update)
                    .ignoreNulls(true)
                    .conditionExpression(condition("attribute_exists(pk) AND attribute_not_exists(deliveredAt)",
                            Map.of(), Map.of()))
                    .build());
            won = true;
        } catch (ConditionalCheckFailedException e) {
            won = false;
        }
        // Whoever delivered it, the marker has served; deleting twice is harmless.
        table.deleteItem(key(chatPk(token), OUT + messageId));
        return won;
    }

    @Override
    public Optional<ChatMessage> message(String token, String messageId) {
        return get(chatPk(token), MSG + messageId).map(DynamoDbChatRepository::toMessage);
    }

    @Override
    public List<ChatMessage> history(String token, String upToId, Instant from, int limit) {
        String pk = chatPk(token);
        QueryConditional range = upToId == null
                ? QueryConditional.sortBeginsWith(key(pk, MSG))
                : QueryConditional.sortBetween(key(pk, MSG), key(pk, MSG + upToId));
        List<ChatMessage> newestFirst = new ArrayList<>();
        for (TableItem item : query(pk, range, false, limit)) {
            ChatMessage message = toMessage(item);
            if (from != null && message.createdAt().isBefore(from)) {
                break;
            }
            newestFirst.add(message);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public List<ChatMessage> transcript(String token) {
        String pk = chatPk(token);
        return query(pk, QueryConditional.sortBeginsWith(key(pk, MSG)), true, Integer.MAX_VALUE).stream()
                .map(DynamoDbChatRepository::toMessage)
                .toList();
    }

    @Override
    public ReplyOutcome completeReply(String token, String visitorMessageId, List<ChatMessage> forVisitor,
                                      Optional<String> handoffReason, Instant now) {
        var request = TransactWriteItemsEnhancedRequest.builder();
        request.addUpdateItem(table, markAnswered(token, visitorMessageId, now));
        addForVisitor(request, token, forVisitor);
        int modeIndex = -1;
        if (handoffReason.isPresent()) {
            modeIndex = 1 + 2 * forVisitor.size();
            Chat chat = find(token).orElseThrow(() -> new IllegalStateException("No chat for a stored message"));
            addHandoff(request, chat, handoffReason.get(), now);
        }
        try {
            chatTable.client().transactWriteItems(request.build());
            return ReplyOutcome.STORED;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return ReplyOutcome.DUPLICATE;
            }
            if (modeIndex >= 0 && failed(e, modeIndex)) {
                return ReplyOutcome.NOT_IN_AI_MODE;
            }
            throw e;
        }
    }

    @Override
    public boolean markForwarded(String token, String visitorMessageId, Instant now) {
        try {
            table.updateItem(markAnsweredUpdate(token, visitorMessageId, now));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean requestOperator(String token, String reason, ChatMessage notice, Instant now) {
        Chat chat = find(token).orElseThrow(() -> new IllegalArgumentException("No such chat"));
        var request = TransactWriteItemsEnhancedRequest.builder();
        addHandoff(request, chat, reason, now);
        addForVisitor(request, token, List.of(notice));
        return commit(request);
    }

    @Override
    public boolean claim(String token, long operatorId, Instant now) {
        Chat chat = find(token).orElseThrow(() -> new IllegalArgumentException("No such chat"));
        TableItem meta = TableItem.key(chatPk(token), META);
        meta.setMode(ChatMode.OPERATOR.name());
        meta.setOperatorId(operatorId);
        meta.setChangedAt(Timestamps.format(now));
        meta.setExpiresAt(DynamoDbChatTable.expiry(now));
        TableItem assignment = TableItem.key(OPERATORS, "assign#" + operatorId + "#" + chat.ref());
        assignment.setKind("assignment");
        assignment.setToken(token);
        assignment.setRef(chat.ref());
        assignment.setOperatorId(operatorId);
        assignment.setExpiresAt(DynamoDbChatTable.expiry(now));
        var request = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(table, update(meta, modeIs(ChatMode.WAITING_OPERATOR)))
                .addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                        .key(key(OPERATORS, "waiting#" + chat.ref())).build())
                .addPutItem(table, put(assignment, null));
        return commit(request);
    }

    @Override
    public boolean release(String token, long operatorId, ChatMessage notice, boolean keepHistory, Instant now) {
        Chat chat = find(token).orElseThrow(() -> new IllegalArgumentException("No such chat"));
        TableItem meta = TableItem.key(chatPk(token), META);
        meta.setMode(ChatMode.AI.name());
        meta.setChangedAt(Timestamps.format(now));
        meta.setExpiresAt(DynamoDbChatTable.expiry(now));
        if (!keepHistory) {
            meta.setHistoryFrom(Timestamps.format(now));
        }
        Expression heldByOperator = condition("#mode = :mode AND operatorId = :op", Map.of("#mode", "mode"),
                Map.of(":mode", s(ChatMode.OPERATOR.name()), ":op", n(operatorId)));
        var request = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(table, update(meta, heldByOperator))
                .addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                        .key(key(OPERATORS, "assign#" + operatorId + "#" + chat.ref())).build());
        addForVisitor(request, token, List.of(notice));
        return commit(request);
    }

    @Override
    public boolean returnUnclaimed(String token, Instant cutoff, ChatMessage notice, Instant now) {
        Optional<Chat> found = find(token);
        if (found.isEmpty() || found.get().mode() != ChatMode.WAITING_OPERATOR || found.get().changedAt().isAfter(cutoff)) {
            return false;
        }
        Chat chat = found.get();
        TableItem meta = TableItem.key(chatPk(token), META);
        meta.setMode(ChatMode.AI.name());
        meta.setChangedAt(Timestamps.format(now));
        meta.setExpiresAt(DynamoDbChatTable.expiry(now));
        // The same hand-off that was read: a newer one (or a claim) changed changedAt or the mode.
        Expression sameHandoff = condition("#mode = :mode AND changedAt = :changed", Map.of("#mode", "mode"),
                Map.of(":mode", s(ChatMode.WAITING_OPERATOR.name()), ":changed", s(Timestamps.format(chat.changedAt()))));
        var request = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(table, update(meta, sameHandoff))
                .addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                        .key(key(OPERATORS, "waiting#" + chat.ref())).build());
        addForVisitor(request, token, List.of(notice));
        return commit(request);
    }

    @Override
    public List<Chat> waiting() {
        return chatsOf(QueryConditional.sortBeginsWith(key(OPERATORS, "waiting#")));
    }

    @Override
    public List<Chat> heldBy(long operatorId) {
        return chatsOf(QueryConditional.sortBeginsWith(key(OPERATORS, "assign#" + operatorId + "#"))).stream()
                // The assignment and the chat are written together, but a stale item must never route a reply.
                .filter(chat -> chat.heldBy(operatorId))
                .toList();
    }

    private List<Chat> chatsOf(QueryConditional range) {
        List<Chat> chats = new ArrayList<>();
        for (TableItem item : query(OPERATORS, range, true, Integer.MAX_VALUE)) {
            find(item.getToken()).ifPresent(chats::add);
        }
        return chats;
    }

    private void addHandoff(TransactWriteItemsEnhancedRequest.Builder request, Chat chat, String reason, Instant now) {
        TableItem meta = TableItem.key(chatPk(chat.token()), META);
        meta.setMode(ChatMode.WAITING_OPERATOR.name());
        meta.setReason(reason);
        meta.setChangedAt(Timestamps.format(now));
        meta.setExpiresAt(DynamoDbChatTable.expiry(now));
        TableItem waiting = TableItem.key(OPERATORS, "waiting#" + chat.ref());
        waiting.setKind("waiting");
        waiting.setToken(chat.token());
        waiting.setRef(chat.ref());
        waiting.setReason(reason);
        waiting.setCreatedAt(Timestamps.format(now));
        waiting.setExpiresAt(DynamoDbChatTable.expiry(now));
        request.addUpdateItem(table, update(meta, modeIs(ChatMode.AI)));
        request.addPutItem(table, put(waiting, null));
    }

    private static Expression modeIs(ChatMode mode) {
        return condition("#mode = :mode", Map.of("#mode", "mode"), Map.of(":mode", s(mode.name())));
    }

    private TransactUpdateItemEnhancedRequest<TableItem> markAnswered(String token, String messageId, Instant now) {
        TableItem update = TableItem.key(chatPk(token), MSG + messageId);
        update.setRepliedAt(Timestamps.format(now));
        return update(update, condition("attribute_exists(pk) AND attribute_not_exists(repliedAt)", Map.of(), Map.of()));
    }

    private UpdateItemEnhancedRequest<TableItem> markAnsweredUpdate(String token, String messageId, Instant now) {
        TableItem update = TableItem.key(chatPk(token), MSG + messageId);
        update.setRepliedAt(Timestamps.format(now));
        return UpdateItemEnhancedRequest.builder(TableItem.class)
                .item(update)
                .ignoreNulls(true)
                .conditionExpression(condition("attribute_exists(pk) AND attribute_not_exists(repliedAt)",
                        Map.of(), Map.of()))
                .build();
    }

    private boolean commit(TransactWriteItemsEnhancedRequest.Builder request) {
        try {
            chatTable.client().transactWriteItems(request.build());
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons()
                    && e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        if (!e.hasCancellationReasons() || e.cancellationReasons().size() <= index) {
            return false;
        }
        CancellationReason reason = e.cancellationReasons().get(index);
        return "ConditionalCheckFailed".equals(reason.code());
    }

    private static TransactPutItemEnhancedRequest<TableItem> put(TableItem item, Expression condition) {
        var builder = TransactPutItemEnhancedRequest.builder(TableItem.class).item(item);
        if (condition != null) {
            builder.conditionExpression(condition);
        }
        return builder.build();
    }

    private static TransactUpdateItemEnhancedRequest<TableItem> update(TableItem item, Expression condition) {
        return TransactUpdateItemEnhancedRequest.builder(TableItem.class)
                .item(item)
                .ignoreNulls(true)
                .conditionExpression(condition)
                .build();
    }

    private Optional<TableItem> get(String pk, String sk) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(key(pk, sk))
                .consistentRead(true)
                .build()));
    }

    private List<TableItem> query(String pk, QueryConditional range, boolean ascending, int limit) {
        var request = QueryEnhancedRequest.builder()
                .queryConditional(range)
                .scanIndexForward(ascending)
                .consistentRead(true);
        if (limit < Integer.MAX_VALUE) {
            request.limit(limit);
        }
        return table.query(request.build()).items().stream().limit(limit).toList();
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    private static TableItem messageItem(String token, ChatMessage message) {
        TableItem item = TableItem.key(chatPk(token), MSG + message.id());
        item.setKind("message");
        item.setAuthor(message.author().name());
        item.setText(message.text());
        item.setCreatedAt(Timestamps.format(message.createdAt()));
        if (message.deliveredAt() != null) {
            item.setDeliveredAt(Timestamps.format(message.deliveredAt()));
        }
        item.setExpiresAt(DynamoDbChatTable.expiry(message.createdAt()));
        return item;
    }

    private static ChatMessage toMessage(TableItem item) {
        String sk = item.getSk();
        String id = sk.substring(sk.indexOf('#') + 1);
        return new ChatMessage(id, Author.valueOf(item.getAuthor()), item.getText(),
                Timestamps.parse(item.getCreatedAt()), Timestamps.parse(item.getDeliveredAt()),
                Timestamps.parse(item.getRepliedAt()));
    }

    private static Chat toChat(TableItem item) {
        return new Chat(item.getToken(), item.getRef(), ChatMode.valueOf(item.getMode()), item.getOperatorId(),
                Timestamps.parse(item.getCreatedAt()), Timestamps.parse(item.getChangedAt()),
                Timestamps.parse(item.getHistoryFrom()));
    }
}
