package kz.clinicai.chat.reply;

import java.util.List;
import kz.clinicai.chat.conversation.ChatMessage;

/** The language model behind the chat. */
public interface ChatModel {

    /**
     * Answers the last visitor message of {@code history} (oldest first).
     *
     * @throws ModelUnavailableException when the provider failed after its retries
     */
    ModelAnswer answer(ChatInstructions assistant, List<ChatMessage> history);
}
