package kz.clinicai.chat.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.chat.conversation.ChatMessage;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;

/**
 * {@link ChatModel} through the Responses API with openai-java: OpenAI itself or YandexGPT's compatible
 * endpoint (same code; base URL, model URI and the folder in OpenAI-Project are configuration). The client
 * retries retryable failures with backoff; what still fails becomes {@link ModelUnavailableException}.
 */
public final class OpenAiChatModel implements ChatModel {

    static final String HANDOFF_TOOL = "handoff_to_operator";

    /** The platform's part of the prompt (resource {@value #PLATFORM_RESOURCE}), read once. */
    static final String PLATFORM_RESOURCE = "/chat/platform.json";
    private static final JsonNode PLATFORM = platform();

    // Appended to the site's instructions: how to read the history and when to use the tool.
    static final String PLATFORM_INSTRUCTIONS = text("instructions");
    // Operators' words reach the model as the assistant's, marked so it knows a person wrote them.
    static final String OPERATOR_PREFIX = text("operatorPrefix");

    static final FunctionTool HANDOFF = FunctionTool.builder()
            .name(HANDOFF_TOOL)
            .description(text("handoffTool", "description"))
            .parameters(FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("reason", Map.of(
                            "type", "string",
                            "description", text("handoffTool", "reasonDescription")))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("reason")))
                    .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                    .build())
            .strict(true)
            .build();

    private final OpenAIClient client;
    private final UsageRecorder usage;
    private final String usageScope;
    private final Clock clock;
    private final String reasoningEffort;

    OpenAiChatModel(OpenAIClient client) {
        this(client, UsageRecorder.NONE, "chat", Clock.systemUTC(), null);
    }

    /**
     * @param usageScope the assistant's name, what the console shows this spend under
     * @param reasoningEffort the chat's configured effort (CHAT_REASONING_EFFORT); null: the model's own default
     */
    public OpenAiChatModel(OpenAIClient client, UsageRecorder usage, String usageScope, Clock clock,
            String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
        this.client = client;
        this.usage = usage;
        this.usageScope = usageScope;
        this.clock = clock;
    }

    @Override
    public ModelAnswer answer(ChatInstructions configured, List<ChatMessage> history) {
        ChatInstructions assistant = configured.current();
        ResponseCreateParams.Builder params = ResponseCreateParams.builder()
                .model(assistant.model())
                .instructions(assistant.instructions() + PLATFORM_INSTRUCTIONS)
                .input(ResponseCreateParams.Input.ofResponse(input(history)))
                .addTool(HANDOFF)
                // The history lives in our table; nothing needs to stay at the provider.
                .store(false);
        // Only what the model accepts: reasoning models refuse temperature/top_p, others refuse reasoning.effort.
        ModelTuning.apply(params, assistant.model(),
                assistant.temperature().isPresent() ? assistant.temperature().getAsDouble() : null,
                assistant.topP().isPresent() ? assistant.topP().getAsDouble() : null, reasoningEffort);
        Response response;
        try {
            response = client.responses().create(params.build());
        } catch (OpenAIException e) {
            throw new ModelUnavailableException("Model call failed: " + e.getClass().getSimpleName(), e, retryable(e));
        }
        // Scope is the assistant, never the visitor's token: usage rows hold no personal data.
        usage.record(Usage.ofResponse(Usage.Channel.CHAT, usageScope, response, clock.instant()));
        ModelAnswer answer = read(response);
        if (answer.isEmpty()) {
            throw new ModelUnavailableException("Model returned neither text nor a hand-off", null);
        }
        return answer;
    }

    /**
     * Only an outage is worth waiting for: 408/409/429 (except {@code insufficient_quota}, which lasts until
     * someone pays), 5xx and I/O failures. Any other 4xx is our request or our key, and the same request will
     * be refused again.
     */
    static boolean retryable(OpenAIException e) {
        if (!(e instanceof com.openai.errors.OpenAIServiceException service)) {
            return true;
        }
        int status = service.statusCode();
        if (status == 429) {
            return !service.code().filter("insufficient_quota"::equals).isPresent();
        }
        return status == 408 || status == 409 || status >= 500;
    }

    static List<ResponseInputItem> input(List<ChatMessage> history) {
        List<ResponseInputItem> items = new ArrayList<>();
        for (ChatMessage message : history) {
            EasyInputMessage.Role role;
            String text = message.text();
            switch (message.author()) {
                case VISITOR -> role = EasyInputMessage.Role.USER;
                case GPT -> role = EasyInputMessage.Role.ASSISTANT;
                case OPERATOR -> {
                    role = EasyInputMessage.Role.ASSISTANT;
                    text = OPERATOR_PREFIX + text;
                }
                // Canned notices (hand-off, fallback) are ours, not the model's words.
                default -> {
                    continue;
                }
            }
            items.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(role).content(text).build()));
        }
        return items;
    }

    private static ModelAnswer read(Response response) {
        StringBuilder text = new StringBuilder();
        Optional<String> handoff = Optional.empty();
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                item.asMessage().content().stream()
                        .filter(c -> c.isOutputText())
                        .forEach(c -> text.append(c.asOutputText().text()));
            } else if (item.isFunctionCall() && HANDOFF_TOOL.equals(item.asFunctionCall().name())) {
                handoff = Optional.of(reason(item.asFunctionCall()));
            }
        }
        return new ModelAnswer(Optional.of(text.toString()), handoff);
    }

    private static String reason(ResponseFunctionToolCall call) {
        try {
            JsonNode arguments = Json.mapper().readTree(call.arguments());
            return arguments.path("reason").asText("");
        } catch (IOException e) {
            // A hand-off asked for with broken arguments is still a hand-off.
            return "";
        }
    }

    private static JsonNode platform() {
        try (InputStream in = OpenAiChatModel.class.getResourceAsStream(PLATFORM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + PLATFORM_RESOURCE);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PLATFORM_RESOURCE, e);
        }
    }

    private static String text(String... path) {
        JsonNode node = PLATFORM;
        for (String field : path) {
            node = node.path(field);
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalStateException(PLATFORM_RESOURCE + " has no " + String.join(".", path));
        }
        return node.asText();
    }
}
