package kz.clinicai.chat.reply;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kz.clinicai.chat.conversation.Author;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.usage.InMemoryUsageRepository;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real openai-java client against WireMock serving the Responses API's wire format. */
class OpenAiChatModelTest {

    static final String TEXT_RESPONSE = """
            {"id":"resp_1","object":"response","created_at":1735000000,"status":"completed","model":"gpt-4.1-mini",
             "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant",
                        "content":[{"type":"output_text","text":"Мы продаём медицинское оборудование.","annotations":[]}]}],
             "parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null,
             "instructions":null,"metadata":{},"temperature":0.3,"top_p":1.0}
            """;

    static final String HANDOFF_RESPONSE = """
            {"id":"resp_2","object":"response","created_at":1735000000,"status":"completed","model":"gpt-4.1-mini",
             "output":[{"type":"function_call","id":"fc_1","call_id":"call_1","name":"handoff_to_operator",
                        "arguments":"{\\"reason\\":\\"Просит живого человека\\"}","status":"completed"}],
             "parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null,
             "instructions":null,"metadata":{},"temperature":0.3,"top_p":1.0}
            """;

    static WireMockServer server;
    OpenAIClient client;

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
    void reset() {
        server.resetAll();
        client = client(0, Optional.empty());
    }

    @AfterEach
    void close() {
        client.close();
    }

    static OpenAIClient client(int maxRetries, Optional<String> project) {
        return OpenAiClients.create(new OpenAiSettings("sk-test", URI.create(server.baseUrl() + "/v1"),
                Duration.ofSeconds(5), maxRetries, project));
    }

    static ChatInstructions assistant(String model) {
        return new ResourceChatInstructions(model, ResourceChatInstructions.DEFAULT_RESOURCE);
    }

    static List<ChatMessage> history() {
        Instant t = Instant.parse("2024-04-09T06:00:00Z");
        return List.of(
                ChatMessage.create(Author.VISITOR, "Здравствуйте", t),
                ChatMessage.create(Author.GPT, "Добрый день! Чем помочь?", t.plusSeconds(1)),
                ChatMessage.create(Author.SYSTEM, "Передаю разговор оператору", t.plusSeconds(2)),
                ChatMessage.create(Author.OPERATOR, "Доставка завтра", t.plusSeconds(3)),
                ChatMessage.create(Author.VISITOR, "Чем торгуете?", t.plusSeconds(4)));
    }

    static void stub(String body) {
        server.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    static JsonNode sentBody() throws Exception {
        return Json.mapper().readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    @Test
    void aReasoningModelGetsNoSamplingParameters() throws Exception {
        stub(TEXT_RESPONSE);

        // The site's instructions resource sets temperature 0.3; gpt-6-luna would refuse it with 400
        // unsupported_parameter. The configured effort goes with it.
        new OpenAiChatModel(client, UsageRecorder.NONE, "chat", java.time.Clock.systemUTC(), "low")
                .answer(assistant("gpt-6-luna"), history());

        JsonNode body = sentBody();
        assertThat(body.path("model").asText()).isEqualTo("gpt-6-luna");
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("top_p")).isFalse();
        assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("low");
    }

    @Test
    void aChatModelGetsNoReasoningEffort() throws Exception {
        stub(TEXT_RESPONSE);

        new OpenAiChatModel(client, UsageRecorder.NONE, "chat", java.time.Clock.systemUTC(), "low")
                .answer(assistant("gpt-4.1-mini"), history());

        JsonNode body = sentBody();
        assertThat(body.has("reasoning")).isFalse();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    }

    @Test
    void recordsTheTokensTheProviderReportsUnderTheAssistantNotTheVisitor() throws Exception {
        stub(TEXT_RESPONSE.replace("\"top_p\":1.0}", "\"top_p\":1.0,\"usage\":{\"input_tokens\":812,"
                + "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":23,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":835}}"));
        InMemoryUsageRepository usage = new InMemoryUsageRepository();
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), java.time.ZoneOffset.UTC);

        new OpenAiChatModel(client, usage, "chat", clock, "low").answer(assistant("gpt-4.1-mini"), history());

        assertThat(usage.all()).containsExactly(Usage.tokens(Usage.Channel.CHAT, "chat", "gpt-4.1-mini", 812, 23,
                Instant.parse("2026-11-30T09:00:00Z")));
    }

    @Test
    void sendsTheHistoryInstructionsAndStrictHandoffTool() throws Exception {
        stub(TEXT_RESPONSE);

        ModelAnswer answer = new OpenAiChatModel(client).answer(assistant("gpt-4.1-mini"), history());

        assertThat(answer.text()).contains("Мы продаём медицинское оборудование.");
        assertThat(answer.handoffReason()).isEmpty();
        JsonNode body = sentBody();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.path("instructions").asText()).startsWith("Ты — вежливый консультант").contains("handoff_to_operator");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("store").asBoolean(true)).isFalse();
        JsonNode input = body.path("input");
        assertThat(input.findValuesAsText("role")).containsExactly("user", "assistant", "assistant", "user");
        assertThat(input.findValuesAsText("content")).containsExactly("Здравствуйте", "Добрый день! Чем помочь?",
                "(Оператор) Доставка завтра", "Чем торгуете?");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("name").asText()).isEqualTo("handoff_to_operator");
        assertThat(tool.path("strict").asBoolean()).isTrue();
        assertThat(tool.path("parameters").path("required").get(0).asText()).isEqualTo("reason");
        assertThat(tool.path("parameters").path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void yandexGptIsTheSameCallWithModelUriAndFolderHeader() throws Exception {
        stub(TEXT_RESPONSE);
        OpenAIClient yandex = client(0, Optional.of("b1gfolder"));
        try {
            new OpenAiChatModel(yandex).answer(assistant("gpt://b1gfolder/yandexgpt/latest"), history());
        } finally {
            yandex.close();
        }

        server.verify(postRequestedFor(urlEqualTo("/v1/responses")).withHeader("OpenAI-Project", equalTo("b1gfolder")));
        assertThat(sentBody().path("model").asText()).isEqualTo("gpt://b1gfolder/yandexgpt/latest");
    }

    @Test
    void readsAHandoffToolCall() {
        stub(HANDOFF_RESPONSE);

        ModelAnswer answer = new OpenAiChatModel(client).answer(assistant("gpt-4.1-mini"), history());

        assertThat(answer.text()).isEmpty();
        assertThat(answer.handoffReason()).contains("Просит живого человека");
    }

    @Test
    void providerFailureAfterRetriesIsModelUnavailable() {
        server.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(503)
                .withHeader("retry-after-ms", "10")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));

        OpenAIClient retrying = client(2, Optional.empty());
        try {
            assertThatThrownBy(() -> new OpenAiChatModel(retrying).answer(assistant("gpt-4.1-mini"), history()))
                    .isInstanceOfSatisfying(ModelUnavailableException.class, e -> assertThat(e.retryable()).isTrue());
        } finally {
            retrying.close();
        }
        server.verify(3, postRequestedFor(urlEqualTo("/v1/responses")));
    }

    @Test
    void anAccountOutOfQuotaIsNotAnOutageToWaitFor() {
        server.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
                        + "\"param\":null,\"code\":\"insufficient_quota\"}}")));

        assertThatThrownBy(() -> new OpenAiChatModel(client).answer(assistant("gpt-4.1-mini"), history()))
                .isInstanceOfSatisfying(ModelUnavailableException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
