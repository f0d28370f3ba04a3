package kz.clinicai.chat.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.clinicai.chat.support.Events;
import kz.clinicai.chat.support.InMemorySentMessageLog;
import kz.clinicai.chat.support.MutableClock;
import kz.clinicai.chat.support.RecordingOutbox;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender with the real HTTP client against WireMock speaking the Bot API's JSON. */
class TelegramSenderTest {

    static final String SEND = "/bot123:ABC/sendMessage";
    static WireMockServer server;

    final RecordingOutbox outbox = new RecordingOutbox();
    final InMemorySentMessageLog routes = new InMemorySentMessageLog();
    TelegramSender sender;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        sender = new TelegramSender(new HttpTelegramClient(URI.create(server.baseUrl()), "123:ABC"), outbox, routes,
                new MutableClock(Instant.parse("2024-04-09T06:00:00Z")));
    }

    static String ok(long chatId, long messageId) {
        return "{\"ok\":true,\"result\":{\"message_id\":" + messageId + ",\"chat\":{\"id\":" + chatId
                + ",\"type\":\"private\"},\"date\":1712642400,\"text\":\"x\"}}";
    }

    static final String TOO_MANY = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}";

    static String body(OutboxMessage message) throws Exception {
        return Json.mapper().writeValueAsString(message);
    }

    static void answer(String text, int status, String body) {
        server.stubFor(post(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.equalTo(text)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void sendsAndRemembersWhichChatEachRoutedMessageBelongsTo() throws Exception {
        answer("first", 200, ok(42, 9001));
        answer("second", 200, ok(42, 9002));
        var message = OutboxMessage.routed("REF1234567", List.of(TelegramCall.sendMessage(42, "first"),
                TelegramCall.sendMessage(42, "second")));

        SQSBatchResponse response = sender.process(Events.sqs(body(message)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(routes.chatRefOf(42, 9001)).contains("REF1234567");
        assertThat(routes.chatRefOf(42, 9002)).contains("REF1234567");
        server.verify(2, postRequestedFor(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.chat_id")));
    }

    @Test
    void a429RequeuesTheMessageWithRetryAfterAndAnAttemptCounterAndHoldsTheRestOfTheBatch() throws Exception {
        answer("first", 429, TOO_MANY);
        answer("second", 200, ok(42, 2));

        SQSBatchResponse response = sender.process(Events.sqs(
                body(OutboxMessage.of(TelegramCall.sendMessage(42, "first"))),
                body(OutboxMessage.of(TelegramCall.sendMessage(43, "second")))));

        // Neither record failed: flood control must not use up the queue's receives (DLQ after maxReceiveCount).
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(outbox.retries).isEmpty();
        assertThat(outbox.sent).hasSize(2);
        assertThat(outbox.sent.get(0).delay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(outbox.sent.get(0).message().attempt()).isEqualTo(1);
        assertThat(outbox.sent.get(0).message().calls()).extracting(c -> c.params().get("text")).containsExactly("first");
        // The second was not attempted: back as it was (attempt 0), after the same limit.
        assertThat(outbox.sent.get(1).delay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(outbox.sent.get(1).message().attempt()).isZero();
        server.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void aMessageRetimedTooOftenFinallyFailsTowardTheDlq() throws Exception {
        answer("stuck", 429, TOO_MANY);
        var message = new OutboxMessage(List.of(TelegramCall.sendMessage(42, "stuck")), null,
                TelegramSender.MAX_RATE_LIMITED_ATTEMPTS, null);

        SQSBatchResponse response = sender.process(Events.sqs(body(message)));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(outbox.sent).isEmpty();
        assertThat(outbox.retries).containsExactly(new RecordingOutbox.Retry("receipt-1", Duration.ofSeconds(7)));
    }

    @Test
    void a429AfterSomePartsRequeuesOnlyTheRest() throws Exception {
        answer("part 1", 200, ok(42, 1));
        answer("part 2", 429, TOO_MANY);
        var message = OutboxMessage.routed("REF1234567", List.of(TelegramCall.sendMessage(42, "part 1"),
                TelegramCall.sendMessage(42, "part 2"), TelegramCall.sendMessage(42, "part 3")));

        SQSBatchResponse response = sender.process(Events.sqs(body(message)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(outbox.sent).singleElement().satisfies(s -> {
            assertThat(s.delay()).isEqualTo(Duration.ofSeconds(7));
            assertThat(s.message().routeRef()).isEqualTo("REF1234567");
            assertThat(s.message().calls()).extracting(c -> c.params().get("text")).containsExactly("part 2", "part 3");
        });
    }

    @Test
    void aPermanentRefusalIsSkippedAServerErrorIsRetried() throws Exception {
        answer("blocked", 403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        answer("flaky", 502, "<html>Bad Gateway</html>");

        SQSBatchResponse response = sender.process(Events.sqs(
                body(OutboxMessage.of(TelegramCall.sendMessage(42, "blocked"))),
                body(OutboxMessage.of(TelegramCall.sendMessage(43, "flaky")))));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m2");
        assertThat(outbox.retries).isEmpty();
    }

    @Test
    void unreachableTelegramIsRetried() throws Exception {
        TelegramSender offline = new TelegramSender(new HttpTelegramClient(URI.create("http://127.0.0.1:1"), "t"),
                outbox, null, new MutableClock(Instant.EPOCH));

        SQSBatchResponse response = offline.process(Events.sqs(body(OutboxMessage.of(TelegramCall.sendMessage(1, "x")))));

        assertThat(response.getBatchItemFailures()).hasSize(1);
    }

    @Test
    void setupRegistersTheWebhookWithItsSecretAndUpdateTypes() {
        server.stubFor(post(urlEqualTo("/bot123:ABC/setWebhook")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"result\":true}")));
        server.stubFor(post(urlEqualTo("/bot123:ABC/setMyCommands")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"result\":true}")));

        new TelegramSetup(new HttpTelegramClient(URI.create(server.baseUrl()), "123:ABC"))
                .register(URI.create("https://chat.example.kz/telegram/webhook"), "s3cret-Token_1");

        server.verify(postRequestedFor(urlEqualTo("/bot123:ABC/setWebhook"))
                .withRequestBody(matchingJsonPath("$.url", com.github.tomakehurst.wiremock.client.WireMock.equalTo("https://chat.example.kz/telegram/webhook")))
                .withRequestBody(matchingJsonPath("$.secret_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo("s3cret-Token_1")))
                .withRequestBody(matchingJsonPath("$.allowed_updates[1]", com.github.tomakehurst.wiremock.client.WireMock.equalTo("callback_query"))));
    }
}
