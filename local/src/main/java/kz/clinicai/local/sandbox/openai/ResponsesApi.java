package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * {@code /v1/responses}: builds the effective history (previous response chain or conversation items, then the
 * input), lets the {@link RuleModel} decide, and answers a Response object in the API's wire format. Stored
 * responses (store defaults to true) can be fetched and chained; a conversation gets the input and output items
 * appended.
 */
final class ResponsesApi {

    private record Stored(ObjectNode response, List<ObjectNode> input, List<ObjectNode> history) {
    }

    private final Clock clock;
    private final Ids ids;
    private final RuleModel model;
    private final ConversationStore conversations;
    private final FileStore files;
    private final Map<String, Stored> responses = new HashMap<>();

    ResponsesApi(Clock clock, Ids ids, RuleModel model, ConversationStore conversations, FileStore files) {
        this.clock = clock;
        this.ids = ids;
        this.model = model;
        this.conversations = conversations;
        this.files = files;
    }

    synchronized void reset() {
        responses.clear();
    }

    boolean handle(Call call) throws IOException {
        if (call.segments().isEmpty() || !call.segment(0).equals("responses")) {
            return false;
        }
        if (call.is("POST", 1)) {
            call.ok(create(call.json()));
        } else if (call.is("GET", 2)) {
            call.ok(stored(call.segment(1), "response_id").response().deepCopy());
        } else if (call.is("DELETE", 2)) {
            synchronized (this) {
                stored(call.segment(1), "response_id");
                responses.remove(call.segment(1));
            }
            ObjectNode d = Json.mapper().createObjectNode();
            d.put("id", call.segment(1));
            d.put("object", "response.deleted");
            d.put("deleted", true);
            call.ok(d);
        } else if (call.is("GET", 3) && call.segment(2).equals("input_items")) {
            call.ok(Pages.page(stored(call.segment(1), "response_id").input(), call.query(), 20, "desc"));
        }
        return true;
    }

    private synchronized Stored stored(String id, String param) {
        Stored s = responses.get(id);
        if (s == null) {
            throw OpenAiError.notFound(param.equals("previous_response_id")
                    ? "Previous response with id '" + id + "' not found."
                    : "Response with id '" + id + "' not found.", param,
                    param.equals("previous_response_id") ? "previous_response_not_found" : null);
        }
        return s;
    }

    /** Serialised so that a conversation's history and its appended items stay in request order. */
    synchronized ObjectNode create(JsonNode request) throws JsonProcessingException {
        String modelName = request.path("model").asText("");
        if (!request.path("model").isTextual() || modelName.isBlank()) {
            throw OpenAiError.missing("model");
        }
        if (!request.hasNonNull("input")) {
            throw OpenAiError.missing("input");
        }
        String conversationId = conversationId(request.path("conversation"));
        String previousId = request.path("previous_response_id").asText(null);
        if (conversationId != null && previousId != null) {
            throw OpenAiError.invalid("Mutually exclusive parameters: Ensure you are only providing one of: "
                    + "'previous_response_id' or 'conversation'.", null, "mutually_exclusive_parameters");
        }
        List<ObjectNode> history = new ArrayList<>();
        if (previousId != null) {
            stored(previousId, "previous_response_id").history().forEach(i -> history.add(i.deepCopy()));
        } else if (conversationId != null) {
            history.addAll(conversations.items(conversationId));
        }
        List<ObjectNode> input = Items.normalise(request.get("input"), ids);
        history.addAll(input);
        String instructions = request.path("instructions").isTextual() ? request.get("instructions").asText() : null;

        Set<String> functions = new LinkedHashSet<>();
        List<String> storeIds = new ArrayList<>();
        for (JsonNode tool : request.path("tools")) {
            switch (tool.path("type").asText()) {
                case "function" -> functions.add(tool.path("name").asText());
                case "file_search" -> {
                    files.requireStores(tool.path("vector_store_ids"));
                    tool.path("vector_store_ids").forEach(id -> storeIds.add(id.asText()));
                }
                default -> {
                    // hosted tools the sandbox does not simulate are accepted and never used
                }
            }
        }

        List<ObjectNode> output = new ArrayList<>();
        RuleModel.Decision decision = model.decide(history, instructions, functions);
        JsonNode format = request.path("text").path("format");
        String userText = RuleModel.latestUserText(history);
        if (decision instanceof RuleModel.Decision.Call call) {
            ObjectNode fc = Json.mapper().createObjectNode();
            fc.put("type", "function_call");
            fc.put("id", ids.next("fc_"));
            fc.put("call_id", ids.next("call_"));
            fc.put("name", call.name());
            fc.put("arguments", call.arguments());
            fc.put("status", "completed");
            output.add(fc);
        } else {
            RuleModel.Decision.Reply reply = (RuleModel.Decision.Reply) decision;
            String text = reply.text();
            Optional<FileStore.Hit> hit = Optional.empty();
            if (!storeIds.isEmpty() && reply.fallback()) {
                ObjectNode searchCall = Json.mapper().createObjectNode();
                searchCall.put("type", "file_search_call");
                searchCall.put("id", ids.next("fs_"));
                searchCall.put("status", "completed");
                searchCall.putArray("queries").add(userText);
                searchCall.putNull("results");
                output.add(searchCall);
                hit = files.search(userText, storeIds);
                if (hit.isPresent()) {
                    text = "Согласно «" + hit.get().filename() + "»: " + hit.get().line();
                }
            }
            String formatType = format.path("type").asText("text");
            switch (formatType) {
                case "json_schema" -> text = Json.mapper().writeValueAsString(
                        SchemaExample.generate(format.path("schema"), userText, model.today(instructions)));
                case "json_object" -> text = Json.mapper().writeValueAsString(
                        Json.mapper().createObjectNode().put("text", text));
                default -> {
                    // plain text
                }
            }
            ObjectNode message = Items.message(ids.next("msg_"), "assistant", text);
            if (hit.isPresent() && formatType.equals("text")) {
                ObjectNode citation = ((ArrayNode) message.get("content").get(0).get("annotations")).addObject();
                citation.put("type", "file_citation");
                citation.put("file_id", hit.get().fileId());
                citation.put("filename", hit.get().filename());
                citation.put("index", text.length());
            }
            output.add(message);
        }

        ObjectNode response = response(request, modelName, instructions, conversationId, previousId, output,
                usage(request, history, output));
        List<ObjectNode> after = new ArrayList<>(history);
        output.forEach(o -> after.add(o.deepCopy()));
        if (request.path("store").asBoolean(true)) {
            responses.put(response.get("id").asText(), new Stored(response.deepCopy(), input, after));
        }
        if (conversationId != null) {
            List<ObjectNode> appended = new ArrayList<>(input);
            appended.addAll(output);
            conversations.append(conversationId, appended);
        }
        return response;
    }

