package kz.clinicai.local.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's model catalogue and lifecycle against the official client: {@code client.models().list()} and
 * {@code retrieve()} deserialise its answers with {@code shutdownDate()}; from a model's shutdown date (moved by the
 * control endpoint) every request naming it is refused as the real API refuses it (404 model_not_found, "The model
 * `X` has been deprecated, learn more here: …"); each reasoning model takes only its own efforts.
 */
class OpenAiModelLifecycleContractTest {

    /** The simulator's clock: 2026-12-07, the day the lifecycle facts were gathered. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T06:00:00Z"), ZoneId.of("Asia/Almaty"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Sandbox sandbox;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(0, List.of(new OpenAiSandbox(CLOCK)));
        client = OpenAIOkHttpClient.builder().baseUrl(sandbox.settings().get("openai.baseUrl"))
                .apiKey(OpenAiSandbox.API_KEY).maxRetries(0).timeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    private static int control(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.mountUrl("openai") + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void deprecated(Runnable call, String model) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.code()).contains("model_not_found");
            assertThat(e.type()).contains("invalid_request_error");
            assertThat(e.getMessage()).contains("The model `" + model + "` has been deprecated, learn more here: "
                    + "https://platform.openai.com/docs/deprecations");
        });
    }

    @Test
    void listAndRetrieveDeserialiseWithShutdownDates() {
        List<Model> listed = client.models().list().data();
        Map<String, Model> byId = listed.stream().collect(java.util.stream.Collectors.toMap(Model::id, m -> m));
        assertThat(byId.get("gpt-6-luna").shutdownDate()).isEmpty();
        assertThat(byId.get("gpt-6-luna").ownedBy()).isEqualTo("system");
        assertThat(byId.get("gpt-6-luna").created()).isPositive();
        assertThat(byId.get("gpt-4.1-mini").shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(byId.get("tts-1").shutdownDate()).contains(LocalDate.of(2027, 1, 6));
        assertThat(byId.get("gpt-realtime").shutdownDate()).contains(LocalDate.of(2027, 1, 20));
        assertThat(byId.get("whisper-1").shutdownDate()).contains(LocalDate.of(2027, 2, 26));
        assertThat(byId).containsKeys("gpt-transcribe", "gpt-live-transcribe", "gpt-realtime-2")
                // Already shut down: no longer listed.
                .doesNotContainKeys("o4-mini", "o1", "gpt-4.1-nano", "gpt-3.5-turbo");
        // The list is read with strict validation: every row has the fields openai-java requires.
        listed.forEach(Model::validate);

        Model retrieved = client.models().retrieve("gpt-4.1-mini");
        assertThat(retrieved.id()).isEqualTo("gpt-4.1-mini");
        assertThat(retrieved.shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(client.models().retrieve("gpt-6-luna").shutdownDate()).isEmpty();
        assertThatThrownBy(() -> client.models().retrieve("gpt-does-not-exist-9"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
        deprecated(() -> client.models().retrieve("o4-mini"), "o4-mini");
    }

    @Test
    void fromItsShutdownDayAModelIsRefusedEverywhere() throws Exception {
        // Already gone on the simulator's date.
        deprecated(() -> client.responses().create(ResponseCreateParams.builder().model("o4-mini").input("привет")
                .build()), "o4-mini");
        assertThat(client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").input("привет")
                .build()).status()).isPresent();

        assertThat(control("/_control/clock", "{\"date\":\"2027-01-14\"}")).isEqualTo(200);
        deprecated(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").input("привет")
                .build()), "gpt-4.1-mini");
        deprecated(() -> client.models().retrieve("gpt-4.1-mini"), "gpt-4.1-mini");
        assertThat(client.models().list().data()).extracting(Model::id).doesNotContain("gpt-4.1-mini", "tts-1")
                .contains("gpt-6-luna", "whisper-1");
        deprecated(() -> client.audio().speech().create(SpeechCreateParams.builder().model("tts-1").input("Запись")
                .voice("alloy").build()), "tts-1");
        assertThat(client.responses().create(ResponseCreateParams.builder().model("gpt-6-luna").input("привет")
                .build()).status()).isPresent();

        assertThat(control("/_control/clock", "{\"date\":\"2027-01-20\"}")).isEqualTo(200);
        var secret = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.settings().get("openai.baseUrl")
                        + "/realtime/client_secrets")).header("Authorization", "Bearer " + OpenAiSandbox.API_KEY)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(secret.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(secret.body()).path("error").path("code").asText()).isEqualTo("model_not_found");

        // Back to the sandbox clock's date; reset does the same.
        assertThat(control("/_control/clock", "{\"date\":null}")).isEqualTo(200);
        assertThat(client.models().retrieve("gpt-4.1-mini").shutdownDate()).isPresent();
        assertThat(control("/_control/clock", "{\"date\":\"14.01.2027\"}")).isEqualTo(400);
        assertThat(control("/_control/clock", "{}")).isEqualTo(400);
    }

    @Test
    void reasoningModelsTakeOnlyTheirOwnEffortsAndNoSampling() {
        Response none = client.responses().create(ResponseCreateParams.builder().model("gpt-6-luna").input("привет")
                .reasoning(Reasoning.builder().effort(ReasoningEffort.NONE).build()).build());
        assertThat(none.reasoning().flatMap(Reasoning::effort)).contains(ReasoningEffort.NONE);
        Response defaulted = client.responses().create(ResponseCreateParams.builder().model("gpt-6-luna")
                .input("привет").build());
        assertThat(defaulted.reasoning().flatMap(Reasoning::effort)).contains(ReasoningEffort.MEDIUM);

        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-6-luna")
                .input("привет").reasoning(Reasoning.builder().effort(ReasoningEffort.MINIMAL).build()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("unsupported_value");
                    assertThat(e.param()).contains("reasoning.effort");
                    assertThat(e.getMessage()).contains("Unsupported value: 'minimal' is not supported with the "
                            + "'gpt-6-luna' model. Supported values are: 'none', 'low', 'medium', 'high', 'xhigh', and 'max'.");
                });
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-6.1-sol")
                .input("привет").reasoning(Reasoning.builder().effort(ReasoningEffort.NONE).build()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).contains("unsupported_value"));
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-6-luna")
                .input("привет").temperature(0.3).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("unsupported_parameter");
                    assertThat(e.param()).contains("temperature");
                });
        // A non-reasoning model refuses reasoning.effort altogether.
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .input("привет").reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).contains("unsupported_parameter"));
    }

    @Test
    void anAssumedDelayPerEffortIsAddedOnlyWhenSet() throws Exception {
        assertThat(control("/_control/latency", "{\"high\": 5000}")).isEqualTo(200);
        assertThat(control("/_control/latency", "{\"turbo\": 5}")).isEqualTo(400);
        assertThat(control("/_control/latency", "{\"low\": -1}")).isEqualTo(400);
        // Efforts without a delay answer at once (the test asserts no time, only that the answer comes).
        assertThat(client.responses().create(ResponseCreateParams.builder().model("gpt-6-luna").input("привет")
                .reasoning(Reasoning.builder().effort(ReasoningEffort.NONE).build()).build()).status()).isPresent();
    }
}
