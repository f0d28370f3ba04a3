package kz.clinicai.local.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramSandboxTest {

    record Delivered(String secret, JsonNode update) {
    }

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Sandbox sandbox;
    private String api;
    private String control;
    private HttpServer webhook;
    private final BlockingQueue<Delivered> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(0, List.of(new TelegramSandbox(clock)));
        Map<String, String> settings = sandbox.settings();
        api = settings.get("telegram.apiBaseUrl") + "/bot" + settings.get("telegram.botToken") + "/";
        control = sandbox.mountUrl("telegram") + "/_control/";
    }

    @AfterEach
    void stop() {
        if (webhook != null) {
            webhook.stop(0);
        }
        sandbox.close();
    }

    private HttpResponse<String> post(String url, Object body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    /** A webhook that accepts only the sandbox secret, like the platform's handler. */
    private String startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        webhook.createContext("/telegram/webhook", exchange -> {
            String secret = exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token");
            received.add(new Delivered(secret, Json.mapper().readTree(exchange.getRequestBody())));
            int status = TelegramSandbox.WEBHOOK_SECRET.equals(secret) ? 200 : 401;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/telegram/webhook";
    }

    private void setWebhook(String url) throws Exception {
        JsonNode set = json(post(api + "setWebhook", Map.of("url", url, "secret_token",
                TelegramSandbox.WEBHOOK_SECRET, "allowed_updates", List.of("message", "callback_query"))));
        assertThat(set.path("ok").asBoolean()).isTrue();
    }

    @Test
    void sentMessageIsAnsweredAsMessageAndVisibleInTheChats() throws Exception {
        long admin = TelegramSandbox.ADMIN_USER_ID;
        Map<String, Object> keyboard = Map.of("inline_keyboard",
                List.of(List.of(Map.of("text", "Взять", "callback_data", "take:42"))));

        HttpResponse<String> response = post(api + "sendMessage",
                Map.of("chat_id", admin, "text", "Новый чат <b>42</b>", "parse_mode", "HTML",
                        "reply_markup", keyboard));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = json(response).path("result");
        assertThat(result.path("message_id").asLong()).isPositive();
        assertThat(result.path("chat").path("id").asLong()).isEqualTo(admin);
        assertThat(result.path("chat").path("type").asText()).isEqualTo("private");
        assertThat(result.path("from").path("is_bot").asBoolean()).isTrue();
        assertThat(result.path("text").asText()).isEqualTo("Новый чат 42");
        assertThat(result.path("entities").toString()).isEqualTo("[{\"offset\":10,\"length\":2,\"type\":\"bold\"}]");
        assertThat(result.path("date").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(result.at("/reply_markup/inline_keyboard/0/0/callback_data").asText()).isEqualTo("take:42");

        JsonNode chats = json(get(control + "chats")).path("chats");
        JsonNode adminChat = null;
        for (JsonNode chat : chats) {
            if (chat.at("/chat/id").asLong() == admin) {
                adminChat = chat;
            }
        }
        assertThat(adminChat).isNotNull();
        assertThat(adminChat.path("messages")).hasSize(1);
        assertThat(adminChat.at("/messages/0/direction").asText()).isEqualTo("bot_to_user");
        assertThat(adminChat.at("/messages/0/message/message_id").asLong())
                .isEqualTo(result.path("message_id").asLong());
    }

    @Test
    void formEncodedCallsWorkAndAWrongTokenIsUnauthorized() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(api + "sendMessage"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("chat_id=" + TelegramSandbox.ADMIN_USER_ID
                        + "&text=" + java.net.URLEncoder.encode("привет", StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(form).at("/result/text").asText()).isEqualTo("привет");

        HttpResponse<String> wrong = post(sandbox.mountUrl("telegram") + "/bot1:wrong/getMe", Map.of());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("ok").asBoolean()).isFalse();
        assertThat(json(wrong).path("error_code").asInt()).isEqualTo(401);
        assertThat(json(wrong).path("description").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void theCommandMenuIsStoredAndValidatedLikeTelegrams() throws Exception {
        JsonNode set = json(post(api + "setMyCommands", Map.of("commands", List.of(
                Map.of("command", "start", "description", "Стать оператором"),
                Map.of("command", "finish", "description", "Завершить чат")))));
        assertThat(set.path("result").asBoolean()).isTrue();

        JsonNode menu = json(post(api + "getMyCommands", Map.of()));
        assertThat(menu.path("result").findValuesAsText("command")).containsExactly("start", "finish");

        HttpResponse<String> bad = post(api + "setMyCommands", Map.of("commands", List.of(
                Map.of("command", "Not Valid", "description", "x"))));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("description").asText()).contains("BOT_COMMAND_INVALID");
        assertThat(json(post(api + "getMyCommands", Map.of())).path("result")).hasSize(2);
    }

    @Test
    void tooLongTextAndTooLongCallbackDataAreBadRequests() throws Exception {
        HttpResponse<String> longText = post(api + "sendMessage",
                Map.of("chat_id", TelegramSandbox.ADMIN_USER_ID, "text", "я".repeat(4097)));
        assertThat(longText.statusCode()).isEqualTo(400);
        assertThat(json(longText).path("description").asText()).isEqualTo("Bad Request: message is too long");

        HttpResponse<String> longData = post(api + "sendMessage", Map.of("chat_id", TelegramSandbox.ADMIN_USER_ID,
                "text", "ok", "reply_markup", Map.of("inline_keyboard",
                        List.of(List.of(Map.of("text", "x", "callback_data", "ж".repeat(33)))))));
        assertThat(longData.statusCode()).isEqualTo(400);
        assertThat(json(longData).path("error_code").asInt()).isEqualTo(400);

        HttpResponse<String> exact = post(api + "sendMessage",
                Map.of("chat_id", TelegramSandbox.ADMIN_USER_ID, "text", "я".repeat(4096)));
        assertThat(exact.statusCode()).isEqualTo(200);
    }

    @Test
    void secondMessageToOneChatWithinASecondIsRateLimitedUntilTheClockMoves() throws Exception {
        Map<String, Object> message = Map.of("chat_id", TelegramSandbox.ADMIN_USER_ID, "text", "раз");
        assertThat(post(api + "sendMessage", message).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = post(api + "sendMessage", message);

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode body = json(limited);
        assertThat(body.path("description").asText()).isEqualTo("Too Many Requests: retry after 1");
        assertThat(body.at("/parameters/retry_after").asInt()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(post(api + "sendMessage", message).statusCode()).isEqualTo(200);

        assertThat(json(post(control + "rate-limit", Map.of("enabled", false))).path("enabled").asBoolean())
                .isFalse();
        assertThat(post(api + "sendMessage", message).statusCode()).isEqualTo(200);
        assertThat(post(api + "sendMessage", message).statusCode()).isEqualTo(200);
    }

    @Test
    void thirtyFirstMessagePerSecondOverallIsRateLimited() throws Exception {
        for (int i = 0; i < 31; i++) {
            post(control + "users", Map.of("id", 1000 + i, "first_name", "U" + i));
        }
        for (int i = 0; i < 30; i++) {
            assertThat(post(api + "sendMessage", Map.of("chat_id", 1000 + i, "text", "hi")).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = post(api + "sendMessage", Map.of("chat_id", 1030, "text", "hi"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).at("/parameters/retry_after").asInt()).isEqualTo(1);
    }

    @Test
    void simulatedUserMessageReachesTheWebhookWithTheSecret() throws Exception {
        setWebhook(startWebhook());
        post(control + "users", Map.of("id", 777, "first_name", "Оператор", "username", "op1"));
        JsonNode botMessage = json(post(api + "sendMessage", Map.of("chat_id", 777, "text", "Вопрос?")))
                .path("result");

        JsonNode sent = json(post(control + "send",
                Map.of("user_id", 777, "text", "Ответ", "reply_to_message_id", botMessage.path("message_id"))));

        assertThat(sent.at("/delivery/status").asInt()).isEqualTo(200);
        Delivered delivered = received.poll(10, TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.secret()).isEqualTo(TelegramSandbox.WEBHOOK_SECRET);
        JsonNode update = delivered.update();
        assertThat(update.path("update_id").asLong()).isPositive();
        assertThat(update.at("/message/from/id").asLong()).isEqualTo(777);
        assertThat(update.at("/message/from/is_bot").asBoolean()).isFalse();
        assertThat(update.at("/message/chat/id").asLong()).isEqualTo(777);
        assertThat(update.at("/message/text").asText()).isEqualTo("Ответ");
        assertThat(update.at("/message/reply_to_message/message_id").asLong())
                .isEqualTo(botMessage.path("message_id").asLong());

        JsonNode second = json(post(control + "send", Map.of("user_id", 777, "text", "Ещё")));
        assertThat(second.at("/update/update_id").asLong()).isGreaterThan(update.path("update_id").asLong());

        JsonNode chat = null;
        for (JsonNode c : json(get(control + "chats")).path("chats")) {
            if (c.at("/chat/id").asLong() == 777) {
                chat = c;
            }
        }
        assertThat(chat).isNotNull();
        assertThat(chat.path("messages").findValuesAsText("direction"))
                .containsExactly("bot_to_user", "user_to_bot", "user_to_bot");
    }

    @Test
    void aWrongSecretIsDeliveredAsGivenAndTheWebhookStatusIsRecorded() throws Exception {
        setWebhook(startWebhook());

        JsonNode raw = json(post(control + "send-raw", Map.of("secret", "not-the-secret",
                "update", Map.of("update_id", 1, "message", Map.of("message_id", 1, "text", "x")))));

        assertThat(raw.at("/delivery/status").asInt()).isEqualTo(401);
        assertThat(raw.path("delivered").asBoolean()).isFalse();
        Delivered delivered = received.poll(10, TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.secret()).isEqualTo("not-the-secret");
        assertThat(json(get(control + "deliveries")).at("/deliveries/0/status").asInt()).isEqualTo(401);
        assertThat(json(post(api + "getWebhookInfo", Map.of())).at("/result/last_error_message").asText())
                .contains("401");
    }

    @Test
    void pressingAButtonDeliversACallbackQueryAndTheAnswerIsRecorded() throws Exception {
        setWebhook(startWebhook());
        long admin = TelegramSandbox.ADMIN_USER_ID;
        JsonNode message = json(post(api + "sendMessage", Map.of("chat_id", admin, "text", "Чат 42 ждёт",
                "reply_markup", Map.of("inline_keyboard",
                        List.of(List.of(Map.of("text", "Взять", "callback_data", "take:42"))))))).path("result");

        JsonNode pressed = json(post(control + "press", Map.of("user_id", admin,
                "message_id", message.path("message_id"), "callback_data", "take:42")));

        assertThat(pressed.at("/delivery/status").asInt()).isEqualTo(200);
        JsonNode update = received.poll(10, TimeUnit.SECONDS).update();
        JsonNode query = update.path("callback_query");
        assertThat(query.path("data").asText()).isEqualTo("take:42");
        assertThat(query.at("/from/id").asLong()).isEqualTo(admin);
        assertThat(query.at("/message/message_id").asLong()).isEqualTo(message.path("message_id").asLong());
        assertThat(query.path("id").asText()).isNotEmpty();

        JsonNode answered = json(post(api + "answerCallbackQuery",
                Map.of("callback_query_id", query.path("id").asText(), "text", "Чат ваш")));
        assertThat(answered.path("result").asBoolean()).isTrue();
        JsonNode unknown = json(post(api + "answerCallbackQuery", Map.of("callback_query_id", "nope")));
        assertThat(unknown.path("error_code").asInt()).isEqualTo(400);

        JsonNode callbacks = null;
        for (JsonNode c : json(get(control + "chats")).path("chats")) {
            if (c.at("/chat/id").asLong() == admin) {
                callbacks = c.path("callbacks");
            }
        }
        assertThat(callbacks).isNotNull();
        assertThat(callbacks.at("/0/answered").asBoolean()).isTrue();
        assertThat(callbacks.at("/0/answer_text").asText()).isEqualTo("Чат ваш");

        HttpResponse<String> notAButton = post(control + "press", Map.of("user_id", admin,
                "message_id", message.path("message_id"), "callback_data", "forged"));
        assertThat(notAButton.statusCode()).isEqualTo(400);
    }

    @Test
    void editAndDeleteChangeTheRecordedMessage() throws Exception {
        long admin = TelegramSandbox.ADMIN_USER_ID;
        long id = json(post(api + "sendMessage", Map.of("chat_id", admin, "text", "Было"))).at("/result/message_id")
                .asLong();

        JsonNode edited = json(post(api + "editMessageText", Map.of("chat_id", admin, "message_id", id,
                "text", "Стало")));
        assertThat(edited.at("/result/text").asText()).isEqualTo("Стало");
        assertThat(json(post(api + "editMessageText", Map.of("chat_id", admin, "message_id", id, "text", "Стало")))
                .path("description").asText()).startsWith("Bad Request: message is not modified");

        assertThat(json(post(api + "deleteMessage", Map.of("chat_id", admin, "message_id", id)))
                .path("result").asBoolean()).isTrue();
        JsonNode chats = json(get(control + "chats")).path("chats");
        assertThat(chats.findValues("deleted")).extracting(JsonNode::asBoolean).containsExactly(true);
        assertThat(json(post(api + "deleteMessage", Map.of("chat_id", admin, "message_id", id)))
                .path("error_code").asInt()).isEqualTo(400);
    }

    @Test
    void operatorPageIsServedWithItsMainElements() throws Exception {
        HttpResponse<String> page = get(sandbox.mountUrl("telegram") + "/ui");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("html"));
        assertThat(page.body()).contains("<title>Telegram sandbox</title>", "id=\"user\"", "id=\"chat\"",
                "id=\"text\"", "id=\"send\"", "id=\"new-user\"", "_control/");
        assertThat(page.body()).doesNotContain("http://", "https://");
        assertThat(sandbox.service("telegram").orElseThrow().pages()).containsEntry("Telegram sandbox", "ui");
    }

    @Test
    void htmlIsAnsweredAsTextWithEntitiesAndMalformedMarkupIsRefusedAsTelegramDoes() throws Exception {
        long admin = TelegramSandbox.ADMIN_USER_ID;
        JsonNode sent = json(post(api + "sendMessage", Map.of("chat_id", admin, "parse_mode", "HTML", "text",
                "<b>Чат #42</b> ждёт: <a href=\"https://clinic.kz/chat?id=42&amp;x=1\">открыть</a>\n"
                        + "<pre><code class=\"language-json\">{\"a\":1}</code></pre>\n<blockquote expandable>Вопрос "
                        + "&lt;клиента&gt;</blockquote>"))).path("result");
        assertThat(sent.path("text").asText()).isEqualTo("Чат #42 ждёт: открыть\n{\"a\":1}\nВопрос <клиента>");
        assertThat(sent.path("entities").toString()).isEqualTo("[{\"offset\":0,\"length\":7,\"type\":\"bold\"},"
                + "{\"offset\":14,\"length\":7,\"type\":\"text_link\",\"url\":\"https://clinic.kz/chat?id=42&x=1\"},"
                + "{\"offset\":22,\"length\":7,\"type\":\"pre\",\"language\":\"json\"},"
                + "{\"offset\":30,\"length\":16,\"type\":\"expandable_blockquote\"}]");

        clock.advance(Duration.ofSeconds(2)); // Telegram's one message a second per chat
        // Without parse_mode nothing is markup: the text stays as written and carries no entities.
        JsonNode plain = json(post(api + "sendMessage", Map.of("chat_id", admin,
                "text", "Клиент пишет: <b>срочно</b> & <i>"))).path("result");
        assertThat(plain.path("text").asText()).isEqualTo("Клиент пишет: <b>срочно</b> & <i>");
        assertThat(plain.has("entities")).isFalse();

        // An edit replaces the entities too; the same text with other entities is a modification.
        long id = plain.path("message_id").asLong();
        JsonNode edited = json(post(api + "editMessageText", Map.of("chat_id", admin, "message_id", id,
                "parse_mode", "HTML", "text", "Клиент пишет: &lt;b&gt;<i>срочно</i>&lt;/b&gt; &amp; &lt;i&gt;")))
                .path("result");
        assertThat(edited.path("text").asText()).isEqualTo("Клиент пишет: <b>срочно</b> & <i>");
        assertThat(edited.path("entities").toString()).isEqualTo("[{\"offset\":17,\"length\":6,\"type\":\"italic\"}]");

        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> refused = post(api + "sendMessage", Map.of("chat_id", admin, "parse_mode", "HTML",
                "text", "Цена < 8000 тенге"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("description").asText())
                .isEqualTo("Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 9");
        HttpResponse<String> unclosed = post(api + "editMessageText", Map.of("chat_id", admin, "message_id", id,
                "parse_mode", "html", "text", "<b>жирный"));
        assertThat(json(unclosed).path("description").asText())
                .isEqualTo("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> blank = post(api + "sendMessage", Map.of("chat_id", admin, "parse_mode", "HTML",
                "text", "<i> </i>"));
        assertThat(json(blank).path("description").asText()).isEqualTo("Bad Request: text must be non-empty");
        clock.advance(Duration.ofSeconds(2));
        assertThat(json(post(api + "sendMessage", Map.of("chat_id", admin, "parse_mode", "Markdown", "text", "*x*")))
                .path("ok").asBoolean()).isFalse();
    }
}
