package kz.clinicai.local.chat;

import static kz.clinicai.local.chat.ChatStackFixture.get;
import static kz.clinicai.local.chat.ChatStackFixture.json;
import static kz.clinicai.local.chat.ChatStackFixture.post;
import static kz.clinicai.local.chat.ChatStackFixture.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import kz.clinicai.local.sandbox.telegram.TelegramSandbox;
import kz.clinicai.shared.json.Json;

/** Operators and the admin, as the Telegram sandbox's control API lets people act: write to the bot, press buttons. */
final class TelegramPeople {

    static final long ADMIN = TelegramSandbox.ADMIN_USER_ID;
    private static final AtomicLong IDS = new AtomicLong(610_000_000L);

    /** One message the bot sent to a person. */
    record BotMessage(long messageId, String text, List<String> callbackData) {
    }

    private TelegramPeople() {
    }

    static String control(String what) {
        return sandbox("telegram") + "/_control/" + what;
    }

    static JsonNode write(long userId, String text) {
        return json(post(control("send"), Map.of("Content-Type", "application/json"),
                Json.mapper().createObjectNode().put("user_id", userId).put("text", text).toString()));
    }

    static JsonNode press(long userId, long messageId, String data) {
        return json(post(control("press"), Map.of("Content-Type", "application/json"),
                Json.mapper().createObjectNode().put("user_id", userId).put("message_id", messageId)
                        .put("callback_data", data).toString()));
    }

    /** A new person, registered with the bot (/start) and approved by the admin, available for chats. */
    static long approvedOperator(String name) {
        long id = IDS.incrementAndGet();
        json(post(control("users"), Map.of("Content-Type", "application/json"),
                Json.mapper().createObjectNode().put("id", id).put("first_name", name).toString()));
        write(id, "/start");
        awaitBotMessage(ADMIN, "the candidate notice of " + id, m -> m.text().contains("/approve " + id));
        write(ADMIN, "/approve " + id);
        awaitBotMessage(id, "approval notice", m -> m.text().startsWith("Вы одобрены"));
        write(id, "/available");
        awaitBotMessage(id, "available confirmation", m -> m.text().startsWith("Вы на месте"));
        return id;
    }

    /** Messages the bot sent to {@code userId}, oldest first. */
    static List<BotMessage> botMessages(long userId) {
        JsonNode chats = json(get(control("chats"), Map.of())).path("chats");
        List<BotMessage> out = new ArrayList<>();
        for (JsonNode chat : chats) {
            if (chat.path("user").path("id").asLong() != userId) {
                continue;
            }
            for (JsonNode entry : chat.path("messages")) {
                if (!entry.path("direction").asText().equals("bot_to_user")) {
                    continue;
                }
                JsonNode m = entry.path("message");
                List<String> data = new ArrayList<>();
                m.path("reply_markup").path("inline_keyboard")
                        .forEach(row -> row.forEach(b -> data.add(b.path("callback_data").asText())));
                out.add(new BotMessage(m.path("message_id").asLong(), m.path("text").asText(), data));
            }
        }
        return out;
    }

    static BotMessage awaitBotMessage(long userId, String what, Predicate<BotMessage> match) {
        return Await.until(what + " (to " + userId + ")",
                () -> botMessages(userId).stream().filter(match).reduce((a, b) -> b).map(Optional::of)
                        .orElse(Optional.empty()));
    }

    /**
     * The operator's board of waiting chats (one message, edited as it changes) while it lists a chat whose last
     * visitor message contains {@code marker}; its callback data narrowed to that chat's «Взять» button.
     */
    static BotMessage awaitOffer(long operator, String marker) {
        return Await.until("a board listing " + marker + " (to " + operator + ")", () -> botMessages(operator).stream()
                .filter(m -> m.text().startsWith("Ждут оператора"))
                .map(m -> refListing(m.text(), marker).map(ref -> new BotMessage(m.messageId(), m.text(),
                        m.callbackData().stream().filter(d -> d.equals("take:" + ref)).toList())))
                .flatMap(Optional::stream)
                .filter(m -> !m.callbackData().isEmpty())
                .reduce((a, b) -> b));
    }

    /** The ref of the board's entry (a "#ref · …" paragraph) that contains {@code marker}. */
    static Optional<String> refListing(String board, String marker) {
        for (String entry : board.split("\n\n")) {
            if (entry.startsWith("#") && entry.contains(marker)) {
                return Optional.of(entry.substring(1, entry.indexOf(' ')));
            }
        }
        return Optional.empty();
    }

    static String take(BotMessage offer) {
        return offer.callbackData().stream().filter(d -> d.startsWith("take:")).findFirst().orElseThrow();
    }
}
