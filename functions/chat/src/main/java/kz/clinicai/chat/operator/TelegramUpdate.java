package kz.clinicai.chat.operator;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The parts of a Telegram Update the bot uses (allowed_updates: message, callback_query). */
record TelegramUpdate(@JsonProperty("update_id") Long updateId,
                      Message message,
                      @JsonProperty("callback_query") CallbackQuery callbackQuery) {

    record User(Long id, @JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName,
                String username) {

        String displayName() {
            String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
            if (name.isEmpty()) {
                name = username == null ? "id " + id : "@" + username;
            }
            return name;
        }
    }

    record Chat(Long id, String type) {
    }

    record Message(@JsonProperty("message_id") Long messageId, User from, Chat chat, String text,
                   @JsonProperty("reply_to_message") Message replyToMessage) {
    }

    record CallbackQuery(String id, User from, Message message, String data) {
    }
}
