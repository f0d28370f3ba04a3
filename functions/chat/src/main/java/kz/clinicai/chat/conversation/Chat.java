package kz.clinicai.chat.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * A visitor's chat.
 *
 * @param token       the visitor's secret chat token; never shown to operators
 * @param ref         a short reference derived from the token, shown to operators and used in callback data
 * @param operatorId  the Telegram user id of the operator holding the chat (meaningful in {@link ChatMode#OPERATOR})
 * @param changedAt   when the mode last changed (the hand-off time while waiting for an operator)
 * @param historyFrom the model sees messages from this instant on (null: all); set when an operator finishes
 */
public record Chat(String token, String ref, ChatMode mode, Long operatorId, Instant createdAt, Instant changedAt,
                   Instant historyFrom) {

    public Chat {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    public boolean heldBy(long operator) {
        return mode == ChatMode.OPERATOR && operatorId != null && operatorId == operator;
    }
}
