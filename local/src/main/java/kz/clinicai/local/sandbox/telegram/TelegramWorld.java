package kz.clinicai.local.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;

/**
 * The bot's world: simulated users, their private chats with the bot (every message both ways, in order),
 * callback queries and the webhook registration. All access is synchronized on this object; JSON handed out
 * is a copy, so callers never see later edits.
 */
final class TelegramWorld {

    static final long BOT_ID = 123456;
    static final int MAX_TEXT = 4096;
    static final int MAX_CALLBACK_DATA = 64;

    record User(long id, String firstName, String username) {
        ObjectNode json() {
            ObjectNode u = Json.mapper().createObjectNode();
            u.put("id", id).put("is_bot", false).put("first_name", firstName);
            if (username != null && !username.isEmpty()) {
                u.put("username", username);
            }
            return u.put("language_code", "ru");
        }
    }

    private static final class Stored {
        final boolean fromBot;
        final ObjectNode message;
        boolean deleted;

        Stored(boolean fromBot, ObjectNode message) {
            this.fromBot = fromBot;
            this.message = message;
        }
    }

    private static final class Callback {
        final String id;
        final long userId;
        final long messageId;
        final String data;
        boolean answered;
        String answerText;

        Callback(String id, long userId, long messageId, String data) {
            this.id = id;
            this.userId = userId;
            this.messageId = messageId;
            this.data = data;
        }
    }

    record Webhook(String url, String secret, List<String> allowedUpdates) {
    }

    private final Clock clock;
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, List<Stored>> chats = new LinkedHashMap<>();
    private final Map<String, Callback> callbacks = new LinkedHashMap<>();
    // Ids never restart, not even on reset: consumers that deduplicate by id must not see a reused one.
    private long nextMessageId = 1;
    private long nextUpdateId = 700_000_001L;
    private long nextCallbackId = 4_300_000_000_000_001L;
    private Webhook webhook;

    TelegramWorld(Clock clock) {
        this.clock = clock;
    }

    static ObjectNode bot() {
        return Json.mapper().createObjectNode().put("id", BOT_ID).put("is_bot", true)
                .put("first_name", "Clinicai Sandbox Bot").put("username", "clinicai_sandbox_bot");
    }

    synchronized void clear() {
        users.clear();
        chats.clear();
        callbacks.clear();
        webhook = null;
    }

    synchronized User register(Long id, String firstName, String username) {
        long userId = id != null ? id : 900_000_001L + users.size();
        User user = new User(userId, firstName == null || firstName.isBlank() ? "User " + userId : firstName,
                username);
        users.put(userId, user);
        chats.computeIfAbsent(userId, k -> new ArrayList<>());
        return user;
    }

    synchronized Optional<User> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    synchronized void webhook(Webhook webhook) {
        this.webhook = webhook;
    }

    synchronized Optional<Webhook> webhook() {
        return Optional.ofNullable(webhook);
    }

    synchronized long nextUpdateId() {
        return nextUpdateId++;
    }

    private ObjectNode chatJson(User user) {
        ObjectNode chat = Json.mapper().createObjectNode();
        chat.put("id", user.id()).put("first_name", user.firstName());
        if (user.username() != null && !user.username().isEmpty()) {
            chat.put("username", user.username());
        }
        return chat.put("type", "private");
    }

    private User chatUser(long chatId) {
        User user = users.get(chatId);
        if (user == null) {
            throw BotApiError.badRequest("chat not found");
        }
        return user;
    }

    private Stored find(long chatId, long messageId) {
        return chats.getOrDefault(chatId, List.of()).stream()
                .filter(s -> !s.deleted && s.message.path("message_id").asLong() == messageId)
                .findFirst().orElse(null);
    }

    private static ObjectNode replied(Stored target) {
        ObjectNode copy = target.message.deepCopy();
        copy.remove("reply_to_message");
        return copy;
    }

