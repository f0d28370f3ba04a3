package kz.clinicai.shared.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.booking.DialogueItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResponsesToolLoopTest {
    WireMockServer wireMock;
    OpenAIClient client;
    final List<ToolCall> ran = new ArrayList<>();

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        client = OpenAIOkHttpClient.builder().baseUrl(wireMock.baseUrl() + "/v1").apiKey("sk-test").maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    static String functionCall(String callId, String name, String arguments) throws Exception {
        return response(Json.mapper().createObjectNode()
                .put("type", "function_call").put("id", "fc_" + callId).put("call_id", callId)
                .put("name", name).put("arguments", arguments).put("status", "completed"));
    }

    static String message(String text) throws Exception {
        var item = Json.mapper().createObjectNode().put("type", "message").put("id", "msg_1").put("role", "assistant")
                .put("status", "completed");
        item.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        return response(item);
    }

    static String response(JsonNode item) throws Exception {
        var root = Json.mapper().createObjectNode()
                .put("id", "resp_1").put("object", "response").put("created_at", 1738130000).put("status", "completed")
                .put("model", "gpt-4.1-mini").put("parallel_tool_calls", false).put("tool_choice", "auto")
                .put("temperature", 1.0).put("top_p", 1.0);
        root.putNull("error");
        root.putNull("incomplete_details");
        root.putNull("instructions");
        root.putObject("metadata");
        root.putArray("tools");
        root.putArray("output").add(item);
        var usage = root.putObject("usage").put("input_tokens", 640).put("output_tokens", 12).put("total_tokens", 652);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return Json.mapper().writeValueAsString(root);
    }

    void respond(String scenarioState, String nextState, String body) {
        var stub = post(urlEqualTo("/v1/responses")).inScenario("dialogue").whenScenarioStateIs(scenarioState)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body));
        wireMock.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }

    LoopResult run(ResponsesToolLoop loop, Duration budget, ToolRunner runner) {
        LoopRequest request = new LoopRequest("gpt-4.1-mini", "Сегодня: 2025-01-29, Среда", 0.2, null,
                List.of(DialogueItem.user("Здравствуйте")), "Перенесите на завтра в 10:30");
        return loop.run(request, runner, Deadline.after(Clock.systemUTC(), budget));
    }

    ToolStep finishOn(ToolCall call) {
        ran.add(call);
        return call.name().equals(VoicebotTools.GET_APPOINTMENT)
                ? new ToolStep.Continue("{\"date\":\"2025-01-31\",\"time\":\"15:00\"}")
                : new ToolStep.Finish(new Outcome.Booked(LocalDate.of(2025, 1, 30), LocalTime.of(10, 30), "Д"),
                        "{\"result\":\"booked\"}");
    }

    @Test
    void aTerminalToolEndsTheLoopWithoutAnotherRoundTrip() throws Exception {
        respond(Scenario.STARTED, null, functionCall("call_1", "book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}"));

        LoopResult result = run(new ResponsesToolLoop(client, 4), Duration.ofSeconds(10), this::finishOn);

        assertThat(result.outcome()).isInstanceOf(Outcome.Booked.class);
        assertThat(ran).containsExactly(new ToolCall("call_1", "book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}"));
        assertThat(result.newItems()).extracting(DialogueItem::kind).containsExactly(DialogueItem.Kind.USER,
                DialogueItem.Kind.FUNCTION_CALL, DialogueItem.Kind.FUNCTION_OUTPUT);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/responses"))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(matchingJsonPath("$.store", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.instructions", equalTo("Сегодня: 2025-01-29, Среда")))
                .withRequestBody(matchingJsonPath("$.tools[?(@.name == 'book_time')].strict", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.tools[?(@.name == 'find_free_times')].parameters.required[1]",
                        equalTo("preferred_time")))
                .withRequestBody(matchingJsonPath("$.input[0].content", equalTo("Здравствуйте")))
                .withRequestBody(matchingJsonPath("$.input[1].content", equalTo("Перенесите на завтра в 10:30"))));
    }

    @Test
    void aNonTerminalToolsOutputGoesBackWithTheSameCallId() throws Exception {
        respond(Scenario.STARTED, "second", functionCall("call_a", "get_appointment", "{}"));
        respond("second", null, functionCall("call_b", "confirm_appointment", "{}"));

        LoopResult result = run(new ResponsesToolLoop(client, 4), Duration.ofSeconds(10), this::finishOn);

        assertThat(result.outcome()).isInstanceOf(Outcome.Booked.class);
        assertThat(ran).extracting(ToolCall::name).containsExactly("get_appointment", "confirm_appointment");
        wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/responses")));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.input[2].type", equalTo("function_call")))
                .withRequestBody(matchingJsonPath("$.input[2].call_id", equalTo("call_a")))
                .withRequestBody(matchingJsonPath("$.input[3].type", equalTo("function_call_output")))
                .withRequestBody(matchingJsonPath("$.input[3].call_id", equalTo("call_a")))
                .withRequestBody(matchingJsonPath("$.input[3].output", equalTo("{\"date\":\"2025-01-31\",\"time\":\"15:00\"}"))));
    }

    @Test
    void roundsAreBounded() throws Exception {
        respond(Scenario.STARTED, null, functionCall("call_x", "get_appointment", "{}"));

        LoopResult result = run(new ResponsesToolLoop(client, 2), Duration.ofSeconds(10), this::finishOn);

        assertThat(result.outcome()).isInstanceOf(Outcome.Failure.class);
        wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/responses")));
    }

    @Test
    void aTextAnswerInsteadOfAToolIsNotUnderstood() throws Exception {
        respond(Scenario.STARTED, null, message("Уточните, пожалуйста"));

        LoopResult result = run(new ResponsesToolLoop(client, 4), Duration.ofSeconds(10), this::finishOn);

        assertThat(result.outcome()).isInstanceOf(Outcome.NotUnderstood.class);
        assertThat(result.newItems().getLast()).isEqualTo(DialogueItem.assistant("Уточните, пожалуйста"));
        assertThat(ran).isEmpty();
    }

    @Test
    void aModelSlowerThanTheDeadlineYieldsAnError() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(functionCall("call_1", "confirm_appointment", "{}"))
                .withFixedDelay(5_000)));

        LoopResult result = run(new ResponsesToolLoop(client, 4), Duration.ofMillis(800), this::finishOn);

        assertThat(result.outcome()).isInstanceOfSatisfying(Outcome.Failure.class,
                f -> assertThat(f.message()).isEqualTo("Модель не ответила вовремя"));
        assertThat(ran).isEmpty();
    }

    @Test
    void aServerErrorYieldsAnError() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"boom\"}}")));

        LoopResult result = run(new ResponsesToolLoop(client, 4), Duration.ofSeconds(10), this::finishOn);

        assertThat(result.outcome()).isInstanceOf(Outcome.Failure.class);
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/responses")));
    }

    @Test
    void everyModelRoundIsMeteredUnderTheClinic() throws Exception {
        respond(Scenario.STARTED, null, message("Повторите, пожалуйста"));
        kz.clinicai.shared.usage.InMemoryUsageRepository usage = new kz.clinicai.shared.usage.InMemoryUsageRepository();
        Clock fixed = Clock.fixed(java.time.Instant.parse("2026-11-30T09:00:00Z"), java.time.ZoneOffset.UTC);

        new ResponsesToolLoop(client, 1, usage, fixed, "low").run(new LoopRequest("gpt-4.1-mini", "Сегодня: 2025-01-29", null,
                null, List.of(), "алло", "clinic-7"), this::finishOn, Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10)));

        assertThat(usage.all()).containsExactly(kz.clinicai.shared.usage.Usage.tokens(
                kz.clinicai.shared.usage.Usage.Channel.VOICEBOT, "clinic-7", "gpt-4.1-mini", 640, 12,
                java.time.Instant.parse("2026-11-30T09:00:00Z")));
    }

    @Test
    void samplingParametersGoOnlyToModelsThatAcceptThem() throws Exception {
        respond(Scenario.STARTED, null, message("Повторите, пожалуйста"));
        ResponsesToolLoop loop = new ResponsesToolLoop(client, 1, kz.clinicai.shared.usage.UsageRecorder.NONE,
                Clock.systemUTC(), "low");
        for (String model : List.of("gpt-6-luna", "gpt-4.1-mini")) {
            loop.run(new LoopRequest(model, "Сегодня: 2025-01-29", 0.3, 0.15, List.of(), "алло"), this::finishOn,
                    Deadline.after(Clock.systemUTC(), Duration.ofSeconds(10)));
        }
        var bodies = wireMock.findAll(postRequestedFor(urlEqualTo("/v1/responses"))).stream()
                .map(r -> {
                    try {
                        return Json.mapper().readTree(r.getBodyAsString());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        assertThat(bodies).hasSize(2);
        // A reasoning model refuses temperature/top_p with 400: they must not be sent at all.
        assertThat(bodies.get(0).has("temperature")).isFalse();
        assertThat(bodies.get(0).has("top_p")).isFalse();
        // The configured effort goes to the reasoning model only: a chat model refuses reasoning.effort with 400.
        assertThat(bodies.get(0).path("reasoning").path("effort").asText()).isEqualTo("low");
        assertThat(bodies.get(1).has("reasoning")).isFalse();
        assertThat(bodies.get(1).path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(bodies.get(1).path("top_p").asDouble()).isEqualTo(0.15);
    }
}
