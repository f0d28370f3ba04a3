package kz.clinicai.calls.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.errors.OpenAIException;
import com.openai.models.audio.AudioModel;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseTextConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.shared.json.Json;

/**
 * The call's LLM over the Responses API (OpenAI or a compatible endpoint). The history lives in our table, so
 * nothing is stored at the provider; a tool call ends the turn at once (no second round: on a phone line the
 * tool's own phrase is said instead of waiting for the model to comment on it).
 */
public final class OpenAiDialogueModel implements DialogueModel {

    public static final String TRANSFER = "transfer_to_operator";
    public static final String END = "end_call";

    private final OpenAIClient client;
    private final String model;
    private final String transcriptionModel;
    private final List<String> outcomes;
    private final UsageRecorder usage;
    private final Clock clock;
    private final Efforts efforts;

    /**
     * The configured reasoning efforts of the two uses: a live turn on the phone line (CALLS_REASONING_EFFORT) and the
     * after-call outcome (CALLS_OUTCOME_REASONING_EFFORT); null: the model's own default.
     */
    public record Efforts(String turn, String outcome) {
        static final Efforts MODEL_DEFAULTS = new Efforts(null, null);
    }

    public OpenAiDialogueModel(OpenAIClient client, String model, String transcriptionModel, List<String> outcomes,
                               UsageRecorder usage, Clock clock) {
        this(client, model, transcriptionModel, outcomes, usage, clock, Efforts.MODEL_DEFAULTS);
    }

    public OpenAiDialogueModel(OpenAIClient client, String model, String transcriptionModel, List<String> outcomes,
                               UsageRecorder usage, Clock clock, Efforts efforts) {
        this.efforts = efforts;
        this.client = client;
        this.usage = usage;
        this.clock = clock;
        this.model = model;
        this.transcriptionModel = transcriptionModel;
        this.outcomes = List.copyOf(outcomes);
    }

    /** What the model is told a tool ({@link #TRANSFER}, {@link #END}) is for: the same on every kind of call. */
    public static String toolDescription(String name) {
        return Prompts.text("tool." + name);
    }

    /** A call's own tool ({@link #TRANSFER}, {@link #END}) with its strict schema (a reason). */
    public static FunctionTool tool(String name, String description) {
        return FunctionTool.builder().name(name).description(description)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("reason", Map.of("type", "string",
                                "description", Prompts.text("tool.reason")))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("reason")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .strict(true).build();
    }

    /**
     * Builds and serialises a request like a turn's, and parses a response like the model's, without any network
     * call: the first turn of a fresh container then does not pay for loading and linking the client's JSON
     * machinery (seconds on a cold JVM), and SnapStart snapshots it warm.
     */
    public OpenAiDialogueModel prime() {
        try {
            ResponseCreateParams params = params("prime", List.of(new Turn(Turn.USER, "prime", "", null)));
            com.openai.core.ObjectMappers.jsonMapper().writeValueAsString(params._body());
            com.openai.core.ObjectMappers.jsonMapper().readValue(PRIME_RESPONSE, Response.class).output();
        } catch (RuntimeException | java.io.IOException e) {
            // Priming is an optimisation; the first turn will simply be slower.
        }
        return this;
    }

    private static final String PRIME_RESPONSE = "{\"id\":\"resp_prime\",\"object\":\"response\",\"created_at\":0,"
            + "\"model\":\"m\",\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"id\":\"msg_1\","
            + "\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\","
            + "\"annotations\":[]}]},{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"c\",\"name\":\"end_call\","
            + "\"arguments\":\"{}\",\"status\":\"completed\"}],\"parallel_tool_calls\":true,\"tool_choice\":\"auto\","
            + "\"tools\":[],\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"metadata\":{},"
            + "\"temperature\":1,\"top_p\":1}";