    /** A message from the bot; {@code replyTo} 0 means none. */
    synchronized ObjectNode botMessage(long chatId, HtmlText.Formatted text, JsonNode replyMarkup, long replyTo,
            boolean allowWithoutReply) {
        User user = chatUser(chatId);
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("message_id", nextMessageId++);
        message.set("from", bot());
        message.set("chat", chatJson(user));
        message.put("date", clock.instant().getEpochSecond());
        if (replyTo != 0) {
            Stored target = find(chatId, replyTo);
            if (target == null && !allowWithoutReply) {
                nextMessageId--;
                throw BotApiError.badRequest("message to be replied not found");
            }
            if (target != null) {
                message.set("reply_to_message", replied(target));
            }
        }
        setText(message, text);
        if (replyMarkup != null && !replyMarkup.isMissingNode() && !replyMarkup.isNull()) {
            message.set("reply_markup", replyMarkup.deepCopy());
        }
        chats.get(chatId).add(new Stored(true, message));
        return message.deepCopy();
    }

    /** A message a simulated user types in their private chat; {@code replyTo} 0 means none. */
    synchronized ObjectNode userMessage(long userId, String text, long replyTo) {
        User user = users.get(userId);
        if (user == null) {
            throw new IllegalArgumentException("no simulated user " + userId);
        }
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("message_id", nextMessageId++);
        message.set("from", user.json());
        message.set("chat", chatJson(user));
        message.put("date", clock.instant().getEpochSecond());
        if (replyTo != 0) {
            Stored target = find(userId, replyTo);
            if (target == null) {
                nextMessageId--;
                throw new IllegalArgumentException("no message " + replyTo + " in the chat of " + userId);
            }
            message.set("reply_to_message", replied(target));
        }
        message.put("text", text);
        chats.get(userId).add(new Stored(false, message));
        return message.deepCopy();
    }

    synchronized ObjectNode editText(long chatId, long messageId, HtmlText.Formatted text, JsonNode replyMarkup) {
        Stored stored = editable(chatId, messageId, "message to edit not found");
        boolean sameMarkup = replyMarkup == null || replyMarkup.isMissingNode() || replyMarkup.isNull()
                ? !stored.message.has("reply_markup") : replyMarkup.equals(stored.message.get("reply_markup"));
        ObjectNode edited = stored.message.deepCopy();
        setText(edited, text);
        boolean sameContent = edited.path("text").equals(stored.message.path("text"))
                && edited.path("entities").equals(stored.message.path("entities"));
        if (sameContent && sameMarkup) {
            throw BotApiError.badRequest("message is not modified: specified new message content and reply markup"
                    + " are exactly the same as a current content and reply markup of the message");
        }
        setText(stored.message, text);
        setMarkup(stored, replyMarkup);
        stored.message.put("edit_date", clock.instant().getEpochSecond());
        return stored.message.deepCopy();
    }

    synchronized ObjectNode editMarkup(long chatId, long messageId, JsonNode replyMarkup) {
        Stored stored = editable(chatId, messageId, "message to edit not found");
        boolean absent = replyMarkup == null || replyMarkup.isMissingNode() || replyMarkup.isNull();
        if (absent ? !stored.message.has("reply_markup") : replyMarkup.equals(stored.message.get("reply_markup"))) {
            throw BotApiError.badRequest("message is not modified: specified new message content and reply markup"
                    + " are exactly the same as a current content and reply markup of the message");
        }
        setMarkup(stored, replyMarkup);
        stored.message.put("edit_date", clock.instant().getEpochSecond());
        return stored.message.deepCopy();
    }

    private static void setMarkup(Stored stored, JsonNode replyMarkup) {
        if (replyMarkup == null || replyMarkup.isMissingNode() || replyMarkup.isNull()) {
            stored.message.remove("reply_markup");
        } else {
            stored.message.set("reply_markup", replyMarkup.deepCopy());
        }
    }

    private Stored editable(long chatId, long messageId, String notFound) {
        chatUser(chatId);
        Stored stored = find(chatId, messageId);
        if (stored == null) {
            throw BotApiError.badRequest(notFound);
        }
        if (!stored.fromBot) {
            throw BotApiError.badRequest("message can't be edited");
        }
        return stored;
    }

    synchronized void delete(long chatId, long messageId) {
        chatUser(chatId);
        Stored stored = find(chatId, messageId);
        if (stored == null) {
            throw BotApiError.badRequest("message to delete not found");
        }
        stored.deleted = true;
    }

