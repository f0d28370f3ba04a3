package kz.clinicai.chat.telegram;

import java.util.List;

/**
 * Bot API calls to make in order (e.g. the parts of a long transcript), queued as one SQS message so their
 * order survives the standard queue.
 *
 * @param routeRef when set, the chat each sent message belongs to: an operator's reply to one of them is routed
 *                 to that chat ({@link SentMessageLog})
 */
public record OutboxMessage(List<TelegramCall> calls, String routeRef) {

    public OutboxMessage {
        if (calls == null || calls.isEmpty()) {
            throw new IllegalArgumentException("An outbox message needs at least one call");
        }
        calls = List.copyOf(calls);
    }

    public static OutboxMessage of(TelegramCall call) {
        return new OutboxMessage(List.of(call), null);
    }

    public static OutboxMessage routed(String ref, List<TelegramCall> calls) {
        return new OutboxMessage(calls, ref);
    }

    OutboxMessage from(int index) {
        return new OutboxMessage(calls.subList(index, calls.size()), routeRef);
    }
}
