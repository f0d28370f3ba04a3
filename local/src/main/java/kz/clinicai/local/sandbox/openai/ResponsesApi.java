package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * {@code /v1/responses}: checks the request as the real API does ({@link ResponseRules}), builds the effective
 * history (previous response chain or conversation items, then the input), lets the {@link RuleModel} decide, and
 * answers a Response object in the API's wire format. Stored responses (store defaults to true) can be fetched and
 * chained; a conversation gets the input and output items appended.
 *
 * <p>Background responses ({@code background: true}) are answered {@code queued}; each
 * {@code GET /v1/responses/{id}} then moves one step, {@code queued → in_progress → completed} (or the outcome the
 * {@link BackgroundControl} sets: failed, incomplete), unless held. {@code POST /v1/responses/{id}/cancel} cancels
 * a queued or in-progress one.
 */
final class ResponsesApi {

    static final Set<String> INCLUDABLE = Set.of("file_search_call.results", "web_search_call.results",
            "web_search_call.action.sources", "message.input_image.image_url", "computer_call_output.output.image_url",
            "code_interpreter_call.outputs", "reasoning.encrypted_content", "message.output_text.logprobs");

    /** A stored response; {@code pending} is the finished response a background one will become. */
    private static final class Stored {
        ObjectNode response;
        final List<ObjectNode> input;
        final List<ObjectNode> history;
        ObjectNode pending;
        List<ObjectNode> pendingItems;
        String pendingConversation;

        Stored(ObjectNode response, List<ObjectNode> input, List<ObjectNode> history) {
            this.response = response;
            this.input = input;
            this.history = history;
        }
    }

    private final Clock clock;
    private final Ids ids;
    private final RuleModel model;
    private final Models models;
    private final ConversationStore conversations;
    private final FileStore files;
    private final Ledger ledger;
    private final BackgroundControl background;
    private final ModelClock modelClock;
    private final EffortLatency latency;
    private final Map<String, Stored> responses = new HashMap<>();

    ResponsesApi(Clock clock, Ids ids, RuleModel model, Models models, ConversationStore conversations, FileStore files,
            Ledger ledger, BackgroundControl background, ModelClock modelClock, EffortLatency latency) {
        this.modelClock = modelClock;
        this.latency = latency;
        this.clock = clock;
        this.ids = ids;
        this.model = model;
        this.models = models;
        this.conversations = conversations;
        this.files = files;
        this.ledger = ledger;
        this.background = background;
    }

    synchronized void reset() {
        responses.clear();
    }

