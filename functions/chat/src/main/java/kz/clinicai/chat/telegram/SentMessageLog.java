package kz.clinicai.chat.telegram;

import java.time.Instant;
import java.util.Optional;

/** Which chat a bot message sent to an operator belongs to, so that a reply to it reaches that chat. */
public interface SentMessageLog {

    void record(long telegramChatId, long messageId, String chatRef, Instant now);

    Optional<String> chatRefOf(long telegramChatId, long messageId);
}
