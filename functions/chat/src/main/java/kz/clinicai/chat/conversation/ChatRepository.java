package kz.clinicai.chat.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Chats and their messages. Every state change that races (delivery to concurrent polls, replies to
 * redelivered queue messages, operators claiming the same chat) is one conditional write, never read-then-write.
 */
public interface ChatRepository {

    /** The chat of {@code token}, created in AI mode on the first call. */
    Chat open(String token, Instant now);

    Optional<Chat> find(String token);

    Optional<Chat> findByRef(String ref);

    /** Stores a visitor's message; false if a message with that id exists already. */
    boolean addVisitorMessage(String token, ChatMessage message);

    /** Stores messages for the visitor, each undelivered until {@link #markDelivered}. */
    void addForVisitor(String token, List<ChatMessage> messages);

    /** Messages not yet delivered to the visitor, oldest first (may include ones a concurrent poll is taking). */
    List<ChatMessage> undelivered(String token);

    /** Marks a message delivered; true for exactly one caller per message. */
    boolean markDelivered(String token, String messageId, Instant at);

    Optional<ChatMessage> message(String token, String messageId);

    /**
     * The last {@code limit} messages up to and including {@code upToId} (null: the newest), created at or after
     * {@code from} (null: any), oldest first.
     */
    List<ChatMessage> history(String token, String upToId, Instant from, int limit);

    /** All messages, oldest first. */
    List<ChatMessage> transcript(String token);

    /**
     * Atomically: marks the visitor's message answered, stores {@code forVisitor}, and with a hand-off reason moves
     * the chat from AI to WAITING_OPERATOR.
     */
    ReplyOutcome completeReply(String token, String visitorMessageId, List<ChatMessage> forVisitor,
                               Optional<String> handoffReason, Instant now);

    /** Marks a visitor's message handled without a model reply (passed on to operators); false if done already. */
    boolean markForwarded(String token, String visitorMessageId, Instant now);

    /** AI → WAITING_OPERATOR with a notice for the visitor; false if the chat was not in AI mode. */
    boolean requestOperator(String token, String reason, ChatMessage notice, Instant now);

    /** WAITING_OPERATOR → OPERATOR held by {@code operatorId}; true for exactly one claimant. */
    boolean claim(String token, long operatorId, Instant now);

    /**
     * OPERATOR (held by {@code operatorId}) → AI with a notice for the visitor. Without {@code keepHistory} the
     * model starts afresh; with it, it sees the operator's part too.
     */
    boolean release(String token, long operatorId, ChatMessage notice, boolean keepHistory, Instant now);

    /**
     * WAITING_OPERATOR → AI with a notice for the visitor, if the hand-off happened at or before {@code cutoff}
     * (nobody took it in time); false if the chat was taken, returned or handed off again meanwhile. The model
     * keeps the history.
     */
    boolean returnUnclaimed(String token, Instant cutoff, ChatMessage notice, Instant now);

    /** Why the chat was last handed off (as operators are told), if it was. */
    Optional<String> handoffReason(String token);

    /** Chats waiting for an operator. */
    List<Chat> waiting();

    /** Chats {@code operatorId} holds. */
    List<Chat> heldBy(long operatorId);
}
