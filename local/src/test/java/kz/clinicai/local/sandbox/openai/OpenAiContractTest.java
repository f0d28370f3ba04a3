package kz.clinicai.local.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.admin.organization.usage.UsageCostsParams;
import com.openai.models.admin.organization.usage.UsageCostsResponse;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.responses.FileSearchTool;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.vectorstores.VectorStore;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import com.openai.models.vectorstores.VectorStoreSearchParams;
import com.openai.models.vectorstores.VectorStoreSearchResponse;
import com.openai.models.vectorstores.files.FileCreateParams.Attributes;
import com.openai.models.vectorstores.files.VectorStoreFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.Faults;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against the official client and OpenAI's published artefacts: every refusal the real API makes
 * (DESIGN §5 "OpenAI request validation") comes back as a 400 in OpenAI's error shape with the documented code and
 * param, and every answer any test here receives (all requests go through a {@link RecordingProxy}, checked after
 * each test) is read into openai-java's model class for its operation and validated ({@link OpenAiModels}: required
 * fields present and typed as the document generating the client says), errors as {"error": ErrorObject}. When
 * OpenAI's published OpenAPI document is beside the project ({@code ../shared/reference/openai-openapi.yaml}) every
 * answer is also validated against the operation's schema in it ({@link OpenAiSpec}); when it is not, the test output
 * says so once and the openai-java judgement alone runs.
 */
class OpenAiContractTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneId.of("Asia/Almaty"));
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenAiContractTest.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Sandbox sandbox;
    private static RecordingProxy proxy;
    private static String baseUrl;
    private static OpenAIClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(0, List.of(new OpenAiSandbox(CLOCK)));
        URI direct = URI.create(sandbox.settings().get("openai.baseUrl"));
        proxy = new RecordingProxy(direct.getScheme() + "://" + direct.getRawAuthority());
        baseUrl = proxy.origin() + direct.getRawPath();
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl)
                .apiKey(OpenAiSandbox.API_KEY).maxRetries(0).timeout(Duration.ofSeconds(10)).build();
        if (OpenAiSpec.published().isEmpty()) {
            LOG.info("OpenAI's published OpenAPI document is not at {}: answers are validated by openai-java's "
                    + "model classes only", OpenAiSpec.location());
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        proxy.close();
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        proxy.drain();
    }

    /** Every /v1 answer the test received, judged by openai-java and the published document (the knobs are ours). */
    @AfterEach
    void everyAnswerIsWhatOpenAiDescribes() {
        assertThat(problems(proxy.drain(), null)).as("answers that openai-java's model classes"
                + OpenAiSpec.published().map(s -> " or OpenAI's OpenAPI document (" + s.version() + ")").orElse("")
                + " do not take").isEmpty();
    }

    /** What the judges find wrong with the /v1 answers; the operations met are added to {@code seen} if given. */
    private static List<String> problems(List<RecordingProxy.Answer> answers, java.util.Set<String> seen) {
        List<String> problems = new java.util.ArrayList<>();
        for (RecordingProxy.Answer a : answers) {
            int v1 = a.path().indexOf("/v1/");
            if (v1 < 0) {
                continue;
            }
            String path = a.path().substring(v1 + 3);
            if (seen != null) {
                OpenAiModels.operation(a.method(), path).ifPresent(op -> seen.add(op.toString()));
            }
            problems.addAll(OpenAiModels.problems(a.method(), path, a.request(), a.status(), a.contentType(),
                    a.body()));
            OpenAiSpec.published().ifPresent(spec -> problems.addAll(spec.problems(a.method(), path, a.status(),
                    a.contentType(), a.body())));
        }
        return problems;
    }

    private static FunctionTool tool(String name, Map<String, Object> schema) {
        FunctionTool.Parameters.Builder p = FunctionTool.Parameters.builder();
        schema.forEach((k, v) -> p.putAdditionalProperty(k, JsonValue.from(v)));
        return FunctionTool.builder().name(name).parameters(p.build()).strict(true).build();
    }

    private static ResponseCreateParams.Builder ask(String model, String input) {
        return ResponseCreateParams.builder().model(model).input(input);
    }

    private static void refused(Runnable call, String code, String param) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.type()).contains("invalid_request_error");
            assertThat(e.code()).isEqualTo(java.util.Optional.ofNullable(code));
            assertThat(e.param()).isEqualTo(java.util.Optional.ofNullable(param));
            assertThat(e.headers().values("x-request-id")).singleElement().asString().startsWith("req_");
        });
    }

    /** A raw POST for requests the SDK's builders cannot even express (a format without name). */
    private static JsonNode post(String path, String json, int expectedStatus) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", "Bearer " + OpenAiSandbox.API_KEY)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return Json.mapper().readTree(response.body());
    }

    private static void control(String json, int expectedStatus) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.mountUrl("openai") + "/_control/background"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    }

    @Test
    void refusesWhatTheRealApiRefuses() {
        refused(() -> client.responses().create(ask("gpt-does-not-exist-9", "привет").build()), "model_not_found", "model");
        refused(() -> client.responses().create(ask("gpt-5", "привет").temperature(0.3).build()),
                "unsupported_parameter", "temperature");
        refused(() -> client.responses().create(ask("gpt-6-luna", "привет").topP(0.15).build()),
                "unsupported_parameter", "top_p");
        refused(() -> client.responses().create(ask("gpt-4.1-mini", "привет").temperature(3.0).build()),
                "decimal_above_max_value", "temperature");
        refused(() -> client.responses().create(ask("gpt-4.1-mini", "привет").background(true).store(false).build()),
                "invalid_value", "background");
        refused(() -> client.responses().create(ask("gpt-4.1-mini", "привет").reasoning(com.openai.models.Reasoning
                .builder().effort(com.openai.models.ReasoningEffort.LOW).build()).build()),
                "unsupported_parameter", "reasoning.effort");
        refused(() -> client.responses().create(ask("gpt-4.1-mini", "привет").maxOutputTokens(8).build()),
                "integer_below_min_value", "max_output_tokens");
        refused(() -> client.responses().create(ask("gpt-4.1-mini", "оператор")
                .addTool(tool("handoff", Map.of("type", "object", "properties", Map.of("reason", Map.of("type", "string")),
                        "required", List.of("reason")))).build()), "invalid_function_parameters", "tools[0].parameters");
        refused(() -> client.responses().create(ask("gpt-4.1-mini", "оператор")
                .addTool(tool("handoff", Map.of("type", "object", "properties", Map.of("reason", Map.of("type", "string"),
                        "priority", Map.of("type", "integer")), "required", List.of("reason"),
                        "additionalProperties", false))).build()), "invalid_function_parameters", "tools[0].parameters");
        // Reasoning models take no sampling parameters, chat models do: the same request passes without them.
        assertThat(client.responses().create(ask("gpt-5", "привет").build()).status()).contains(ResponseStatus.COMPLETED);
        assertThat(client.responses().create(ask("gpt-4o-mini", "привет").temperature(0.3).build()).status())
                .contains(ResponseStatus.COMPLETED);
    }

    @Test
    void refusesBrokenFormatsAndUnpairedToolItems() throws Exception {
        JsonNode noName = post("/responses", """
                {"model":"gpt-4.1-mini","input":"hi","text":{"format":{"type":"json_schema",
                 "schema":{"type":"object","properties":{},"required":[],"additionalProperties":false}}}}""", 400);
        assertThat(noName.path("error").path("param").asText()).isEqualTo("text.format.name");
        assertThat(noName.path("error").path("code").asText()).isEqualTo("missing_required_parameter");

        JsonNode loose = post("/responses", """
                {"model":"gpt-4.1-mini","input":"hi","text":{"format":{"type":"json_schema","name":"r","strict":true,
                 "schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}}}}""", 400);
        assertThat(loose.path("error").path("code").asText()).isEqualTo("invalid_json_schema");

        JsonNode noJson = post("/responses", """
                {"model":"gpt-4.1-mini","input":"дай ответ","text":{"format":{"type":"json_object"}}}""", 400);
        assertThat(noJson.path("error").path("message").asText()).contains("'json'");
        assertThat(noJson.path("error").has("code")).isTrue();
        post("/responses", """
                {"model":"gpt-4.1-mini","input":"ответь в JSON","text":{"format":{"type":"json_object"}}}""", 200);

        refused(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId("call_orphan").output("{}").build()))).build()), null, "input");
        refused(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder()
                        .callId("call_1").name("get_appointment").arguments("{}").build()))).build()), null, "input");
    }

    @Test
    void strictToolArgumentsFollowTheToolsSchemaNotTheRuleTemplate() {
        // The handoff rule's template is {"reason": ...}; this tool of the same name wants {priority:int} only.
        Response r = client.responses().create(ask("gpt-4.1-mini", "позовите оператора")
                .addTool(tool("handoff_to_operator", Map.of("type", "object",
                        "properties", Map.of("priority", Map.of("type", "integer", "minimum", 1)),
                        "required", List.of("priority"), "additionalProperties", false))).build());
        ResponseFunctionToolCall call = r.output().getFirst().asFunctionCall();
        assertThat(call.arguments()).isEqualTo("{\"priority\":1}");
    }

    @Test
    void answersCarryRequestIdRateLimitHeadersAndLogprobs() {
        var raw = client.responses().withRawResponse().create(ask("gpt-4.1-mini", "привет").build());
        assertThat(raw.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(raw.headers().values("x-ratelimit-limit-requests")).containsExactly("500");
        assertThat(raw.headers().values("x-ratelimit-remaining-requests")).containsExactly("499");
        Response response = raw.parse();
        assertThat(response.output().getFirst().asMessage().content().getFirst().asOutputText().logprobs())
                .hasValueSatisfying(l -> assertThat(l).isEmpty());
        Response withLogprobs = client.responses().create(ask("gpt-4.1-mini", "привет")
                .addInclude(ResponseIncludable.MESSAGE_OUTPUT_TEXT_LOGPROBS).build());
        assertThat(withLogprobs.output().getFirst().asMessage().content().getFirst().asOutputText().logprobs())
                .hasValueSatisfying(l -> assertThat(l).isNotEmpty());
    }

    @Test
    void injectedFaultsUseTheApiErrorShapeAndQuotaIsTellable() {
        sandbox.faults().enqueue("openai", List.of(new Faults.Fault.Status(429, 0, "insufficient_quota"),
                new Faults.Fault.Status(429, 0), new Faults.Fault.Status(500, 0)));
        assertThatThrownBy(() -> client.responses().create(ask("gpt-4.1-mini", "x").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).contains("insufficient_quota");
                    assertThat(e.type()).contains("insufficient_quota");
                    assertThat(e.param()).isEmpty();
                    assertThat(e.headers().values("x-request-id")).hasSize(1);
                });
        assertThatThrownBy(() -> client.responses().create(ask("gpt-4.1-mini", "x").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
                });
        assertThatThrownBy(() -> client.responses().create(ask("gpt-4.1-mini", "x").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.type()).contains("server_error");
                });
    }

    @Test
    void backgroundResponsesQueueProgressCompleteAndCancel() throws Exception {
        Response queued = client.responses().create(ask("gpt-4.1-mini", "привет").background(true).build());
        assertThat(queued.status()).contains(ResponseStatus.QUEUED);
        assertThat(queued.background()).contains(true);
        assertThat(queued.output()).isEmpty();
        assertThat(client.responses().retrieve(queued.id()).status()).contains(ResponseStatus.IN_PROGRESS);
        Response done = client.responses().retrieve(queued.id());
        assertThat(done.status()).contains(ResponseStatus.COMPLETED);
        assertThat(done.output()).hasSize(1);
        assertThat(done.usage()).isPresent();
        refused(() -> client.responses().cancel(queued.id()), null, null);

        control("{\"outcome\":\"exploded\"}", 400);
        var about = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.mountUrl("openai") + "/_about"))
                .timeout(Duration.ofSeconds(5)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(about.body()).contains("/openai/_control/background", "insufficient_quota");
        control("{\"hold\":true}", 200);
        Response held = client.responses().create(ask("gpt-4.1-mini", "привет").background(true).build());
        assertThat(client.responses().retrieve(held.id()).status()).contains(ResponseStatus.QUEUED);
        Response cancelled = client.responses().cancel(held.id());
        assertThat(cancelled.status()).contains(ResponseStatus.CANCELLED);
        assertThat(client.responses().cancel(held.id()).status()).contains(ResponseStatus.CANCELLED);

        control("{\"hold\":false,\"outcome\":\"failed\"}", 200);
        Response failing = client.responses().create(ask("gpt-4.1-mini", "привет").background(true).build());
        client.responses().retrieve(failing.id());
        Response failed = client.responses().retrieve(failing.id());
        assertThat(failed.status()).contains(ResponseStatus.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e.code().asString()).isEqualTo("server_error"));

        Response plain = client.responses().create(ask("gpt-4.1-mini", "привет").build());
        refused(() -> client.responses().cancel(plain.id()), null, null);
    }

    @Test
    void vectorStoreSearchAttributesFiltersAndIncludedResults() throws IOException {
        Path prices = dir.resolve("prices.txt");
        Files.writeString(prices, "Чистка зубов стоит 15000 тенге\n");
        Path hours = dir.resolve("hours.txt");
        Files.writeString(hours, "Чистка по субботам до 14:00\n");
        FileObject f1 = client.files().create(FileCreateParams.builder().file(prices).purpose(FilePurpose.ASSISTANTS).build());
        FileObject f2 = client.files().create(FileCreateParams.builder().file(hours).purpose(FilePurpose.ASSISTANTS).build());
        VectorStore store = client.vectorStores().create(VectorStoreCreateParams.builder().name("kb").build());
        VectorStoreFile attached = client.vectorStores().files().create(store.id(),
                com.openai.models.vectorstores.files.FileCreateParams.builder().fileId(f1.id())
                        .attributes(Attributes.builder().putAdditionalProperty("kind", JsonValue.from("prices")).build())
                        .build());
        assertThat(attached.attributes()).hasValueSatisfying(a ->
                assertThat(a._additionalProperties()).containsEntry("kind", JsonValue.from("prices")));
        client.vectorStores().files().create(store.id(),
                com.openai.models.vectorstores.files.FileCreateParams.builder().fileId(f2.id())
                        .attributes(Attributes.builder().putAdditionalProperty("kind", JsonValue.from("hours")).build())
                        .build());

        List<VectorStoreSearchResponse> all = client.vectorStores().search(store.id(),
                VectorStoreSearchParams.builder().query("чистка зубов").build()).data();
        assertThat(all).extracting(VectorStoreSearchResponse::fileId).containsExactly(f1.id(), f2.id());
        assertThat(all.getFirst().score()).isGreaterThan(all.get(1).score());
        assertThat(all.getFirst().content().getFirst().text()).isEqualTo("Чистка зубов стоит 15000 тенге");

        List<VectorStoreSearchResponse> hoursOnly = client.vectorStores().search(store.id(),
                VectorStoreSearchParams.builder().query("чистка").filters(com.openai.models.ComparisonFilter.builder()
                        .key("kind").type(com.openai.models.ComparisonFilter.Type.EQ).value("hours").build()).build()).data();
        assertThat(hoursOnly).extracting(VectorStoreSearchResponse::fileId).containsExactly(f2.id());

        Response withResults = client.responses().create(ask("gpt-4.1-mini", "Сколько стоит чистка зубов?")
                .addTool(FileSearchTool.builder().addVectorStoreId(store.id()).build())
                .addInclude(ResponseIncludable.FILE_SEARCH_CALL_RESULTS).build());
        var searchCall = withResults.output().getFirst().asFileSearchCall();
        assertThat(searchCall.results()).hasValueSatisfying(results -> {
            assertThat(results).isNotEmpty();
            assertThat(results.getFirst().fileId()).contains(f1.id());
        });
        Response without = client.responses().create(ask("gpt-4.1-mini", "Сколько стоит чистка зубов?")
                .addTool(FileSearchTool.builder().addVectorStoreId(store.id()).build()).build());
        assertThat(without.output().getFirst().asFileSearchCall().results()).isEmpty();
    }

    @Test
    void organizationCostsNeedTheAdminKeyAndSumWhatWasBilled() throws Exception {
        client.responses().create(ask("gpt-4.1-mini", "привет").build());
        UsageCostsParams params = UsageCostsParams.builder().startTime(CLOCK.instant().getEpochSecond() - 3600)
                .bucketWidth(UsageCostsParams.BucketWidth._1D).addGroupBy(UsageCostsParams.GroupBy.LINE_ITEM).build();
        // openai-java itself refuses to send an admin call without an admin key; over HTTP the project key gets 403.
        assertThatThrownBy(() -> client.admin().organization().usage().costs(params))
                .isInstanceOf(IllegalStateException.class);
        var withProjectKey = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/organization/costs?start_time=0")).header("Authorization", "Bearer " + OpenAiSandbox.API_KEY)
                .timeout(Duration.ofSeconds(5)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(withProjectKey.statusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(withProjectKey.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
        OpenAIClient admin = OpenAIOkHttpClient.builder().baseUrl(baseUrl)
                .adminApiKey(sandbox.settings().get("openai.adminKey")).maxRetries(0).build();
        try {
            UsageCostsResponse costs = admin.admin().organization().usage().costs(params);
            assertThat(costs.data()).hasSize(1);
            var results = costs.data().getFirst().results();
            assertThat(results).hasSize(2);
            var first = results.getFirst().asOrganizationCosts();
            assertThat(first.lineItem()).contains("gpt-4.1-mini, input");
            assertThat(first.amount()).hasValueSatisfying(a -> {
                assertThat(a.value()).hasValueSatisfying(v -> assertThat(v).isPositive());
                assertThat(a.currency()).contains("usd");
            });
        } finally {
            admin.close();
        }
    }

    @Test
    void transcriptionUsageAndFormatsDependOnTheModel() throws IOException {
        Path wav = dir.resolve("call.wav");
        Files.write(wav, SandboxAudio.wav("Хочу записаться", 2.0));
        TranscriptionCreateResponse whisper = client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(wav).model("whisper-1").build());
        var whisperUsage = whisper.asTranscription().usage().orElseThrow();
        assertThat(whisperUsage.isDuration()).isTrue();
        assertThat(whisperUsage.asDuration().seconds()).isEqualTo(2.0);
        var gptUsage = client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(wav).model("gpt-transcribe").build()).asTranscription().usage().orElseThrow();
        assertThat(gptUsage.isTokens()).isTrue();
        assertThat(client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(wav)
                .model("whisper-1").responseFormat(com.openai.models.audio.AudioResponseFormat.VERBOSE_JSON).build())
                .isVerbose()).isTrue();
        refused(() -> client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(wav)
                .model("gpt-4o-transcribe").responseFormat(com.openai.models.audio.AudioResponseFormat.VERBOSE_JSON)
                .build()), "unsupported_value", "response_format");
        refused(() -> client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(wav)
                .model("whisper-9").build()), "model_not_found", "model");
    }

    @Test
    void speechIsRealMp3ByDefaultAndRefusesUnknownVoices() throws IOException {
        try (HttpResponse response = client.audio().speech().create(SpeechCreateParams.builder()
                .model("gpt-4o-mini-tts").input("Ваша запись подтверждена").voice("alloy").build());
             InputStream body = response.body()) {
            assertThat(response.headers().values("Content-Type")).containsExactly("audio/mpeg");
            byte[] mp3 = body.readAllBytes();
            assertThat(mp3[0] & 0xFF).isEqualTo(0xFF);
            assertThat(mp3[1] & 0xE0).isEqualTo(0xE0);
            assertThat(SpeechAudio.mp3Seconds(mp3)).isBetween(1.15, 1.3);
            Path file = dir.resolve("speech.mp3");
            Files.write(file, mp3);
            assertThat(client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(file)
                    .model("gpt-transcribe").build()).asTranscription().text()).isEqualTo("Ваша запись подтверждена");
        }
        try (HttpResponse response = client.audio().speech().create(SpeechCreateParams.builder()
                .model("tts-1").input("Ваша запись").voice("nova")
                .responseFormat(SpeechCreateParams.ResponseFormat.FLAC).build());
             InputStream body = response.body()) {
            assertThat(response.headers().values("Content-Type")).containsExactly("audio/flac");
            byte[] flac = body.readAllBytes();
            assertThat(new String(flac, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("fLaC");
            // STREAMINFO: 24 kHz in the 20 bits after the block and frame sizes.
            int rate = ((flac[18] & 0xFF) << 12) | ((flac[19] & 0xFF) << 4) | ((flac[20] & 0xFF) >> 4);
            assertThat(rate).isEqualTo(24_000);
            assertThat(flac[42] & 0xFF).isEqualTo(0xFF);
            assertThat(flac[43] & 0xFF).isEqualTo(0xF8);
        }
        refused(() -> client.audio().speech().create(SpeechCreateParams.builder().model("gpt-4o-mini-tts")
                .input("x").voice("robot").build()), "invalid_value", "voice");
        refused(() -> client.audio().speech().create(SpeechCreateParams.builder().model("tts-9")
                .input("x").voice("alloy").build()), "model_not_found", "model");
    }

    @Test
    void aBackgroundResponseInAConversationAppendsItsItemsWhenItCompletes() {
        var conversation = client.conversations().create(com.openai.models.conversations.ConversationCreateParams
                .builder().addItem(com.openai.models.responses.EasyInputMessage.builder()
                        .role(com.openai.models.responses.EasyInputMessage.Role.DEVELOPER).content("Клиника").build())
                .build());
        Response queued = client.responses().create(ask("gpt-4.1-mini", "привет").conversation(conversation.id())
                .background(true).build());
        assertThat(client.conversations().items().list(conversation.id()).data()).hasSize(1);
        client.responses().retrieve(queued.id());
        client.responses().retrieve(queued.id());
        var items = client.conversations().items().list(conversation.id()).data();
        // Newest first: the reply, the user's input, the developer message the conversation started with.
        assertThat(items).hasSize(3);
        assertThat(items.getFirst().isMessage()).isTrue();
        assertThat(items.getFirst().asMessage().role().asString()).isEqualTo("assistant");
        assertThat(items.getLast().asMessage().role().asString()).isEqualTo("developer");
        // A conversation and previous_response_id together are refused.
        refused(() -> client.responses().create(ask("gpt-4.1-mini", "ещё").conversation(conversation.id())
                .previousResponseId(queued.id()).build()), "mutually_exclusive_parameters", null);
    }

    @Test
    void diarizationNamesTheSpeakersOfSandboxRecordingsAndLongAudioIsRefusedAsTheApiDoes() throws IOException {
        Path call = dir.resolve("call.mp3");
        Files.write(call, SandboxAudio.mp3(List.of(
                new SandboxAudio.Utterance(0.0, 2.0, SandboxAudio.OPERATOR, "Клиника, здравствуйте"),
                new SandboxAudio.Utterance(2.5, 5.0, SandboxAudio.CLIENT, "Хочу записаться")), 6.0));
        var diarized = client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(call)
                .model("gpt-4o-transcribe-diarize").responseFormat(com.openai.models.audio.AudioResponseFormat.DIARIZED_JSON)
                .build());
        assertThat(diarized.isDiarized()).isTrue();
        var segments = diarized.asDiarized().segments();
        assertThat(segments).extracting(s -> s.speaker()).containsExactly("A", "B");
        assertThat(segments).extracting(s -> s.text()).containsExactly("Клиника, здравствуйте", "Хочу записаться");

        Path hour = dir.resolve("hour.mp3");
        Files.write(hour, SandboxAudio.mp3("долгий разговор", 1500));
        refused(() -> client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(hour)
                .model("gpt-4o-transcribe").build()), "invalid_value", "file");
        refused(() -> client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(hour)
                .model("gpt-4o-transcribe-diarize").responseFormat(com.openai.models.audio.AudioResponseFormat.DIARIZED_JSON)
                .build()), "invalid_value", "file");
    }

    /** A raw call through the proxy with the project key; the body is JSON or none. */
    private static JsonNode call(String method, String path, String json) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", "Bearer " + OpenAiSandbox.API_KEY)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    /**
     * Every operation the simulator serves (OpenAiSandbox's list), each answered once with success and the
     * conversation items in every shape they come in (string content, output_text parts without annotations): the
     * answers are judged against the document after the test, and the operations seen must be the whole list.
     */
    @Test
    void everyOperationTheSimulatorServesAnswersAsTheDocumentDescribes() throws Exception {
        JsonNode conversation = call("POST", "/conversations", """
                {"metadata":{"clinic":"demo"},"items":[{"type":"message","role":"developer","content":"Клиника"},
                 {"type":"message","role":"assistant","content":"Здравствуйте!"}]}""");
        String conv = conversation.path("id").asText();
        call("GET", "/conversations/" + conv, null);
        call("POST", "/conversations/" + conv, "{\"metadata\":{\"clinic\":\"other\"}}");
        JsonNode added = call("POST", "/conversations/" + conv + "/items", """
                {"items":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Сколько стоит?"}]},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"8000 тенге"}]},
                 {"type":"message","role":"assistant","content":"Ещё вопросы?"}]}""");
        // The output_text parts as OpenAI lists them: annotations and logprobs present, empty.
        JsonNode part = added.path("data").get(1).path("content").get(0);
        assertThat(part.path("annotations").isArray()).as(part.toString()).isTrue();
        assertThat(part.path("logprobs").isArray()).as(part.toString()).isTrue();
        JsonNode listed = call("GET", "/conversations/" + conv + "/items", null);
        assertThat(listed.path("data")).hasSize(5);
        String item = added.path("data").get(0).path("id").asText();
        call("GET", "/conversations/" + conv + "/items/" + item, null);
        call("DELETE", "/conversations/" + conv + "/items/" + item, null);

        Response reply = client.responses().create(ask("gpt-4.1-mini", "привет").conversation(conv).build());
        call("GET", "/conversations/" + conv + "/items?order=asc&limit=2", null);
        call("GET", "/responses/" + reply.id(), null);
        call("GET", "/responses/" + reply.id() + "/input_items", null);
        call("DELETE", "/responses/" + reply.id(), null);
        control("{\"hold\":true}", 200);
        Response held = client.responses().create(ask("gpt-4.1-mini", "привет").background(true).build());
        call("POST", "/responses/" + held.id() + "/cancel", null);
        control("{\"hold\":false}", 200);
        call("DELETE", "/conversations/" + conv, null);

        Path prices = dir.resolve("prices.txt");
        Files.writeString(prices, "Приём терапевта стоит 8000 тенге\n");
        FileObject file = client.files().create(FileCreateParams.builder().file(prices)
                .purpose(FilePurpose.ASSISTANTS).build());
        call("GET", "/files", null);
        call("GET", "/files/" + file.id(), null);
        var content = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/files/" + file.id() + "/content"))
                        .header("Authorization", "Bearer " + OpenAiSandbox.API_KEY).timeout(Duration.ofSeconds(5))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(content.body()).isEqualTo("Приём терапевта стоит 8000 тенге\n");
        String store = call("POST", "/vector_stores", "{\"name\":\"kb\"}").path("id").asText();
        call("GET", "/vector_stores", null);
        call("GET", "/vector_stores/" + store, null);
        call("POST", "/vector_stores/" + store, "{\"name\":\"kb-2\"}");
        call("POST", "/vector_stores/" + store + "/files", "{\"file_id\":\"" + file.id() + "\"}");
        call("GET", "/vector_stores/" + store + "/files", null);
        call("GET", "/vector_stores/" + store + "/files/" + file.id(), null);
        call("POST", "/vector_stores/" + store + "/files/" + file.id(), "{\"attributes\":{\"kind\":\"prices\"}}");
        call("POST", "/vector_stores/" + store + "/search", "{\"query\":\"терапевт\"}");
        client.responses().create(ask("gpt-4.1-mini", "Сколько стоит приём терапевта?")
                .addTool(FileSearchTool.builder().addVectorStoreId(store).build())
                .addInclude(ResponseIncludable.FILE_SEARCH_CALL_RESULTS).build());
        call("DELETE", "/vector_stores/" + store + "/files/" + file.id(), null);
        call("DELETE", "/vector_stores/" + store, null);
        call("DELETE", "/files/" + file.id(), null);

        Path wav = dir.resolve("hello.wav");
        Files.write(wav, SandboxAudio.wav("Хочу записаться", 2.0));
        client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(wav).model("gpt-transcribe")
                .build());
        try (HttpResponse speech = client.audio().speech().create(SpeechCreateParams.builder()
                .model("gpt-4o-mini-tts").input("Запись подтверждена").voice("alloy").build())) {
            assertThat(speech.body().readAllBytes()).isNotEmpty();
        }
        call("POST", "/realtime/client_secrets", "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}");
        var costs = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/organization/costs?start_time=0"))
                        .header("Authorization", "Bearer " + OpenAiSandbox.ADMIN_KEY).timeout(Duration.ofSeconds(5))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(costs.statusCode()).as(costs.body()).isEqualTo(200);

        java.util.Set<String> seen = new java.util.TreeSet<>();
        assertThat(problems(proxy.drain(), seen)).as("answers that openai-java's model classes or the published "
                + "document do not take").isEmpty();
        assertThat(seen).containsExactlyInAnyOrder(
                "POST /responses", "GET /responses/{response_id}", "DELETE /responses/{response_id}",
                "POST /responses/{response_id}/cancel", "GET /responses/{response_id}/input_items",
                "POST /conversations", "GET /conversations/{conversation_id}", "POST /conversations/{conversation_id}",
                "DELETE /conversations/{conversation_id}", "GET /conversations/{conversation_id}/items",
                "POST /conversations/{conversation_id}/items", "GET /conversations/{conversation_id}/items/{item_id}",
                "DELETE /conversations/{conversation_id}/items/{item_id}",
                "POST /files", "GET /files", "GET /files/{file_id}", "DELETE /files/{file_id}",
                "GET /files/{file_id}/content",
                "POST /vector_stores", "GET /vector_stores", "GET /vector_stores/{vector_store_id}",
                "POST /vector_stores/{vector_store_id}", "DELETE /vector_stores/{vector_store_id}",
                "POST /vector_stores/{vector_store_id}/search", "POST /vector_stores/{vector_store_id}/files",
                "GET /vector_stores/{vector_store_id}/files", "GET /vector_stores/{vector_store_id}/files/{file_id}",
                "POST /vector_stores/{vector_store_id}/files/{file_id}",
                "DELETE /vector_stores/{vector_store_id}/files/{file_id}",
                "POST /audio/transcriptions", "POST /audio/speech", "POST /realtime/client_secrets",
                "GET /organization/costs");
    }

    /**
     * The judges themselves: openai-java refuses a conversation item whose output_text part lacks annotations or
     * logprobs (both required by the document the client is generated from), an item of an unknown type and an error
     * without param/code; the published document, when present, refuses the bare part too.
     */
    @Test
    void theJudgesRefuseAnOutputTextPartWithoutAnnotationsOrLogprobs() {
        String items = """
                {"object":"list","first_id":"msg_1","last_id":"msg_1","has_more":false,"data":[{"type":"message",
                 "id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"x"%s}]}]}""";
        byte[] complete = bytes(items.formatted(",\"annotations\":[],\"logprobs\":[]"));
        String list = "/conversations/conv_1/items";
        assertThat(OpenAiModels.problems("GET", list, new byte[0], 200, "application/json", complete)).isEmpty();
        // openai-java's ResponseOutputText.validate() refuses the part without annotations...
        assertThat(OpenAiModels.problems("GET", list, new byte[0], 200, "application/json",
                bytes(items.formatted(",\"logprobs\":[]")))).singleElement().asString()
                .contains("`annotations` is not set");
        // ...but reads logprobs as optional: the document's requirement is checked beside it.
        assertThat(OpenAiModels.problems("POST", list, new byte[0], 200, "application/json",
                bytes(items.formatted(",\"annotations\":[]")))).singleElement().asString()
                .contains("output_text part without the logprobs");
        assertThat(OpenAiModels.problems("GET", list, new byte[0], 200, "application/json",
                bytes(items.formatted("")))).hasSize(2);
        assertThat(OpenAiModels.problems("GET", list, new byte[0], 200, "application/json",
                bytes(items.formatted(",\"annotations\":{},\"logprobs\":[]")))).isNotEmpty();
        assertThat(OpenAiModels.problems("GET", list, new byte[0], 200, "application/json",
                bytes(items.formatted(",\"annotations\":[],\"logprobs\":[]").replace("\"message\"", "\"memo\""))))
                .isNotEmpty();
        assertThat(OpenAiModels.problems("GET", "/conversations/conv_1/widgets", new byte[0], 200, "application/json",
                complete)).singleElement().asString().contains("no operation");
        assertThat(OpenAiModels.problems("POST", "/responses", new byte[0], 400, "application/json",
                bytes("{\"error\":{\"message\":\"x\",\"type\":\"invalid_request_error\"}}"))).isNotEmpty();
        assertThat(OpenAiModels.problems("POST", "/responses", new byte[0], 400, "application/json",
                bytes("{\"error\":{\"message\":\"x\",\"type\":\"invalid_request_error\",\"param\":null,"
                        + "\"code\":null}}"))).isEmpty();
        OpenAiSpec.published().ifPresent(spec -> {
            assertThat(spec.problems("GET", list, 200, "application/json", bytes(items.formatted("")))).isNotEmpty();
            assertThat(spec.problems("GET", list, 200, "application/json", complete)).isEmpty();
        });
    }

    /** Every operation of the table has a class with validate() (or says why openai-java reads no JSON). */
    @Test
    void everyOperationHasAModelClassOrAReason() throws Exception {
        for (OpenAiModels.Operation op : OpenAiModels.OPERATIONS) {
            if (op.model() == null) {
                assertThat(op.note()).as(op.toString()).isNotBlank();
            } else {
                assertThat(op.model().getMethod("validate").getReturnType()).as(op.toString()).isEqualTo(op.model());
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
