package kz.clinicai.chat.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.chat.telegram.SentMessageLog;

/** SentMessageLog with the DynamoDB implementation's semantics (SentMessageLogContract). */
public final class InMemorySentMessageLog implements SentMessageLog {

    private final Map<String, String> refs = new HashMap<>();

    @Override
    public synchronized void record(long telegramChatId, long messageId, String chatRef, Instant now) {
        refs.put(telegramChatId + "/" + messageId, chatRef);
    }

    @Override
    public synchronized Optional<String> chatRefOf(long telegramChatId, long messageId) {
        return Optional.ofNullable(refs.get(telegramChatId + "/" + messageId));
    }
}
