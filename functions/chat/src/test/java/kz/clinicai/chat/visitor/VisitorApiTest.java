package kz.clinicai.chat.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.chat.conversation.ChatMode;
import kz.clinicai.chat.operator.Operator;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.operator.OperatorStatus;
import kz.clinicai.chat.ratelimit.ChatRateLimits;
import kz.clinicai.chat.reply.ReplyJob;
import kz.clinicai.chat.support.Events;
import kz.clinicai.chat.support.InMemoryChatRepository;
import kz.clinicai.chat.support.InMemoryOperatorRepository;
import kz.clinicai.chat.support.MutableClock;
import kz.clinicai.chat.support.RecordingOutbox;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.ratelimit.InMemoryRateLimiter;
import org.junit.jupiter.api.Test;

class VisitorApiTest {

    static final String TOKEN = "Abcdefghij_klmnop-0123456789XYZab";
    static final Map<String, String> JSON_HEADERS = Map.of("chat-token", TOKEN, "content-type", "application/json");

    final MutableClock clock = new MutableClock(Instant.parse("2024-04-09T06:31:23.609730Z"));
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
    final RecordingOutbox outbox = new RecordingOutbox();
    final List<ReplyJob> jobs = Collections.synchronizedList(new ArrayList<>());
    final VisitorApi handler = handler(20, 60);

    VisitorApi handler(int perToken, int perIp) {
        VisitorService service = new VisitorService(chats, jobs::add,
                new ChatRateLimits(new InMemoryRateLimiter(), perToken, perIp),
                new OperatorDispatch(chats, operators, outbox), clock);
        return new VisitorApi(service, new WidgetAssets());
    }

    APIGatewayV2HTTPResponse call(String method, String path, Map<String, String> headers, String body) {
        return handler.handle(Events.http(method, path, headers, body));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    @Test
    void postStoresTheMessageAndQueuesItPerChat() throws Exception {
        var response = call("POST", "/gpt/", JSON_HEADERS, "{\"message\": \"  Чем торгуете?  \"}");

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(chats.find(TOKEN)).get().extracting(c -> c.mode()).isEqualTo(ChatMode.AI);
        List<ChatMessage> stored = chats.transcript(TOKEN);
        assertThat(stored).singleElement().satisfies(m -> {
            assertThat(m.author()).isEqualTo(Author.VISITOR);
            assertThat(m.text()).isEqualTo("Чем торгуете?");
        });
        assertThat(jobs).containsExactly(new ReplyJob(TOKEN, stored.get(0).id()));
        assertThat(json(response).path("id").asText()).isEqualTo(stored.get(0).id());
    }

    @Test
    void missingOrInvalidTokenIs400() throws Exception {
        String body = "{\"message\":\"hi\"}";
        var missing = call("POST", "/gpt/", Map.of("content-type", "application/json"), body);
        var shortToken = call("POST", "/gpt/", Map.of("chat-token", "short_token_15c", "content-type", "application/json"), body);
        var badChars = call("POST", "/gpt/", Map.of("chat-token", "abcdefghijklmnop!", "content-type", "application/json"), body);
        var tooLong = call("GET", "/message/", Map.of("chat-token", "a".repeat(129)), null);

        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).isEqualTo("missing_token");
        assertThat(List.of(shortToken, badChars, tooLong)).allSatisfy(r -> {
            assertThat(r.getStatusCode()).isEqualTo(400);
            assertThat(json(r).path("error").asText()).isEqualTo("invalid_token");
        });
        assertThat(call("GET", "/message/", Map.of("chat-token", "a".repeat(128)), null).getStatusCode()).isEqualTo(200);
        assertThat(jobs).isEmpty();
    }

    @Test
    void emptyOrOverlongMessageIs400() throws Exception {
        var empty = call("POST", "/gpt/", JSON_HEADERS, "{\"message\":\"   \"}");
        var missing = call("POST", "/gpt/", JSON_HEADERS, "{}");
        var overlong = call("POST", "/gpt/", JSON_HEADERS, "{\"message\":\"" + "я".repeat(2001) + "\"}");
        var longest = call("POST", "/gpt/", JSON_HEADERS, "{\"message\":\"" + "я".repeat(2000) + "\"}");

        assertThat(json(empty).path("error").asText()).isEqualTo("empty_message");
        assertThat(json(missing).path("error").asText()).isEqualTo("empty_message");
        assertThat(overlong.getStatusCode()).isEqualTo(400);
        assertThat(json(overlong).path("error").asText()).isEqualTo("message_too_long");
        assertThat(longest.getStatusCode()).isEqualTo(201);
        assertThat(jobs).hasSize(1);
    }

