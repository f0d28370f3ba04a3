package kz.clinicai.chat.telegram;

import java.util.List;

/**
 * Bot API calls to make in order (e.g. the parts of a long transcript), queued as one SQS message so their
 * order survives the standard queue; or, with {@code boardFor}, a request to bring that operator's list of waiting
 * chats up to date (rendered when sent, so many requests coalesce into one message and its edits).
 *
 * @param routeRef when set, the chat each sent message belongs to: an operator's reply to one of them is routed
 *                 to that chat ({@link SentMessageLog})
 * @param attempt  how often Telegram's flood control has sent this message back; a re-timed message is re-queued
 *                 with this counter instead of consuming one of the queue's receives
 * @param boardFor the operator whose waiting-chats board to refresh (then {@code calls} is empty)
 */
public record OutboxMessage(List<TelegramCall> calls, String routeRef, int attempt, Long boardFor) {

    public OutboxMessage {
        calls = calls == null ? List.of() : List.copyOf(calls);
        if (calls.isEmpty() && boardFor == null) {
            throw new IllegalArgumentException("An outbox message needs at least one call");
        }
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0");
        }
    }

    public OutboxMessage(List<TelegramCall> calls, String routeRef) {
        this(calls, routeRef, 0, null);
    }

    public static OutboxMessage of(TelegramCall call) {
        return new OutboxMessage(List.of(call), null);
    }

    public static OutboxMessage routed(String ref, List<TelegramCall> calls) {
        return new OutboxMessage(calls, ref);
    }

    /** Bring operator {@code operatorId}'s board of waiting chats up to date. */
    public static OutboxMessage board(long operatorId) {
        return new OutboxMessage(List.of(), null, 0, operatorId);
    }

    OutboxMessage from(int index) {
        return new OutboxMessage(calls.subList(index, calls.size()), routeRef, attempt, boardFor);
    }

    OutboxMessage nextAttempt() {
        return new OutboxMessage(calls, routeRef, attempt + 1, boardFor);
    }
}
