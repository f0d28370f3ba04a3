package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code POST /v1/responses} refuses with 400 before any model runs, as the real API does (DESIGN §5 "OpenAI
 * request validation"): unknown models, sampling parameters out of range or on reasoning models, reasoning effort on
 * other models, max_output_tokens below 16, strict tools and
 * json_schema formats that break the strict-mode rules, a json_schema format without a name, json_object without
 * the word "json" in the input, background without store, and function calls and outputs that do not pair up.
 */
final class ResponseRules {

    private ResponseRules() {
    }

    /** 'a', 'b', and 'c' — as OpenAI lists supported values. */
    static String quotedList(List<String> values) {
        List<String> q = values.stream().map(v -> "'" + v + "'").toList();
        if (q.size() <= 1) {
            return String.join("", q);
        }
        if (q.size() == 2) {
            return q.get(0) + " and " + q.get(1);
        }
        return String.join(", ", q.subList(0, q.size() - 1)) + ", and " + q.getLast();
    }

    static void check(JsonNode request, Models models, LocalDate today) {
        String model = request.path("model").asText();
        if (!models.isResponsesModel(model)) {
            throw new OpenAiError(400, "The requested model '" + model + "' does not exist.", "invalid_request_error",
                    "model", "model_not_found");
        }
        models.requireLive(model, today);
        range(request, "temperature", 0, 2);
        range(request, "top_p", 0, 1);
        if (models.isReasoning(model)) {
            for (String p : List.of("temperature", "top_p")) {
                if (request.hasNonNull(p)) {
                    throw OpenAiError.invalid("Unsupported parameter: '" + p + "' is not supported with this model.",
                            p, "unsupported_parameter");
                }
            }
        }
        if (!models.isReasoning(model) && request.path("reasoning").hasNonNull("effort")) {
            throw OpenAiError.invalid("Unsupported parameter: 'reasoning.effort' is not supported with this model.",
                    "reasoning.effort", "unsupported_parameter");
        }
        if (models.isReasoning(model) && request.path("reasoning").hasNonNull("effort")) {
            String effort = request.path("reasoning").get("effort").asText();
            List<String> takes = models.efforts(model);
            if (!takes.contains(effort)) {
                // The real wording (400 unsupported_value), e.g. for gpt-5.1 and 'minimal'.
                throw OpenAiError.invalid("Unsupported value: '" + effort + "' is not supported with the '" + model
                        + "' model. Supported values are: " + quotedList(takes) + ".", "reasoning.effort",
                        "unsupported_value");
            }
        }
        JsonNode maxOutput = request.path("max_output_tokens");
        if (maxOutput.isNumber() && maxOutput.asLong() < 16) {
            throw OpenAiError.invalid("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, "
                    + "but got " + maxOutput.asText() + " instead.", "max_output_tokens", "integer_below_min_value");
        }
        if (request.path("background").asBoolean(false) && !request.path("store").asBoolean(true)) {
            throw OpenAiError.invalid("Background mode requires 'store' to be true: a background response must be "
                    + "stored to be retrieved.", "background", "invalid_value");
        }
        JsonNode tools = request.path("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (tool.path("type").asText().equals("function")) {
                String param = "tools[" + i + "]";
                if (!tool.path("name").isTextual() || tool.get("name").asText().isBlank()) {
                    throw OpenAiError.missing(param + ".name");
                }
                // In the Responses API a function tool is strict unless it says otherwise.
                if (tool.path("strict").asBoolean(true) && tool.hasNonNull("parameters")) {
                    String broken = StrictSchema.violation(tool.get("parameters"));
                    if (broken != null) {
                        throw OpenAiError.invalid("Invalid schema for function '" + tool.get("name").asText() + "': "
                                + broken, param + ".parameters", "invalid_function_parameters");
                    }
                }
            }
        }
        JsonNode format = request.path("text").path("format");
        switch (format.path("type").asText("text")) {
            case "json_schema" -> {
                if (!format.path("name").isTextual() || format.get("name").asText().isBlank()) {
                    throw OpenAiError.missing("text.format.name");
                }
                if (!format.path("schema").isObject()) {
                    throw OpenAiError.missing("text.format.schema");
                }
                if (format.path("strict").asBoolean(false)) {
                    String broken = StrictSchema.violation(format.get("schema"));
                    if (broken != null) {
                        throw OpenAiError.invalid("Invalid schema for response_format '" + format.get("name").asText()
                                + "': " + broken, "text.format.schema", "invalid_json_schema");
                    }
                }
            }
            case "json_object" -> {
                if (!mentionsJson(request)) {
                    throw OpenAiError.invalid("Response input messages must contain the word 'json' in some form to "
                            + "use 'text.format' of type 'json_object'.", "input", null);
                }
            }
            case "text" -> {
                // plain text needs nothing
            }
            default -> throw OpenAiError.invalid("Invalid value: '" + format.path("type").asText()
                    + "'. Supported values are: 'text', 'json_object', and 'json_schema'.", "text.format.type",
                    "invalid_value");
        }
    }

    /**
     * The effective history (earlier items, then the input) must pair every function_call_output with an earlier
     * function_call of the same call_id, and every function_call with an output.
     */
    static void checkToolPairs(List<? extends JsonNode> history) {
        Set<String> calls = new HashSet<>();
        Set<String> outputs = new HashSet<>();
        for (JsonNode item : history) {
            String type = item.path("type").asText();
            String callId = item.path("call_id").asText();
            if (type.equals("function_call")) {
                calls.add(callId);
            } else if (type.equals("function_call_output")) {
                if (!calls.contains(callId)) {
                    throw OpenAiError.invalid("No tool call found for function call output with call_id " + callId
                            + ".", "input", null);
                }
                outputs.add(callId);
            }
        }
        for (JsonNode item : history) {
            if (item.path("type").asText().equals("function_call") && !outputs.contains(item.path("call_id").asText())) {
                throw OpenAiError.invalid("No tool output found for function call " + item.path("call_id").asText()
                        + ".", "input", null);
            }
        }
    }

    private static void range(JsonNode request, String param, double min, double max) {
        JsonNode v = request.path(param);
        if (v.isMissingNode() || v.isNull()) {
            return;
        }
        if (!v.isNumber()) {
            throw OpenAiError.invalid("Invalid type for '" + param + "': expected a decimal, but got a "
                    + v.getNodeType().toString().toLowerCase(Locale.ROOT) + " instead.", param, "invalid_type");
        }
        if (v.asDouble() > max) {
            throw OpenAiError.invalid("Invalid '" + param + "': decimal above maximum value. Expected a value <= "
                    + trim(max) + ", but got " + v.asText() + " instead.", param, "decimal_above_max_value");
        }
        if (v.asDouble() < min) {
            throw OpenAiError.invalid("Invalid '" + param + "': decimal below minimum value. Expected a value >= "
                    + trim(min) + ", but got " + v.asText() + " instead.", param, "decimal_below_min_value");
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static boolean mentionsJson(JsonNode request) {
        StringBuilder all = new StringBuilder(request.path("instructions").asText(""));
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            all.append(' ').append(input.asText());
        } else {
            input.forEach(item -> all.append(' ').append(Items.textOf(item)));
        }
        return all.toString().toLowerCase(Locale.ROOT).contains("json");
    }

    /** The strict-mode rules of structured outputs and strict function tools. */
    static final class StrictSchema {

        private StrictSchema() {
        }

        /** The first rule the schema breaks, in the API's words, or null when it keeps them all. */
        static String violation(JsonNode schema) {
            if (!isObject(schema)) {
                return "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"" + schema.path("type").asText()
                        + "\"'.";
            }
            return walk(schema, "()");
        }

        private static boolean isObject(JsonNode schema) {
            JsonNode type = schema.path("type");
            if (type.isTextual()) {
                return type.asText().equals("object");
            }
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if (t.asText().equals("object")) {
                        return true;
                    }
                }
                return false;
            }
            return schema.has("properties");
        }

        private static String walk(JsonNode schema, String context) {
            if (!schema.isObject()) {
                return null;
            }
            if (isObject(schema) && !schema.has("$ref")) {
                JsonNode extra = schema.path("additionalProperties");
                if (!extra.isBoolean() || extra.asBoolean()) {
                    return "In context=" + context + ", 'additionalProperties' is required to be supplied and to be "
                            + "false.";
                }
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!required.contains(name)) {
                        return "In context=" + context + ", 'required' is required to be supplied and to be an array "
                                + "including every key in properties. Missing '" + name + "'.";
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                String broken = walk(p.getValue(), context.equals("()") ? "('properties', '" + p.getKey() + "')"
                        : context.substring(0, context.length() - 1) + ", 'properties', '" + p.getKey() + "')");
                if (broken != null) {
                    return broken;
                }
            }
            String broken = walk(schema.path("items"), context + " items");
            if (broken != null) {
                return broken;
            }
            for (String union : List.of("anyOf", "oneOf", "allOf")) {
                for (JsonNode branch : schema.path(union)) {
                    broken = walk(branch, context + " " + union);
                    if (broken != null) {
                        return broken;
                    }
                }
            }
            for (String defs : List.of("$defs", "definitions")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path(defs).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> d = it.next();
                    broken = walk(d.getValue(), "('" + defs + "', '" + d.getKey() + "')");
                    if (broken != null) {
                        return broken;
                    }
                }
            }
            return null;
        }
    }
}
