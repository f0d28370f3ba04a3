package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.json.Json;

/**
 * Conversation items in the shape the API lists them: every item has a type and an id, messages carry content
 * parts ({@code input_text} for user/system/developer, {@code output_text} for the assistant).
 */
final class Items {

    private Items() {
    }

    /** The request's {@code input} (a string or an array of items) as stored items with ids. */
    static List<ObjectNode> normalise(JsonNode input, Ids ids) {
        List<ObjectNode> out = new ArrayList<>();
        if (input == null || input.isNull() || input.isMissingNode()) {
            return out;
        }
        if (input.isTextual()) {
            out.add(message(ids.next("msg_"), "user", input.asText()));
            return out;
        }
        if (!input.isArray()) {
            throw OpenAiError.invalid("Invalid type for 'input': expected a string or an array of input items.",
                    "input", "invalid_type");
        }
        for (int i = 0; i < input.size(); i++) {
            out.add(item(input.get(i), ids, "input[" + i + "]"));
        }
        return out;
    }

    private static ObjectNode item(JsonNode raw, Ids ids, String param) {
        if (!raw.isObject()) {
            throw OpenAiError.invalid("Invalid type for '" + param + "': expected an object.", param, "invalid_type");
        }
        String type = raw.path("type").asText(raw.has("role") ? "message" : "");
        ObjectNode item = ((ObjectNode) raw).deepCopy();
        switch (type) {
            case "message" -> {
                String role = raw.path("role").asText("");
                if (!List.of("user", "assistant", "system", "developer").contains(role)) {
                    throw OpenAiError.invalid("Invalid value for '" + param + ".role'.", param + ".role", "invalid_value");
                }
                ObjectNode message = message(raw.path("id").asText(ids.next("msg_")), role, textOf(raw));
                if (raw.path("content").isArray()) {
                    ArrayNode parts = raw.get("content").deepCopy();
                    parts.forEach(Items::completeOutputText);
                    message.set("content", parts);
                }
                return message;
            }
            case "function_call" -> {
                require(raw, "call_id", param);
                require(raw, "name", param);
                require(raw, "arguments", param);
                item.put("type", type);
                item.put("id", raw.path("id").asText(ids.next("fc_")));
                item.put("status", raw.path("status").asText("completed"));
                return item;
            }
            case "function_call_output" -> {
                require(raw, "call_id", param);
                require(raw, "output", param);
                item.put("type", type);
                item.put("id", raw.path("id").asText(ids.next("fco_")));
                item.put("status", raw.path("status").asText("completed"));
                return item;
            }
            default -> {
                // Other item kinds (reasoning, file_search_call echoed back) are kept as they came.
                if (type.isEmpty()) {
                    throw OpenAiError.invalid("Missing required parameter: '" + param + ".type'.", param + ".type",
                            "missing_required_parameter");
                }
                if (!item.has("id")) {
                    item.put("id", ids.next("item_"));
                }
                return item;
            }
        }
    }

    /**
     * An {@code output_text} part as the API stores and lists it: callers may send just type and text, the API's
     * OpenAPI document marks {@code annotations} and {@code logprobs} required on every listed part.
     */
    private static void completeOutputText(JsonNode part) {
        if (part instanceof ObjectNode p && p.path("type").asText().equals("output_text")) {
            if (!p.path("annotations").isArray()) {
                p.putArray("annotations");
            }
            if (!p.path("logprobs").isArray()) {
                p.putArray("logprobs");
            }
        }
    }

    private static void require(JsonNode raw, String field, String param) {
        if (!raw.hasNonNull(field)) {
            throw OpenAiError.missing(param + "." + field);
        }
    }

    static ObjectNode message(String id, String role, String text) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("type", "message");
        m.put("id", id);
        m.put("status", "completed");
        m.put("role", role);
        ArrayNode content = m.putArray("content");
        ObjectNode part = content.addObject();
        part.put("type", role.equals("assistant") ? "output_text" : "input_text");
        part.put("text", text);
        if (role.equals("assistant")) {
            part.putArray("annotations");
            // The API lists logprobs on every output_text part (empty unless asked for with include).
            part.putArray("logprobs");
        }
        return m;
    }

    /** The text of a message item: its string content or its text parts joined by new lines. */
    static String textOf(JsonNode item) {
        JsonNode content = item.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.hasNonNull("text")) {
                parts.add(part.get("text").asText());
            }
        }
        return String.join("\n", parts);
    }

    /** A function_call_output's output: a string, or the text parts of an output array. */
    static String outputOf(JsonNode item) {
        JsonNode output = item.path("output");
        if (output.isTextual()) {
            return output.asText();
        }
        if (output.isArray()) {
            return textOf(Json.mapper().createObjectNode().set("content", output));
        }
        return output.toString();
    }

    static boolean isMessage(JsonNode item, String role) {
        return item.path("type").asText("message").equals("message") && item.path("role").asText().equals(role);
    }
}
