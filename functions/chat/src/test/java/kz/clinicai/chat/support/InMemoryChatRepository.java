package kz.clinicai.chat.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kz.clinicai.chat.conversation.Chat;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.conversation.ChatRefs;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.ReplyOutcome;

/** ChatRepository with the DynamoDB implementation's semantics; every conditional write is one atomic step. */
public final class InMemoryChatRepository implements ChatRepository {

    private final Map<String, Chat> chats = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();
    private final Map<String, TreeMap<String, ChatMessage>> messages = new HashMap<>();
    private final Map<String, TreeMap<String, ChatMessage>> outbox = new HashMap<>();

    @Override
    public synchronized Chat open(String token, Instant now) {
        return chats.computeIfAbsent(token, t -> new Chat(t, ChatRefs.of(t), ChatMode.AI, null, now, now, null));
    }

    @Override
    public synchronized Optional<Chat> find(String token) {
        return Optional.ofNullable(chats.get(token));
    }

    @Override
    public synchronized Optional<Chat> findByRef(String ref) {
        return chats.values().stream().filter(c -> c.ref().equals(ref)).findFirst();
    }

    @Override
    public synchronized boolean addVisitorMessage(String token, ChatMessage message) {
        return messagesOf(token).putIfAbsent(message.id(), message) == null;
    }

    @Override
    public synchronized void addForVisitor(String token, List<ChatMessage> list) {
        for (ChatMessage message : list) {
            if (messagesOf(token).containsKey(message.id())) {
                throw new IllegalStateException("Duplicate message id " + message.id());
            }
        }
        for (ChatMessage message : list) {
            messagesOf(token).put(message.id(), message);
            outbox.computeIfAbsent(token, t -> new TreeMap<>()).put(message.id(), message);
        }
    }

    @Override
    public synchronized List<ChatMessage> undelivered(String token) {
        return new ArrayList<>(outbox.getOrDefault(token, new TreeMap<>()).values());
    }

    @Override
    public synchronized boolean markDelivered(String token, String messageId, Instant at) {
        ChatMessage message = messagesOf(token).get(messageId);
        boolean won = message != null && message.deliveredAt() == null;
        if (won) {
            messagesOf(token).put(messageId, message.delivered(at));
        }
        outbox.getOrDefault(token, new TreeMap<>()).remove(messageId);
        return won;
    }

    @Override
    public synchronized Optional<ChatMessage> message(String token, String messageId) {
        return Optional.ofNullable(messagesOf(token).get(messageId));
    }

    @Override
    public synchronized List<ChatMessage> history(String token, String upToId, Instant from, int limit) {
        List<ChatMessage> all = new ArrayList<>(upToId == null ? messagesOf(token).values()
                : messagesOf(token).headMap(upToId, true).values());
        List<ChatMessage> recent = all.subList(Math.max(0, all.size() - limit), all.size());
        return recent.stream().filter(m -> from == null || !m.createdAt().isBefore(from)).toList();
    }

    @Override
    public synchronized List<ChatMessage> transcript(String token) {
        return new ArrayList<>(messagesOf(token).values());
    }

    @Override
    public synchronized ReplyOutcome completeReply(String token, String visitorMessageId, List<ChatMessage> forVisitor,
                                                   Optional<String> handoffReason, Instant now) {
        ChatMessage visitor = messagesOf(token).get(visitorMessageId);
        if (visitor == null || visitor.repliedAt() != null) {
            return ReplyOutcome.DUPLICATE;
        }
        Chat chat = chats.get(token);
        if (handoffReason.isPresent() && chat.mode() != ChatMode.AI) {
            return ReplyOutcome.NOT_IN_AI_MODE;
        }
        messagesOf(token).put(visitorMessageId, visitor.replied(now));
        addForVisitor(token, forVisitor);
        if (handoffReason.isPresent()) {
            reasons.put(token, handoffReason.get());
            chats.put(token, withMode(chat, ChatMode.WAITING_OPERATOR, null, now, chat.historyFrom()));
        }
        return ReplyOutcome.STORED;
    }

    @Override
    public synchronized boolean markForwarded(String token, String visitorMessageId, Instant now) {
        ChatMessage visitor = messagesOf(token).get(visitorMessageId);
        if (visitor == null || visitor.repliedAt() != null) {
            return false;
        }
        messagesOf(token).put(visitorMessageId, visitor.replied(now));
        return true;
    }

    @Override
    public synchronized boolean requestOperator(String token, String reason, ChatMessage notice, Instant now) {
        Chat chat = chats.get(token);
        if (chat == null || chat.mode() != ChatMode.AI) {
            return false;
        }
        chats.put(token, withMode(chat, ChatMode.WAITING_OPERATOR, null, now, chat.historyFrom()));
        reasons.put(token, reason);
        addForVisitor(token, List.of(notice));
        return true;
    }

    @Override
    public synchronized boolean claim(String token, long operatorId, Instant now) {
        Chat chat = chats.get(token);
        if (chat == null || chat.mode() != ChatMode.WAITING_OPERATOR) {
            return false;
        }
        chats.put(token, withMode(chat, ChatMode.OPERATOR, operatorId, now, chat.historyFrom()));
        return true;
    }

    @Override
    public synchronized boolean release(String token, long operatorId, ChatMessage notice, boolean keepHistory,
                                        Instant now) {
        Chat chat = chats.get(token);
        if (chat == null || !chat.heldBy(operatorId)) {
            return false;
        }
        chats.put(token, withMode(chat, ChatMode.AI, chat.operatorId(), now, keepHistory ? chat.historyFrom() : now));
        addForVisitor(token, List.of(notice));
        return true;
    }

    @Override
    public synchronized boolean returnUnclaimed(String token, Instant cutoff, ChatMessage notice, Instant now) {
        Chat chat = chats.get(token);
        if (chat == null || chat.mode() != ChatMode.WAITING_OPERATOR || chat.changedAt().isAfter(cutoff)) {
            return false;
        }
        chats.put(token, withMode(chat, ChatMode.AI, null, now, chat.historyFrom()));
        addForVisitor(token, List.of(notice));
        return true;
    }

    @Override
    public synchronized Optional<String> handoffReason(String token) {
        return Optional.ofNullable(reasons.get(token));
    }

    @Override
    public synchronized List<Chat> waiting() {
        return chats.values().stream().filter(c -> c.mode() == ChatMode.WAITING_OPERATOR).toList();
    }

    @Override
    public synchronized List<Chat> heldBy(long operatorId) {
        return chats.values().stream().filter(c -> c.heldBy(operatorId)).toList();
    }

    private TreeMap<String, ChatMessage> messagesOf(String token) {
        return messages.computeIfAbsent(token, t -> new TreeMap<>());
    }

    private static Chat withMode(Chat chat, ChatMode mode, Long operatorId, Instant now, Instant historyFrom) {
        return new Chat(chat.token(), chat.ref(), mode, operatorId, chat.createdAt(), now, historyFrom);
    }
}