    boolean handle(Call call) throws IOException {
        if (call.segments().isEmpty() || !call.segment(0).equals("responses")) {
            return false;
        }
        if (call.is("POST", 1)) {
            ObjectNode created = create(call.json(), call.exchange().header("OpenAI-Project").orElse(null));
            // The bench's assumed thinking time for the effort applied, outside the lock: concurrent calls overlap.
            if (!created.path("background").asBoolean(false)) {
                latency.sleep(created.path("reasoning").path("effort").textValue());
            }
            call.ok(created);
        } else if (call.is("GET", 2)) {
            call.ok(retrieve(call.segment(1)));
        } else if (call.is("DELETE", 2)) {
            synchronized (this) {
                stored(call.segment(1), "response_id");
                responses.remove(call.segment(1));
            }
            ObjectNode d = Json.mapper().createObjectNode();
            d.put("id", call.segment(1));
            // What OpenAI's OpenAPI document shows for this operation (it declares no schema, only this example).
            d.put("object", "response");
            d.put("deleted", true);
            call.ok(d);
        } else if (call.is("POST", 3) && call.segment(2).equals("cancel")) {
            call.ok(cancel(call.segment(1)));
        } else if (call.is("GET", 3) && call.segment(2).equals("input_items")) {
            call.ok(Pages.page(stored(call.segment(1), "response_id").input, call.query(), 20, "desc"));
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

    /** A poll: a background response moves one step unless held. */
    private synchronized ObjectNode retrieve(String id) {
        Stored s = stored(id, "response_id");
        if (s.pending != null && !background.held()) {
            String status = s.response.path("status").asText();
            if (status.equals("queued")) {
                s.response.put("status", "in_progress");
            } else if (status.equals("in_progress")) {
                finish(s);
            }
        }
        return s.response.deepCopy();
    }

    private void finish(Stored s) {
        ObjectNode done = s.pending;
        switch (background.outcome()) {
            case "failed" -> {
                done.put("status", "failed");
                done.putArray("output");
                done.putObject("error").put("code", "server_error")
                        .put("message", "The sandbox failed this background response (control outcome 'failed').");
                // usage and user are optional and not nullable in OpenAI's OpenAPI document: absent, never null.
                done.remove("usage");
                done.putNull("completed_at");
            }
            case "incomplete" -> {
                done.put("status", "incomplete");
                done.putObject("incomplete_details").put("reason", "max_output_tokens");
                done.putNull("completed_at");
            }
            default -> {
                if (s.pendingConversation != null) {
                    conversations.append(s.pendingConversation, s.pendingItems);
                }
            }
        }
        s.response = done;
        s.pending = null;
        s.pendingItems = null;
    }

    private synchronized ObjectNode cancel(String id) {
        Stored s = stored(id, "response_id");
        if (!s.response.path("background").asBoolean(false)) {
            throw OpenAiError.invalid("Only responses created with background=true can be cancelled.", null, null);
        }
        String status = s.response.path("status").asText();
        if (status.equals("queued") || status.equals("in_progress")) {
            s.response.put("status", "cancelled");
            s.pending = null;
            s.pendingItems = null;
        } else if (!status.equals("cancelled")) {
            throw OpenAiError.invalid("Cannot cancel a response with status '" + status + "'.", null, null);
        }
        return s.response.deepCopy();
    }

    /**
     * Serialised so that a conversation's history and its appended items stay in request order.
     *
     * @param project the OpenAI-Project header (null: none), for the costs ledger
     */
    synchronized ObjectNode create(JsonNode request, String project) throws JsonProcessingException {
        if (!request.path("model").isTextual() || request.get("model").asText().isBlank()) {
            throw OpenAiError.missing("model");
        }
        String modelName = request.get("model").asText();
        if (!request.hasNonNull("input")) {
            throw OpenAiError.missing("input");
        }
        ResponseRules.check(request, models, modelClock.today());
        List<String> include = new ArrayList<>();
        for (JsonNode i : request.path("include")) {
            if (!INCLUDABLE.contains(i.asText())) {
                throw OpenAiError.invalid("Invalid value: '" + i.asText() + "'. Supported values are: "
                        + String.join(", ", INCLUDABLE.stream().sorted().map(v -> "'" + v + "'").toList()) + ".",
                        "include", "invalid_value");
            }
            include.add(i.asText());
        }
        String conversationId = conversationId(request.path("conversation"));
        String previousId = request.path("previous_response_id").asText(null);
        if (conversationId != null && previousId != null) {
            throw OpenAiError.invalid("Mutually exclusive parameters: Ensure you are only providing one of: "
                    + "'previous_response_id' or 'conversation'.", null, "mutually_exclusive_parameters");
        }
        List<ObjectNode> history = new ArrayList<>();
        if (previousId != null) {
            stored(previousId, "previous_response_id").history.forEach(i -> history.add(i.deepCopy()));
        } else if (conversationId != null) {
            history.addAll(conversations.items(conversationId));
        }
        List<ObjectNode> input = Items.normalise(request.get("input"), ids);
        history.addAll(input);
        ResponseRules.checkToolPairs(history);
        String instructions = request.path("instructions").isTextual() ? request.get("instructions").asText() : null;

        Map<String, JsonNode> functions = new LinkedHashMap<>();
        List<String> storeIds = new ArrayList<>();
        JsonNode searchFilters = null;
        for (JsonNode tool : request.path("tools")) {
            switch (tool.path("type").asText()) {
                case "function" -> functions.put(tool.path("name").asText(),
                        tool.path("strict").asBoolean(true) && tool.path("parameters").isObject()
                                ? tool.get("parameters") : null);
                case "file_search" -> {
                    files.requireStores(tool.path("vector_store_ids"));
                    if (tool.hasNonNull("filters")) {
                        Filters.validate(tool.get("filters"), "tools.filters");
                        searchFilters = tool.get("filters");
                    }
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
            FileStore.Hit hit = null;
            if (!storeIds.isEmpty() && reply.fallback()) {
                List<FileStore.Hit> hits = files.search(userText, storeIds,
                        request.path("tools").findValue("max_num_results") == null ? 10
                                : request.path("tools").findValue("max_num_results").asInt(10), searchFilters);
                ObjectNode searchCall = Json.mapper().createObjectNode();
                searchCall.put("type", "file_search_call");
                searchCall.put("id", ids.next("fs_"));
                searchCall.put("status", "completed");
                searchCall.putArray("queries").add(userText);
                if (include.contains("file_search_call.results")) {
                    ArrayNode results = searchCall.putArray("results");
                    for (FileStore.Hit h : hits) {
                        ObjectNode r = results.addObject();
                        r.put("file_id", h.fileId());
                        r.put("filename", h.filename());
                        r.put("score", h.score());
                        r.put("text", h.line());
                        r.set("attributes", h.attributes());
                    }
                } else {
                    searchCall.putNull("results");
                }
                output.add(searchCall);
                if (!hits.isEmpty()) {
                    hit = hits.getFirst();
                    text = "Согласно «" + hit.filename() + "»: " + hit.line();
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
            ObjectNode part = (ObjectNode) message.get("content").get(0);
            if (include.contains("message.output_text.logprobs")) {
                ArrayNode logprobs = part.putArray("logprobs");
                for (String token : text.split("(?<=\\s)")) {
                    ObjectNode t = logprobs.addObject();
                    t.put("token", token);
                    t.put("logprob", 0.0);
                    ArrayNode bytes = t.putArray("bytes");
                    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
                        bytes.add(b & 0xff);
                    }
                    t.putArray("top_logprobs");
                }
            }
            if (hit != null && formatType.equals("text")) {
                ObjectNode citation = ((ArrayNode) part.get("annotations")).addObject();
                citation.put("type", "file_citation");
                citation.put("file_id", hit.fileId());
                citation.put("filename", hit.filename());
                citation.put("index", text.length());
            }
            output.add(message);
        }

        ObjectNode usage = usage(request, history, output);
        ledger.tokens(project, modelName, usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong());
        ObjectNode response = response(request, modelName, conversationId, previousId, output, usage);
        List<ObjectNode> after = new ArrayList<>(history);
        output.forEach(o -> after.add(o.deepCopy()));
        List<ObjectNode> appended = new ArrayList<>(input);
        appended.addAll(output);
        if (request.path("background").asBoolean(false)) {
            ObjectNode queued = response.deepCopy();
            queued.put("status", "queued");
            queued.putArray("output");
            queued.remove("usage");
            queued.putNull("completed_at");
            Stored s = new Stored(queued, input, after);
            s.pending = response;
            s.pendingItems = appended;
            s.pendingConversation = conversationId;
            responses.put(response.get("id").asText(), s);
            return queued.deepCopy();
        }
        if (request.path("store").asBoolean(true)) {
            responses.put(response.get("id").asText(), new Stored(response.deepCopy(), input, after));
        }
        if (conversationId != null) {
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

    private ObjectNode response(JsonNode request, String modelName, String conversationId, String previousId,
            List<ObjectNode> output, ObjectNode usage) {
        long now = clock.instant().getEpochSecond();
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("id", ids.next("resp_"));
        r.put("object", "response");
        r.put("created_at", now);
        r.put("status", "completed");
        r.put("background", request.path("background").asBoolean(false));
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
        ObjectNode reasoning = r.putObject("reasoning");
        if (models.isReasoning(modelName)) {
            reasoning.put("effort", request.path("reasoning").path("effort").asText(models.defaultEffort(modelName)));
        } else {
            reasoning.putNull("effort");
        }
        reasoning.putNull("summary");
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
        if (request.path("user").isTextual()) {
            r.put("user", request.get("user").asText());
        }
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