    @Test
    void malformedJsonIs400OversizedBodyIs413WrongTypeIs415() throws Exception {
        var malformed = call("POST", "/gpt/", JSON_HEADERS, "{\"message\": ");
        var wrongShape = call("POST", "/gpt/", JSON_HEADERS, "[\"hi\"]");
        var oversized = call("POST", "/gpt/", JSON_HEADERS, "{\"message\":\"" + "x".repeat(17_000) + "\"}");
        var wrongType = call("POST", "/gpt/", Map.of("chat-token", TOKEN, "content-type", "text/plain"), "{\"message\":\"hi\"}");

        assertThat(malformed.getStatusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").asText()).isEqualTo("malformed_json");
        assertThat(wrongShape.getStatusCode()).isEqualTo(400);
        assertThat(oversized.getStatusCode()).isEqualTo(413);
        assertThat(wrongType.getStatusCode()).isEqualTo(415);
        assertThat(jobs).isEmpty();
        assertThat(chats.find(TOKEN)).isEmpty();
    }

    @Test
    void perTokenLimitAnswers429WithRetryAfter() throws Exception {
        VisitorApi limited = handler(2, 100);
        String body = "{\"message\":\"hi\"}";
        for (int i = 0; i < 2; i++) {
            assertThat(limited.handle(Events.http("POST", "/gpt/", JSON_HEADERS, body)).getStatusCode()).isEqualTo(201);
        }
        // 06:31:23.6 → the window ends at 06:32:00: 37 s (rounded up).
        var refused = limited.handle(Events.http("POST", "/gpt/", JSON_HEADERS, body));

        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(refused.getHeaders()).containsEntry("Retry-After", "37");
        assertThat(json(refused).path("error").asText()).isEqualTo("too_many_requests");
        assertThat(jobs).hasSize(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(limited.handle(Events.http("POST", "/gpt/", JSON_HEADERS, body)).getStatusCode()).isEqualTo(201);
    }

    @Test
    void perIpLimitSpansTokens() {
        VisitorApi limited = handler(100, 2);
        String body = "{\"message\":\"hi\"}";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = "visitor-token-number-" + i;
            statuses.add(limited.handle(Events.http("POST", "/gpt/",
                    Map.of("chat-token", token, "content-type", "application/json"), body, "198.51.100.9")).getStatusCode());
        }
        var otherIp = limited.handle(Events.http("POST", "/gpt/",
                Map.of("chat-token", "visitor-token-number-9", "content-type", "application/json"), body, "198.51.100.10"));

        assertThat(statuses).containsExactly(201, 201, 429);
        assertThat(otherIp.getStatusCode()).isEqualTo(201);
    }

    @Test
    void pollReturnsEachUndeliveredMessageOnceInTheOldShape() throws Exception {
        chats.open(TOKEN, clock.instant());
        chats.addForVisitor(TOKEN, List.of(ChatMessage.create(Author.GPT, "Здравствуйте!", Instant.parse("2024-04-09T06:31:23.609730Z"))));

        var first = call("GET", "/message/", Map.of("chat-token", TOKEN), null);
        var second = call("GET", "/message/", Map.of("chat-token", TOKEN), null);

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(first.getHeaders()).containsEntry("Cache-Control", "no-store");
        JsonNode messages = json(first).path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("message").asText()).isEqualTo("Здравствуйте!");
        assertThat(messages.get(0).path("user").asText()).isEqualTo("GPT");
        assertThat(messages.get(0).path("date_create").asText()).isEqualTo("2024-04-09T06:31:23.609730Z");
        assertThat(json(second).path("messages")).isEmpty();
    }