    private static String conversationId(JsonNode conversation) {
        if (conversation.isTextual()) {
            return conversation.asText();
        }
        if (conversation.isObject()) {
            if (!conversation.path("id").isTextual()) {
                throw OpenAiError.missing("conversation.id");
            }
            return conversation.get("id").asText();
        }
        return null;
    }

    private ObjectNode response(JsonNode request, String modelName, String instructions, String conversationId,
            String previousId, List<ObjectNode> output, ObjectNode usage) {
        long now = clock.instant().getEpochSecond();
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("id", ids.next("resp_"));
        r.put("object", "response");
        r.put("created_at", now);
        r.put("status", "completed");
        r.put("background", false);
        r.put("completed_at", now);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.putNull("access_programs");
        r.set("instructions", request.path("instructions").isMissingNode() ? null : request.get("instructions"));
        r.set("max_output_tokens", request.path("max_output_tokens").isMissingNode() ? null : request.get("max_output_tokens"));
        r.put("model", modelName);
        r.putArray("output").addAll(output);
        r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        r.put("previous_response_id", previousId);
        if (conversationId != null) {
            r.putObject("conversation").put("id", conversationId);
        } else {
            r.putNull("conversation");
        }
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("service_tier", "default");
        r.put("store", request.path("store").asBoolean(true));
        r.put("temperature", request.path("temperature").asDouble(1.0));
        r.put("top_p", request.path("top_p").asDouble(1.0));
        ObjectNode text = request.path("text").isObject() ? ((ObjectNode) request.get("text")).deepCopy()
                : Json.mapper().createObjectNode();
        if (!text.has("format")) {
            text.putObject("format").put("type", "text");
        }
        r.set("text", text);
        r.set("tool_choice", request.path("tool_choice").isMissingNode() ? r.textNode("auto") : request.get("tool_choice"));
        ArrayNode tools = r.putArray("tools");
        for (JsonNode tool : request.path("tools")) {
            ObjectNode t = ((ObjectNode) tool).deepCopy();
            if (t.path("type").asText().equals("function")) {
                if (!t.has("strict")) {
                    t.put("strict", true);
                }
                if (!t.has("description")) {
                    t.putNull("description");
                }
                if (!t.has("parameters")) {
                    t.putNull("parameters");
                }
            }
            tools.add(t);
        }
        r.put("truncation", request.path("truncation").asText("disabled"));
        r.set("usage", usage);
        r.putNull("user");
        r.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : Json.mapper().createObjectNode());
        return r;
    }

    /** Tokens ≈ characters / 4 (rounded up), so spend tracking has plausible numbers. */
    private static ObjectNode usage(JsonNode request, List<ObjectNode> history, List<ObjectNode> output) {
        long inChars = request.path("instructions").asText("").length() + request.path("tools").toString().length();
        for (ObjectNode item : history) {
            inChars += item.toString().length();
        }
        long outChars = 0;
        for (ObjectNode item : output) {
            outChars += item.path("type").asText().equals("message") ? Items.textOf(item).length()
                    : item.path("arguments").asText("").length() + item.path("name").asText("").length();
        }
        long in = Math.max(1, (inChars + 3) / 4);
        long out = Math.max(1, (outChars + 3) / 4);
        ObjectNode u = Json.mapper().createObjectNode();
        u.put("input_tokens", in);
        u.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        u.put("output_tokens", out);
        u.putObject("output_tokens_details").put("reasoning_tokens", 0);
        u.put("total_tokens", in + out);
        return u;
    }
}
