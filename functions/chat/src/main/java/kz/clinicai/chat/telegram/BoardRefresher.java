package kz.clinicai.chat.telegram;

/**
 * Renders an operator's board of waiting chats and sends or edits it (see {@link OutboxMessage#board}). Throws
 * {@link TelegramApiException} as the Bot API does, so the sender re-times it on flood control like any send.
 */
public interface BoardRefresher {

    enum Result {
        /** The board shows the current state (sent, edited, or already up to date). */
        DONE,
        /** Another worker is creating this board right now: look again shortly. */
        LATER
    }

    Result refresh(long operatorId);
}
