package kz.clinicai.local.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FileSearchTool;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.StructuredResponse;
import com.openai.models.responses.StructuredResponseCreateParams;
import com.openai.models.vectorstores.VectorStore;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import com.openai.models.vectorstores.VectorStoreUpdateParams;
import com.openai.models.vectorstores.files.FileDeleteParams;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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

class OpenAiSandboxTest {

    /** Monday 2026-11-23 in Almaty. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneId.of("Asia/Almaty"));

    private static Sandbox sandbox;
    private static OpenAiSandbox openai;
    private static OpenAIClient client;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        openai = new OpenAiSandbox(CLOCK);
        sandbox = Sandbox.start(0, List.of(openai));
        client = client(OpenAiSandbox.API_KEY, 0);
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

    private static OpenAIClient client(String key, int maxRetries) {
        return OpenAIOkHttpClient.builder().baseUrl(sandbox.settings().get("openai.baseUrl")).apiKey(key)
                .maxRetries(maxRetries).timeout(Duration.ofSeconds(10)).build();
    }

    private static String text(Response response) {
        return response.output().stream().flatMap(i -> i.message().stream()).flatMap(m -> m.content().stream())
                .flatMap(c -> c.outputText().stream()).map(ResponseOutputText::text).reduce("", String::concat);
    }

    private static final FunctionTool HANDOFF = FunctionTool.builder().name("handoff_to_operator")
            .description("Hand the chat to a human operator")
            .parameters(FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("reason", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("reason")))
                    .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                    .build())
            .strict(true).build();

    @Test
    void settingsPointTheClientAtTheMountedV1() {
        assertThat(sandbox.settings()).containsEntry("openai.baseUrl", sandbox.mountUrl("openai") + "/v1")
                .containsEntry("openai.apiKey", "sandbox-openai-key");
    }

    @Test
    void repliesInRussianAndKazakhWithUsage() {
        Response ru = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .input("Добрый день, хочу узнать цены").build());
        assertThat(ru.id()).startsWith("resp_");
        assertThat(text(ru)).isEqualTo("Здравствуйте! Я виртуальный помощник (sandbox). Вы написали: Добрый день, хочу узнать цены");
        assertThat(ru.usage()).hasValueSatisfying(u -> {
            assertThat(u.inputTokens()).isPositive();
            assertThat(u.totalTokens()).isEqualTo(u.inputTokens() + u.outputTokens());
        });

        Response kk = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .input("Сәлем, бағасы қанша?").build());
        assertThat(text(kk)).startsWith("Сәлеметсіз бе!").endsWith("Сәлем, бағасы қанша?");

        assertThat(client.responses().retrieve(kk.id()).output()).hasSize(1);
    }

    @Test
    void offeredAndMatchedToolIsCalledThenItsOutputIsSummarised() {
        Response first = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .instructions("Сегодня: 2026-11-23").addTool(HANDOFF).input("Соедините с оператором, пожалуйста").build());
        List<ResponseFunctionToolCall> calls = first.output().stream().flatMap(i -> i.functionCall().stream()).toList();
        assertThat(calls).hasSize(1);
        ResponseFunctionToolCall call = calls.getFirst();
        assertThat(call.name()).isEqualTo("handoff_to_operator");
        assertThat(call.callId()).startsWith("call_");
        assertThat(Json.mapper().convertValue(Map.of("reason", "visitor asked for a person"), JsonNode.class))
                .isEqualTo(readTree(call.arguments()));

        Response second = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .addTool(HANDOFF)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER).content("Соедините с оператором, пожалуйста").build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output("{\"queued\":true}").build())))
                .build());
        assertThat(second.output()).allSatisfy(i -> assertThat(i.isFunctionCall()).isFalse());
        assertThat(text(second)).isEqualTo("Готово: {\"queued\":true}");
    }

    @Test
    void matchedToolThatIsNotOfferedGivesTheGreeting() {
        Response r = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .input("Позовите менеджера").build());
        assertThat(r.output()).singleElement().satisfies(i -> assertThat(i.isMessage()).isTrue());
        assertThat(text(r)).contains("Позовите менеджера");
    }

    @Test
    void previousResponseChainsHistoryToTheToolOutput() {
        Response first = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").addTool(HANDOFF)
                .input("Мен адаммен сөйлескім келеді").build());
        ResponseFunctionToolCall call = first.output().getFirst().asFunctionCall();
        Response second = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").addTool(HANDOFF)
                .previousResponseId(first.id())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(call.callId()).output("ok").build())))
                .build());
        assertThat(text(second)).isEqualTo("Готово: ok");
        assertThat(second.previousResponseId()).contains(first.id());

        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .previousResponseId("resp_unknown").input("hi").build())).isInstanceOf(NotFoundException.class);
    }

    record Slot(String date, String time) {
    }

    record Triage(String summary, Priority priority, boolean urgent, int score, Slot slot, List<String> tags) {
    }

    enum Priority { LOW, HIGH }

    @Test
    void structuredOutputRoundTripsANestedRecord() {
        StructuredResponseCreateParams<Triage> params = ResponseCreateParams.builder().model("gpt-4.1-mini")
                .instructions("Сегодня: 2026-12-01").input("Болит зуб").text(Triage.class).build();
        StructuredResponse<Triage> response = client.responses().create(params);
        List<Triage> parsed = response.output().stream().flatMap(i -> i.message().stream())
                .flatMap(m -> m.content().stream()).flatMap(c -> c.outputText().stream()).toList();
        assertThat(parsed).singleElement().satisfies(t -> {
            assertThat(t.summary()).isEqualTo("Болит зуб");
            assertThat(t.priority()).isEqualTo(Priority.LOW);
            assertThat(t.urgent()).isFalse();
            assertThat(t.slot()).isEqualTo(new Slot("Болит зуб", "Болит зуб"));
            assertThat(t.tags()).containsExactly("Болит зуб");
        });
    }

    @Test
    void conversationAccumulatesItemsAndRefusesPreviousResponseTogether() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder().build());
        assertThat(conversation.id()).startsWith("conv_");
        Response first = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .conversation(conversation.id()).input("Первый вопрос").build());
        client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .conversation(conversation.id()).input("Второй вопрос").build());
        assertThat(client.conversations().items().list(conversation.id()).data()).hasSize(4);

        List<JsonNode> sent = new ArrayList<>();
        openai.requests().forEach(e -> {
            if (e.path("path").asText().equals("/v1/responses")) {
                sent.add(e.path("body"));
            }
        });
        assertThat(sent).extracting(b -> b.path("conversation").asText()).containsExactly(conversation.id(), conversation.id());
        assertThat(sent.get(1).path("input").asText()).isEqualTo("Второй вопрос");

        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .conversation(conversation.id()).previousResponseId(first.id()).input("x").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("previous_response_id");
    }

    @Test
    void wrongKeyIsUnauthorised() {
        OpenAIClient wrong = client("sk-wrong-key-123456", 0);
        try {
            assertThatThrownBy(() -> wrong.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").input("x").build()))
                    .isInstanceOf(UnauthorizedException.class);
        } finally {
            wrong.close();
        }
    }

    @Test
    void malformedJsonAndMissingFieldsAreBadRequestsInOpenAiShape() throws Exception {
        String base = sandbox.settings().get("openai.baseUrl");
        for (String body : List.of("{not json", "{\"input\":\"hi\"}", "{\"model\":\"m\"}")) {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/responses"))
                    .header("Authorization", "Bearer " + OpenAiSandbox.API_KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode error = readTree(response.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.has("param")).isTrue();
            assertThat(error.has("code")).isTrue();
        }
    }

    @Test
    void injected429IsRetriedAfterRetryAfter() {
        sandbox.faults().enqueue("openai", List.of(new Faults.Fault.Status(429, 1)));
        OpenAIClient retrying = client(OpenAiSandbox.API_KEY, 1);
        try {
            Response r = retrying.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").input("привет").build());
            assertThat(text(r)).contains("привет");
        } finally {
            retrying.close();
        }
        // The fault answers before the simulator sees the request; the one that reached it is the client's retry.
        assertThat(openai.requests()).singleElement()
                .satisfies(e -> assertThat(e.path("headers").path("x-stainless-retry-count").asText()).isEqualTo("1"));

        sandbox.faults().enqueue("openai", List.of(new Faults.Fault.Status(429, 1)));
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").input("x").build()))
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void transcribesSandboxAudioAndRejectsUnknownExtensions() throws IOException {
        Path wav = dir.resolve("call.wav");
        Files.write(wav, SandboxAudio.wav("Хочу записаться на четверг", 1.5));
        var transcription = client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(wav).model("gpt-transcribe").language("ru").build());
        assertThat(transcription.transcription()).hasValueSatisfying(t ->
                assertThat(t.text()).isEqualTo("Хочу записаться на четверг"));

        Path other = dir.resolve("noise.mp3");
        Files.write(other, new byte[] {1, 2, 3});
        assertThat(client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(other).model("gpt-transcribe").build()).transcription().orElseThrow().text())
                .matches("\\[sandbox transcript of 3 bytes [0-9a-f]{12}]");

        Path text = dir.resolve("note.txt");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(text).model("gpt-transcribe").build())).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aCutOfASandboxWavTrackTranscribesToTheUtterancesInsideIt() throws IOException {
        byte[] track = SandboxAudio.wavTrack(List.of(
                new SandboxAudio.Utterance(1.0, 4.0, SandboxAudio.OPERATOR, "Клиника ClinicAI, здравствуйте."),
                new SandboxAudio.Utterance(9.0, 12.0, SandboxAudio.OPERATOR, "Записала вас на пятницу.")),
                List.of(new SandboxAudio.Utterance(4.5, 8.5, SandboxAudio.CLIENT, "Хочу записаться на пятницу.")), 14);
        // Cut as the call-analytics worker cuts a track into turns: on sample boundaries, each part with a new header.
        Path first = dir.resolve("turn-1.wav");
        Files.write(first, wavPart(track, 0, 4 * 8000 + 2001));
        Path quiet = dir.resolve("turn-2.wav");
        Files.write(quiet, wavPart(track, 4 * 8000 + 2001, 8 * 8000 + 3333));
        Path last = dir.resolve("turn-3.wav");
        Files.write(last, wavPart(track, 8 * 8000 + 3333, 14 * 8000));
        assertThat(transcribe(first)).isEqualTo("Клиника ClinicAI, здравствуйте.");
        // The other party's voice leaks in only faintly: nothing to transcribe, as the real API answers for noise.
        assertThat(transcribe(quiet)).isEmpty();
        assertThat(transcribe(last)).isEqualTo("Записала вас на пятницу.");
        var diarized = client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(last)
                .model("gpt-4o-transcribe-diarize").responseFormat(com.openai.models.audio.AudioResponseFormat.DIARIZED_JSON)
                .build()).asDiarized();
        assertThat(diarized.segments()).singleElement().satisfies(seg -> {
            assertThat(seg.text()).isEqualTo("Записала вас на пятницу.");
            assertThat(seg.start()).isBetween(0.58, 0.59);
            assertThat(seg.end()).isBetween(3.58, 3.59);
        });
    }

    private String transcribe(Path file) {
        return client.audio().transcriptions().create(TranscriptionCreateParams.builder().file(file)
                .model("gpt-transcribe").build()).transcription().orElseThrow().text();
    }

    /** Samples [from, to) of a 44-byte-header mono 16-bit 8 kHz WAV, written with a fresh header. */
    private static byte[] wavPart(byte[] wav, int from, int to) {
        int bytes = (to - from) * 2;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(44 + bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + bytes)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(bytes).put(wav, 44 + from * 2, bytes);
        return out.array();
    }

