package kz.clinicai.chat.telegram;

import com.fasterxml.jackson.databind.JsonNode;

/** The Telegram Bot API. */
public interface TelegramClient {

    /**
     * Calls {@code method} with JSON {@code params}.
     *
     * @return the answer's {@code result}
     * @throws TelegramApiException when Telegram refuses or cannot be reached
     */
    JsonNode call(TelegramCall call);
}
