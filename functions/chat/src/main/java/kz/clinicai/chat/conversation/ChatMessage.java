package kz.clinicai.chat.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a chat. Ids sort in the order messages were written ({@link MessageIds}).
 *
 * @param deliveredAt when the visitor's widget received it (null: not yet, or a visitor's own message)
 * @param repliedAt   for a visitor's message: when it was answered or passed on to an operator (null: not yet)
 */
public record ChatMessage(String id, Author author, String text, Instant createdAt, Instant deliveredAt,
                          Instant repliedAt) {

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static ChatMessage create(Author author, String text, Instant now) {
        return new ChatMessage(MessageIds.next(now), author, text, now, null, null);
    }

    public ChatMessage delivered(Instant at) {
        return new ChatMessage(id, author, text, createdAt, at, repliedAt);
    }

    public ChatMessage replied(Instant at) {
        return new ChatMessage(id, author, text, createdAt, deliveredAt, at);
    }
}
