package kz.clinicai.local.chat;

import static kz.clinicai.local.chat.ChatStackFixture.api;
import static kz.clinicai.local.chat.ChatStackFixture.get;
import static kz.clinicai.local.chat.ChatStackFixture.json;
import static kz.clinicai.local.chat.ChatStackFixture.post;
import static kz.clinicai.local.chat.ChatStackFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import kz.clinicai.chat.operator.OperatorTexts;
import kz.clinicai.local.chat.TelegramPeople.BotMessage;
import kz.clinicai.local.sandbox.telegram.TelegramSandbox;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web chat end to end on the REAL template: widget API, reply worker, sandbox model, operators in Telegram. */
class ChatFlowIT {

    @BeforeAll
    static void boot() {
        ChatStackFixture.stack();
    }

    /** The Responses requests the sandbox model received whose input mentions {@code marker}, oldest first. */
    static List<JsonNode> modelRequestsMentioning(String marker) {
        JsonNode log = json(get(sandbox("openai") + "/_requests", Map.of())).path("data");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : log) {
            if (r.path("path").asText().endsWith("/responses") && r.path("body").path("input").toString().contains(marker)) {
                out.add(r.path("body"));
            }
        }
        return out;
    }

    static List<String> inputTexts(JsonNode request) {
        List<String> out = new ArrayList<>();
        request.path("input").forEach(i -> out.add(i.path("role").asText() + ": " + i.path("content").asText()));
        return out;
    }

    @Test
    void aConversationSendsTheWholeHistoryToTheModel() {
        Visitor visitor = Visitor.fresh("history");
        String first = "Чем торгуете? " + visitor.token;

        assertThat(visitor.say(first).statusCode()).isEqualTo(201);
        Visitor.Message reply = visitor.awaitFrom("GPT");
        assertThat(reply.text()).contains("Вы написали: " + first);
        assertThat(reply.date()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");

        assertThat(visitor.say("А доставка есть?").statusCode()).isEqualTo(201);
        visitor.awaitMessage("the delivery answer", m -> m.text().startsWith("Доставляем"));

        List<JsonNode> requests = modelRequestsMentioning(visitor.token);
        assertThat(requests).hasSize(2);
        assertThat(inputTexts(requests.get(1))).containsExactly(
                "user: " + first,
                "assistant: " + reply.text(),
                "user: А доставка есть?");
        assertThat(requests.get(1).path("tools").toString()).contains("handoff_to_operator");
    }

    @Test
    void theModelsToolHandsTheChatToOperators() {
        long operator = TelegramPeople.approvedOperator("Tool");
        Visitor visitor = Visitor.fresh("tool");

        visitor.say("Соедините с оператором, пожалуйста " + visitor.token);

        assertThat(visitor.awaitFrom("SYSTEM").text()).isEqualTo(OperatorTexts.VISITOR_HANDOFF);
        BotMessage offer = TelegramPeople.awaitOffer(operator, visitor.token);
        assertThat(offer.text()).contains("Причина: visitor asked for a person");
        // The AI stopped answering: the handoff notice is the only reply.
        assertThat(visitor.poll()).isEmpty();
        assertThat(visitor.received).extracting(Visitor.Message::user).doesNotContain("GPT");
    }

    @Test
    void anOperatorTakesAnswersAndReturnsTheChatToTheAi() {
        long operator = TelegramPeople.approvedOperator("Anna");
        Visitor visitor = Visitor.fresh("button");
        visitor.say("Первый вопрос " + visitor.token);
        visitor.awaitFrom("GPT");

        HttpResponse<String> call = visitor.callOperator();
        assertThat(call.statusCode()).isEqualTo(202);
        assertThat(json(call).path("mode").asText()).isEqualTo("WAITING_OPERATOR");
        BotMessage offer = TelegramPeople.awaitOffer(operator, "Первый вопрос " + visitor.token);
        assertThat(offer.text()).contains("Посетитель: Первый вопрос");

        String ref = TelegramPeople.take(offer).substring("take:".length());
        TelegramPeople.press(operator, offer.messageId(), "take:" + ref);
        BotMessage taken = TelegramPeople.awaitBotMessage(operator, "the take confirmation",
                m -> m.text().startsWith("Вы взяли чат #" + ref));
        // The whole transcript comes to whoever takes the chat.
        TelegramPeople.awaitBotMessage(operator, "the transcript", m -> m.text().startsWith("Чат #" + ref)
                && m.text().contains("Посетитель: Первый вопрос") && m.text().contains("Ассистент: "));
        visitor.awaitMessage("connected", m -> m.text().equals(OperatorTexts.VISITOR_OPERATOR_CONNECTED));

        TelegramPeople.write(operator, "Здравствуйте, я оператор Анна " + ref);
        assertThat(visitor.awaitFrom("OPERATOR").text()).isEqualTo("Здравствуйте, я оператор Анна " + ref);

        visitor.say("Спасибо, Анна");
        TelegramPeople.awaitBotMessage(operator, "the visitor's message",
                m -> m.text().equals("#" + ref + " Посетитель: Спасибо, Анна"));
        // While an operator holds the chat the model is not asked.
        assertThat(modelRequestsMentioning("Спасибо, Анна")).isEmpty();

        TelegramPeople.press(operator, taken.messageId(), "ai:" + ref);
        visitor.awaitMessage("back to AI", m -> m.text().equals(OperatorTexts.VISITOR_BACK_TO_AI));
        visitor.say("А сроки? " + ref);
        visitor.awaitMessage("the AI again", m -> m.user().equals("GPT") && m.text().contains("А сроки? " + ref));

        List<JsonNode> requests = modelRequestsMentioning("А сроки? " + ref);
        assertThat(requests).hasSize(1);
        assertThat(inputTexts(requests.get(0))).contains(
                "assistant: (Оператор) Здравствуйте, я оператор Анна " + ref,
                "user: Спасибо, Анна");
    }

    /**
     * The product sends every Telegram text plain (no parse_mode), so what a visitor writes reaches the operator as
     * written — tags, ampersands and a lone "<" included — and the simulator, which parses parse_mode HTML as strictly
     * as Telegram, accepts every message the product builds on the way: board, take confirmation, transcript, the
     * visitor's next message. None of them carries entities (nothing was parsed as markup).
     */
    @Test
    void markupInAVisitorsWordsReachesTheOperatorAsWritten() {
        long operator = TelegramPeople.approvedOperator("Markup");
        Visitor visitor = Visitor.fresh("markup");
        String words = "<b>Срочно</b> & цена < 8000 &amp; <i> " + visitor.token;
        visitor.say(words);
        visitor.awaitFrom("GPT");
        assertThat(visitor.callOperator().statusCode()).isEqualTo(202);
        BotMessage offer = TelegramPeople.awaitOffer(operator, visitor.token);
        assertThat(offer.text()).contains("<b>Срочно</b> & цена < 8000");
        String ref = TelegramPeople.take(offer).substring("take:".length());
        TelegramPeople.press(operator, offer.messageId(), "take:" + ref);
        TelegramPeople.awaitBotMessage(operator, "the transcript", m -> m.text().startsWith("Чат #" + ref)
                && m.text().contains("Посетитель: " + words));
        String link = "<a href=\"https://example.kz\">ссылка</a> </b> " + ref;
        visitor.say(link);
        TelegramPeople.awaitBotMessage(operator, "the visitor's message",
                m -> m.text().equals("#" + ref + " Посетитель: " + link));

        JsonNode chats = ChatStackFixture.json(ChatStackFixture.get(TelegramPeople.control("chats"),
                java.util.Map.of())).path("chats");
        List<JsonNode> toOperator = new java.util.ArrayList<>();
        chats.forEach(c -> {
            if (c.path("user").path("id").asLong() == operator) {
                c.path("messages").forEach(e -> {
                    if (e.path("direction").asText().equals("bot_to_user")) {
                        toOperator.add(e.path("message"));
                    }
                });
            }
        });
        assertThat(toOperator).hasSizeGreaterThanOrEqualTo(5);
        assertThat(toOperator).allSatisfy(m -> assertThat(m.has("entities")).as(m.toString()).isFalse());
    }

    @Test
    void twoOperatorsPressingTakeAtOnceOneWins() throws Exception {
        long first = TelegramPeople.approvedOperator("Race A");
        long second = TelegramPeople.approvedOperator("Race B");
        Visitor visitor = Visitor.fresh("race");
        visitor.say("Гонка " + visitor.token);
        visitor.awaitFrom("GPT");
        visitor.callOperator();
        BotMessage offerA = TelegramPeople.awaitOffer(first, "Гонка " + visitor.token);
        BotMessage offerB = TelegramPeople.awaitOffer(second, "Гонка " + visitor.token);
        String data = TelegramPeople.take(offerA);
        String ref = data.substring("take:".length());

        // Straight to the webhook, both at once (the sandbox itself delivers one update at a time).
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> pressDirect(start, first, offerA, data));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> pressDirect(start, second, offerB, data));
        start.countDown();
        assertThat(a.get()).isEqualTo(200);
        assertThat(b.get()).isEqualTo(200);

        visitor.awaitMessage("connected", m -> m.text().equals(OperatorTexts.VISITOR_OPERATOR_CONNECTED));
        String confirmation = "Вы взяли чат #" + ref;
        BotMessage won = Await.until("one confirmation", () -> {
            List<BotMessage> confirmations = new ArrayList<>();
            for (long op : List.of(first, second)) {
                TelegramPeople.botMessages(op).stream().filter(m -> m.text().startsWith(confirmation))
                        .forEach(confirmations::add);
            }
            return confirmations.isEmpty() ? Optional.empty() : Optional.of(confirmations.get(0));
        });
        long winner = TelegramPeople.botMessages(first).contains(won) ? first : second;
        long loser = winner == first ? second : first;
        // The chat really is the winner's: what they write reaches the visitor.
        TelegramPeople.write(winner, "Победитель " + ref);
        visitor.awaitMessage("the winner's message", m -> m.text().equals("Победитель " + ref));
        assertThat(TelegramPeople.botMessages(loser)).noneMatch(m -> m.text().startsWith(confirmation));
        assertThat(visitor.received).filteredOn(m -> m.text().equals(OperatorTexts.VISITOR_OPERATOR_CONNECTED)).hasSize(1);
    }

    private static int pressDirect(CountDownLatch start, long user, BotMessage offer, String data) {
        var update = Json.mapper().createObjectNode().put("update_id", 880_000_000L + user % 1000);
        var query = update.putObject("callback_query").put("id", "race-" + user).put("data", data)
                .put("chat_instance", "1");
        query.putObject("from").put("id", user).put("is_bot", false).put("first_name", "Race");
        var message = query.putObject("message").put("message_id", offer.messageId()).put("date", 1795260000L)
                .put("text", offer.text());
        message.putObject("chat").put("id", user).put("type", "private");
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return post(api() + "/telegram/webhook", Map.of("Content-Type", "application/json",
                "X-Telegram-Bot-Api-Secret-Token", TelegramSandbox.WEBHOOK_SECRET), update.toString()).statusCode();
    }

    @Test
    void aWebhookCallWithAWrongSecretIsRejectedAndChangesNothing() {
        long stranger = 777_000_001L;
        long witness = 777_000_002L;
        for (long id : List.of(stranger, witness)) {
            post(TelegramPeople.control("users"), Map.of("Content-Type", "application/json"),
                    "{\"id\":" + id + ",\"first_name\":\"U" + id + "\"}");
        }
        String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1795260000,\"text\":\"/start\","
                + "\"from\":{\"id\":" + stranger + ",\"is_bot\":false,\"first_name\":\"X\"},"
                + "\"chat\":{\"id\":" + stranger + ",\"type\":\"private\"}}}";

        HttpResponse<String> wrong = post(api() + "/telegram/webhook", Map.of("Content-Type", "application/json",
                "X-Telegram-Bot-Api-Secret-Token", "not-the-secret"), update);
        HttpResponse<String> missing = post(api() + "/telegram/webhook", Map.of("Content-Type", "application/json"), update);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        // A later, genuine update is answered; by then the rejected one would have been too.
        TelegramPeople.write(witness, "/start");
        TelegramPeople.awaitBotMessage(witness, "the witness's answer", m -> m.text().startsWith("Заявка принята"));
        TelegramPeople.awaitBotMessage(TelegramPeople.ADMIN, "the witness's notice", m -> m.text().contains("/approve " + witness));
        assertThat(TelegramPeople.botMessages(stranger)).isEmpty();
        assertThat(TelegramPeople.botMessages(TelegramPeople.ADMIN)).noneMatch(m -> m.text().contains("id " + stranger));
    }

    @Test
    void badInputIsA400WithAJsonError() {
        String token = ChatStackFixture.newToken("bad");
        Map<String, String> json = Map.of("Content-Type", "application/json");
        List<HttpResponse<String>> bad = List.of(
                post(api() + "/gpt/", json, "{\"message\":\"без токена\"}"),
                post(api() + "/gpt/", Map.of("Content-Type", "application/json", "chat-token", "short"), "{\"message\":\"x\"}"),
                post(api() + "/gpt/", Map.of("Content-Type", "application/json", "chat-token", "bad token with spaces!!"),
                        "{\"message\":\"x\"}"),
                post(api() + "/gpt/", Map.of("Content-Type", "application/json", "chat-token", token), "{\"message\":\"\"}"),
                post(api() + "/gpt/", Map.of("Content-Type", "application/json", "chat-token", token),
                        "{\"message\":\"" + "я".repeat(2001) + "\"}"),
                post(api() + "/gpt/", Map.of("Content-Type", "application/json", "chat-token", token), "{\"message\":"),
                get(api() + "/message/", Map.of()));

        assertThat(bad).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(json(r).isObject()).isTrue();
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at kz.");
        });
        // Nothing was stored or queued for the valid token.
        assertThat(new Visitor(token).poll()).isEmpty();
        assertThat(modelRequestsMentioning("без токена")).isEmpty();
    }

    @Test
    void aVisitorOverTheRateLimitGets429WithRetryAfter() {
        Visitor visitor = Visitor.fresh("limit");
        for (int i = 1; i <= 20; i++) {
            assertThat(visitor.say("Сообщение " + i).statusCode()).as("message %d", i).isEqualTo(201);
        }

        HttpResponse<String> limited = visitor.say("Сообщение 21");

        assertThat(limited.statusCode()).isEqualTo(429);
        int retryAfter = Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(visitor.callOperator().statusCode()).isEqualTo(429);
    }
}