    @Test
    void theOriginalFrontEndsApiV1RoutesAreTheSameContract() throws Exception {
        // The Vink front end: base URL <host>/api/v1, no trailing slash, Content-Type on GET too.
        var posted = call("POST", "/api/v1/gpt", JSON_HEADERS, "{\"message\": \"Здравствуйте\"}");
        chats.addForVisitor(TOKEN, List.of(ChatMessage.create(Author.GPT, "Добрый день!", clock.instant())));
        var polled = call("GET", "/api/v1/message", JSON_HEADERS, null);
        var operator = call("POST", "/api/v1/operator", JSON_HEADERS, "{}");

        assertThat(posted.getStatusCode()).isEqualTo(201);
        assertThat(chats.transcript(TOKEN)).extracting(ChatMessage::text).contains("Здравствуйте");
        assertThat(polled.getStatusCode()).isEqualTo(200);
        assertThat(json(polled).path("messages").get(0).path("message").asText()).isEqualTo("Добрый день!");
        assertThat(operator.getStatusCode()).isEqualTo(202);
    }

    @Test
    void pollOfUnknownTokenIsEmptyAndCreatesNothing() throws Exception {
        var response = call("GET", "/message/", Map.of("chat-token", TOKEN), null);

        assertThat(json(response).path("messages")).isEmpty();
        assertThat(chats.find(TOKEN)).isEmpty();
    }

    @Test
    void concurrentPollsNeverDuplicateNorLoseMessages() throws Exception {
        chats.open(TOKEN, clock.instant());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("reply " + i);
            chats.addForVisitor(TOKEN, List.of(ChatMessage.create(Author.GPT, "reply " + i, clock.instant())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> polls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                polls.add(() -> {
                    List<String> got = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        json(call("GET", "/message/", Map.of("chat-token", TOKEN), null)).path("messages")
                                .forEach(m -> got.add(m.path("message").asText()));
                    }
                    return got;
                });
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : pool.invokeAll(polls)) {
                all.addAll(result.get());
            }
            all.addAll(json(call("GET", "/message/", Map.of("chat-token", TOKEN), null)).path("messages")
                    .findValuesAsText("message"));

            assertThat(all).hasSize(200).containsExactlyInAnyOrderElementsOf(texts);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void operatorButtonHandsOffAndCallsAvailableOperators() throws Exception {
        operators.register(new Operator(501, "Айгерим", OperatorStatus.APPROVED, true));
        operators.register(new Operator(502, "Away", OperatorStatus.APPROVED, false));
        call("POST", "/gpt/", JSON_HEADERS, "{\"message\":\"Хочу записаться\"}");

        var response = call("POST", "/operator/", Map.of("chat-token", TOKEN), null);
        var again = call("POST", "/operator/", JSON_HEADERS, "{\"reason\":\"ещё раз\"}");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).path("mode").asText()).isEqualTo("WAITING_OPERATOR");
        assertThat(json(again).path("mode").asText()).isEqualTo("WAITING_OPERATOR");
        assertThat(outbox.boardsFor(501)).isEqualTo(1);
        assertThat(outbox.boardsFor(502)).isZero();
        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::author).containsExactly(Author.SYSTEM);
    }

    @Test
    void operatorButtonWithNobodyAvailableTellsTheVisitor() {
        call("POST", "/operator/", JSON_HEADERS, "{}");

        assertThat(chats.undelivered(TOKEN)).extracting(ChatMessage::text)
                .containsExactly("Передаю разговор оператору — он ответит здесь, в этом чате.",
                        "Сейчас все операторы заняты. Мы ответим, как только кто-нибудь освободится.");
    }

    @Test
    void widgetScriptIsServedWithItsTypeCacheHeaderAndInlinedStyles() {
        var script = call("GET", "/widget/chat.js", Map.of(), null);

        assertThat(script.getStatusCode()).isEqualTo(200);
        assertThat(script.getHeaders()).containsEntry("Content-Type", "text/javascript; charset=utf-8")
                .containsEntry("Cache-Control", "public, max-age=86400");
        assertThat(script.getBody()).doesNotContain("__CHAT_CSS__").contains(".cw-launcher")
                .contains("data-testid", "chat-open", "chat-input", "chat-send", "chat-operator", "chat-message")
                .contains("Позвать оператора", "Операторды шақыру");

        var revalidated = call("GET", "/widget/chat.js", Map.of("if-none-match", script.getHeaders().get("ETag")), null);
        assertThat(revalidated.getStatusCode()).isEqualTo(304);
        assertThat(revalidated.getBody()).isNull();
    }

    @Test
    void demoPageEmbedsTheWidgetWithOneScriptTag() {
        var page = call("GET", "/chat-demo/", Map.of(), null);

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
        assertThat(page.getBody().split("<script", -1)).hasSize(2);
        assertThat(page.getBody()).contains("widget/chat.js");
    }
}