    /** A press on an inline button of a bot message: the callback_query object of the update. */
    synchronized ObjectNode press(long userId, long messageId, String data) {
        User user = users.get(userId);
        if (user == null) {
            throw new IllegalArgumentException("no simulated user " + userId);
        }
        Stored stored = find(userId, messageId);
        if (stored == null || !stored.fromBot) {
            throw new IllegalArgumentException("no bot message " + messageId + " in the chat of " + userId);
        }
        boolean onButton = false;
        for (JsonNode row : stored.message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                onButton |= data.equals(button.path("callback_data").asText(null));
            }
        }
        if (!onButton) {
            throw new IllegalArgumentException("message " + messageId + " has no button with callback_data " + data);
        }
        Callback callback = new Callback(String.valueOf(nextCallbackId++), userId, messageId, data);
        callbacks.put(callback.id, callback);
        ObjectNode query = Json.mapper().createObjectNode();
        query.put("id", callback.id);
        query.set("from", user.json());
        query.set("message", stored.message.deepCopy());
        query.put("chat_instance", String.valueOf(-(userId * 31 + BOT_ID)));
        query.put("data", data);
        return query;
    }

    synchronized void answer(String callbackId, String text) {
        Callback callback = callbacks.get(callbackId);
        if (callback == null) {
            throw BotApiError.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        callback.answered = true;
        callback.answerText = text;
    }

    /** Every chat with every message both ways, and the callback queries pressed in it. */
    synchronized ArrayNode chatsJson() {
        ArrayNode out = Json.mapper().createArrayNode();
        chats.forEach((chatId, messages) -> {
            ObjectNode chat = out.addObject();
            chat.set("chat", chatJson(users.get(chatId)));
            chat.set("user", users.get(chatId).json());
            ArrayNode list = chat.putArray("messages");
            for (Stored s : messages) {
                ObjectNode entry = list.addObject();
                entry.put("direction", s.fromBot ? "bot_to_user" : "user_to_bot");
                entry.put("deleted", s.deleted);
                entry.set("message", s.message.deepCopy());
            }
            ArrayNode presses = chat.putArray("callbacks");
            callbacks.values().stream().filter(c -> c.userId == chatId).forEach(c -> {
                ObjectNode p = presses.addObject();
                p.put("id", c.id).put("message_id", c.messageId).put("data", c.data).put("answered", c.answered);
                if (c.answerText != null) {
                    p.put("answer_text", c.answerText);
                }
            });
        });
        return out;
    }

    /** The text and, when there are any, its entities (Telegram leaves the field out when there are none). */
    private void setText(ObjectNode message, HtmlText.Formatted text) {
        message.put("text", text.text());
        var entities = text.json(id -> Optional.ofNullable(users.get(id)).map(User::json));
        if (entities.isEmpty()) {
            message.remove("entities");
        } else {
            message.set("entities", entities);
        }
    }

    static void checkText(String text) {
        if (text == null || text.isEmpty()) {
            throw BotApiError.badRequest("message text is empty");
        }
        // Telegram counts UTF-16 code units, as Java strings do.
        if (text.length() > MAX_TEXT) {
            throw BotApiError.badRequest("message is too long");
        }
    }

    static void checkMarkup(JsonNode markup) {
        if (markup == null || markup.isMissingNode() || markup.isNull()) {
            return;
        }
        if (!markup.isObject()) {
            throw BotApiError.badRequest("can't parse reply keyboard markup JSON object");
        }
        JsonNode keyboard = markup.get("inline_keyboard");
        if (keyboard == null) {
            return;
        }
        if (!keyboard.isArray()) {
            throw BotApiError.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array");
        }
        for (JsonNode row : keyboard) {
            if (!row.isArray()) {
                throw BotApiError.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
            }
            for (JsonNode button : row) {
                if (!button.path("text").isTextual()) {
                    throw BotApiError.badRequest("can't find field \"text\"");
                }
                JsonNode data = button.get("callback_data");
                if (data != null) {
                    int bytes = data.asText().getBytes(StandardCharsets.UTF_8).length;
                    if (bytes < 1 || bytes > MAX_CALLBACK_DATA) {
                        throw BotApiError.badRequest("BUTTON_DATA_INVALID");
                    }
                }
            }
        }
    }
}
