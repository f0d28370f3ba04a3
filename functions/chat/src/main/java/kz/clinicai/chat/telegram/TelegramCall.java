package kz.clinicai.chat.telegram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One Bot API call: method name and its JSON parameters, as queued in the outbox. */
public record TelegramCall(String method, Map<String, Object> params) {

    /** Telegram's limit for a message text. */
    public static final int MAX_TEXT = 4096;

    public TelegramCall {
        Objects.requireNonNull(method, "method");
        params = Map.copyOf(params);
    }

    public static TelegramCall sendMessage(long chatId, String text) {
        return sendMessage(chatId, text, List.of());
    }

    /** A message with one row of inline buttons (none if empty). */
    public static TelegramCall sendMessage(long chatId, String text, List<Button> buttons) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("Message text over " + MAX_TEXT + " chars; split it first");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chatId);
        params.put("text", text);
        if (!buttons.isEmpty()) {
            params.put("reply_markup", Map.of("inline_keyboard", List.of(buttons.stream()
                    .map(b -> Map.of("text", b.text(), "callback_data", b.data()))
                    .toList())));
        }
        return new TelegramCall("sendMessage", params);
    }

    /** Telegram shows a spinner on the button until the query is answered: answer every one. */
    public static TelegramCall answerCallbackQuery(String callbackQueryId, String text) {
        return new TelegramCall("answerCallbackQuery", Map.of("callback_query_id", callbackQueryId, "text", text));
    }

    /** An inline keyboard button; Telegram caps callback data at 64 bytes. */
    public record Button(String text, String data) {

        public static final int MAX_DATA_BYTES = 64;

        public Button {
            Objects.requireNonNull(text, "text");
            if (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
                throw new IllegalArgumentException("callback_data over 64 bytes: " + data);
            }
        }
    }
}