    private ResponseCreateParams params(String instructions, List<Turn> history) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(model).instructions(instructions)
                .input(ResponseCreateParams.Input.ofResponse(input(history)))
                .addTool(tool(TRANSFER, toolDescription(TRANSFER)))
                .addTool(tool(END, toolDescription(END)))
                .store(false);
        ModelTuning.apply(params, model, null, null, efforts.turn());
        return params.build();
    }

    @Override
    public Reply reply(String callId, String instructions, List<Turn> history) {
        ResponseCreateParams params = params(instructions, history);
        Response response = create(callId, params);
        StringBuilder text = new StringBuilder();
        Reply.Action action = Reply.Action.CONTINUE;
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                item.asMessage().content().stream().filter(c -> c.isOutputText())
                        .forEach(c -> text.append(c.asOutputText().text()));
            } else if (item.isFunctionCall()) {
                String name = item.asFunctionCall().name();
                if (TRANSFER.equals(name)) {
                    action = Reply.Action.TRANSFER;
                } else if (END.equals(name)) {
                    action = Reply.Action.HANGUP;
                }
            }
        }
        if (text.isEmpty() && action == Reply.Action.CONTINUE) {
            throw new ModelUnavailableException("model returned neither text nor a tool call", null);
        }
        return new Reply(text.toString().trim(), action, null);
    }

    @Override
    public String outcome(String callId, String instructions, List<Turn> history) {
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", Map.of(
                        "summary", Map.of("type", "string", "description", Prompts.text("outcome.summary")),
                        "outcome", Map.of("type", "string", "enum", outcomes),
                        "callback_at", Map.of("type", List.of("string", "null"),
                                "description", Prompts.text("outcome.callback_at"))),
                "required", List.of("summary", "outcome", "callback_at"),
                "additionalProperties", false);
        ResponseFormatTextJsonSchemaConfig.Schema.Builder s = ResponseFormatTextJsonSchemaConfig.Schema.builder();
        schema.forEach((k, v) -> s.putAdditionalProperty(k, JsonValue.from(v)));
        List<ResponseInputItem> input = new ArrayList<>();
        StringBuilder transcript = new StringBuilder();
        for (Turn t : history) {
            transcript.append(Prompts.text(Turn.USER.equals(t.role()) ? "transcript.user" : "transcript.assistant"))
                    .append(t.text()).append('\n');
        }
        input.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content(Prompts.text("transcript.header") + transcript).build()));
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(model)
                .instructions(instructions)
                .input(ResponseCreateParams.Input.ofResponse(input))
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                        .name("call_outcome").schema(s.build()).strict(true).build()).build())
                .store(false);
        ModelTuning.apply(params, model, null, null, efforts.outcome());
        Response response = create(callId, params.build());
        String json = response.output().stream().filter(ResponseOutputItem::isMessage)
                .flatMap(m -> m.asMessage().content().stream()).filter(c -> c.isOutputText())
                .map(c -> c.asOutputText().text()).findFirst()
                .orElseThrow(() -> new ModelUnavailableException("no structured outcome", null));
        try {
            JsonNode parsed = Json.mapper().readTree(json);
            if (parsed == null || !parsed.isObject()) {
                throw new ModelUnavailableException("outcome is not a JSON object", null);
            }
            return parsed.toString();
        } catch (java.io.IOException e) {
            throw new ModelUnavailableException("outcome is not JSON", e);
        }
    }

    @Override
    public String transcribe(String callId, byte[] audio, String filename, String language) {
        try {
            TranscriptionCreateParams params = TranscriptionCreateParams.builder()
                    .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(audio))
                            .filename(filename).build())
                    .model(AudioModel.of(transcriptionModel))
                    .language(language)
                    .build();
            String text = client.audio().transcriptions().create(params).asTranscription().text().trim();
            usage.record(Usage.audio(Usage.Channel.CALLS, callId, transcriptionModel, wavSeconds(audio), clock.instant()));
            return text;
        } catch (OpenAIException e) {
            throw new ModelUnavailableException("transcription failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Length of a PCM WAV from its header (byte rate at offset 28); 0 when it is not one. */
    static double wavSeconds(byte[] audio) {
        if (audio.length < 44 || audio[0] != 'R' || audio[8] != 'W') {
            return 0;
        }
        int byteRate = (audio[28] & 0xff) | (audio[29] & 0xff) << 8 | (audio[30] & 0xff) << 16 | (audio[31] & 0xff) << 24;
        return byteRate <= 0 ? 0 : (audio.length - 44) / (double) byteRate;
    }

    private Response create(String callId, ResponseCreateParams params) {
        try {
            Response response = client.responses().create(params);
            usage.record(Usage.ofResponse(Usage.Channel.CALLS, callId, response, clock.instant()));
            return response;
        } catch (OpenAIException e) {
            throw new ModelUnavailableException("model call failed: " + e.getClass().getSimpleName(), e);
        }
    }

    static List<ResponseInputItem> input(List<Turn> history) {
        List<ResponseInputItem> items = new ArrayList<>();
        for (Turn t : history) {
            EasyInputMessage.Role role = switch (t.role()) {
                case Turn.USER -> EasyInputMessage.Role.USER;
                case Turn.ASSISTANT -> EasyInputMessage.Role.ASSISTANT;
                default -> null;
            };
            if (role != null && t.text() != null && !t.text().isBlank()) {
                items.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(role).content(t.text()).build()));
            }
        }
        return items;
    }
}
