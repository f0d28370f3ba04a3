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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against the official client: every refusal the real API makes (DESIGN §5 "OpenAI request
 * validation") comes back as a 400 in OpenAI's error shape with the documented code and param, and every answer
 * deserialises into openai-java's model classes with the documented fields.
 */
class OpenAiContractTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneId.of("Asia/Almaty"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Sandbox sandbox;
    private static OpenAIClient client;

    @TempDir
    Path dir;

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
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.settings().get("openai.baseUrl") + path))
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
        var withProjectKey = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.settings().get("openai.baseUrl")
                        + "/organization/costs?start_time=0")).header("Authorization", "Bearer " + OpenAiSandbox.API_KEY)
                .timeout(Duration.ofSeconds(5)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(withProjectKey.statusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(withProjectKey.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
        OpenAIClient admin = OpenAIOkHttpClient.builder().baseUrl(sandbox.settings().get("openai.baseUrl"))
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
}