    @Test
    void speechReturnsWavBytesCarryingTheInput() throws IOException {
        try (HttpResponse response = client.audio().speech().create(SpeechCreateParams.builder()
                .model("gpt-4o-mini-tts").input("Ваша запись подтверждена").voice("alloy")
                .responseFormat(SpeechCreateParams.ResponseFormat.WAV).build());
             InputStream body = response.body()) {
            byte[] bytes = body.readAllBytes();
            assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(SandboxAudio.transcriptOf(bytes)).contains("Ваша запись подтверждена");
        }
    }

    @Test
    void filesAndVectorStoresLifecycleAndFileSearchCitesContent() throws IOException {
        Path doc = dir.resolve("prices.txt");
        Files.writeString(doc, "Часы работы: с 9 до 18\nЧистка зубов стоит 15000 тенге\n");
        FileObject file = client.files().create(FileCreateParams.builder().file(doc).purpose(FilePurpose.ASSISTANTS).build());
        assertThat(file.id()).startsWith("file-");
        assertThat(file.filename()).isEqualTo("prices.txt");
        assertThat(file.bytes()).isEqualTo(Files.size(doc));
        assertThat(client.files().retrieve(file.id()).purpose()).isEqualTo(FileObject.Purpose.ASSISTANTS);
        assertThat(client.files().list().data()).extracting(FileObject::id).containsExactly(file.id());

        VectorStore store = client.vectorStores().create(VectorStoreCreateParams.builder().name("kb").addFileId(file.id()).build());
        assertThat(store.fileCounts().completed()).isEqualTo(1);
        assertThat(client.vectorStores().update(store.id(), VectorStoreUpdateParams.builder().name("clinic kb").build()).name())
                .isEqualTo("clinic kb");
        assertThat(client.vectorStores().files().list(store.id()).data()).hasSize(1);

        Response answer = client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini")
                .addTool(FileSearchTool.builder().addVectorStoreId(store.id()).build())
                .input("Сколько стоит чистка?").build());
        assertThat(answer.output()).extracting(ResponseOutputItem::isFileSearchCall).containsExactly(true, false);
        assertThat(text(answer)).contains("Чистка зубов стоит 15000 тенге");

        client.vectorStores().files().delete(file.id(), FileDeleteParams.builder().vectorStoreId(store.id()).build());
        assertThat(client.vectorStores().files().list(store.id()).data()).isEmpty();
        assertThat(client.vectorStores().delete(store.id()).deleted()).isTrue();
        assertThat(client.files().delete(file.id()).deleted()).isTrue();
        assertThatThrownBy(() -> client.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void requestLogIsServedOverHttpAndClearedByReset() throws Exception {
        client.responses().create(ResponseCreateParams.builder().model("gpt-4.1-mini").input("раз").build());
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.mountUrl("openai") + "/_requests"))
                .timeout(Duration.ofSeconds(5)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode data = readTree(response.body()).path("data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).path("path").asText()).isEqualTo("/v1/responses");
        assertThat(data.get(0).path("body").path("input").asText()).isEqualTo("раз");
        sandbox.reset();
        assertThat(openai.requests()).isEmpty();
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
