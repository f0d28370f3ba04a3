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

    /** A message with an inline keyboard of several rows (none if empty). */
    public static TelegramCall sendMessageRows(long chatId, String text, List<List<Button>> rows) {
        return new TelegramCall("sendMessage", textParams(chatId, text, rows));
    }

    /** Replaces a sent message's text and keyboard (an empty keyboard removes it). */
    public static TelegramCall editMessageText(long chatId, long messageId, String text, List<List<Button>> rows) {
        Map<String, Object> params = textParams(chatId, text, rows);
        params.put("message_id", messageId);
        if (rows.isEmpty()) {
            params.put("reply_markup", Map.of("inline_keyboard", List.of()));
        }
        return new TelegramCall("editMessageText", params);
    }

    private static Map<String, Object> textParams(long chatId, String text, List<List<Button>> rows) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("Message text over " + MAX_TEXT + " chars; split it first");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chatId);
        params.put("text", text);
        if (!rows.isEmpty()) {
            params.put("reply_markup", Map.of("inline_keyboard", rows.stream()
                    .map(row -> row.stream().map(b -> Map.of("text", b.text(), "callback_data", b.data())).toList())
                    .toList()));
        }
        return params;
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
            // Telegram refuses the whole message otherwise. Our own buttons: a bug, not a caller's mistake.
            if (kz.clinicai.shared.validation.Validate.utf8Length(data) > MAX_DATA_BYTES) {
                throw new IllegalArgumentException("callback_data over 64 bytes: " + data);
            }
        }
    }
}
