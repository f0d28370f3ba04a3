package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;

/**
 * A deterministic JSON document that validates against a structured-output JSON schema: every declared property
 * of an object (strict schemas require them all), the first enum value or const, strings derived from the
 * user's text (formats date/date-time/time/email/uuid honoured, length bounds kept), numbers at their minimum or 0,
 * booleans false, arrays with max(1, minItems) elements, the first non-null branch of anyOf/oneOf, local
 * {@code $ref}s into {@code $defs}/{@code definitions}.
 */
final class SchemaExample {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 32;

    private final JsonNode root;
    private final String text;
    private final LocalDate today;

    private SchemaExample(JsonNode root, String text, LocalDate today) {
        this.root = root;
        this.text = text.isBlank() ? "sandbox" : text.strip();
        this.today = today;
    }

    static JsonNode generate(JsonNode schema, String userText, LocalDate today) {
        return new SchemaExample(schema, userText, today).value(schema, "value", 0);
    }

    /**
     * {@code given} (a rule's argument template) made to validate against {@code schema}: values that fit their
     * property are kept, missing or ill-typed ones are generated, properties the schema does not declare are dropped.
     * So a strict tool always gets arguments its schema accepts, as the real API guarantees.
     */
    static JsonNode conform(JsonNode schema, JsonNode given, String userText, LocalDate today) {
        return new SchemaExample(schema, userText, today).conformed(schema, given, "value", 0);
    }

    private JsonNode conformed(JsonNode schema, JsonNode given, String name, int depth) {
        if (depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        if (schema.has("$ref")) {
            return conformed(resolve(schema.get("$ref").asText()), given, name, depth + 1);
        }
        if (given == null || given.isMissingNode() || !fits(schema, given, depth)) {
            return value(schema, name, depth);
        }
        if (given.isObject() && schema.has("properties")) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                out.set(p.getKey(), conformed(p.getValue(), given.get(p.getKey()), p.getKey(), depth + 1));
            }
            return out;
        }
        if (given.isArray() && schema.path("items").isObject()) {
            ArrayNode out = NODES.arrayNode();
            given.forEach(v -> out.add(conformed(schema.get("items"), v, name, depth + 1)));
            return out;
        }
        return given.deepCopy();
    }

    private boolean fits(JsonNode schema, JsonNode given, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (schema.has("$ref")) {
            return fits(resolve(schema.get("$ref").asText()), given, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const").equals(given);
        }
        if (schema.path("enum").isArray()) {
            for (JsonNode e : schema.get("enum")) {
                if (e.equals(given) || (e.isNumber() && given.isNumber() && e.asDouble() == given.asDouble())) {
                    return true;
                }
            }
            return false;
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            if (schema.path(union).isArray()) {
                for (JsonNode branch : schema.get(union)) {
                    if (fits(branch, given, depth + 1)) {
                        return true;
                    }
                }
                return false;
            }
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (fitsType(t.asText(), given)) {
                    return true;
                }
            }
            return false;
        }
        return !type.isTextual() || fitsType(type.asText(), given);
    }

    private static boolean fitsType(String type, JsonNode given) {
        return switch (type) {
            case "string" -> given.isTextual();
            case "integer" -> given.isIntegralNumber() || (given.isNumber() && given.asDouble() == Math.rint(given.asDouble()));
            case "number" -> given.isNumber();
            case "boolean" -> given.isBoolean();
            case "null" -> given.isNull();
            case "object" -> given.isObject();
            case "array" -> given.isArray();
            default -> false;
        };
    }

    private JsonNode value(JsonNode schema, String name, int depth) {
        if (depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        if (schema.has("$ref")) {
            return value(resolve(schema.get("$ref").asText()), name, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0).deepCopy();
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            if (schema.path(union).isArray()) {
                JsonNode chosen = null;
                for (JsonNode branch : schema.get(union)) {
                    if (!branch.path("type").asText().equals("null")) {
                        chosen = branch;
                        break;
                    }
                }
                return chosen == null ? NODES.nullNode() : value(chosen, name, depth + 1);
            }
        }
        if (schema.path("allOf").isArray() && !schema.get("allOf").isEmpty()) {
            return value(schema.get("allOf").get(0), name, depth + 1);
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "string" -> string(schema, name);
            case "integer" -> NODES.numberNode(integer(schema));
            case "number" -> NODES.numberNode(number(schema));
            case "boolean" -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw OpenAiError.invalid("Invalid schema: only local $ref are supported, got '" + ref + "'.",
                    "text.format.schema", "invalid_json_schema");
        }
        JsonNode target = ref.equals("#") ? root : root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw OpenAiError.invalid("Invalid schema: $ref '" + ref + "' points nowhere.", "text.format.schema",
                    "invalid_json_schema");
        }
        return target;
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            out.set(p.getKey(), value(p.getValue(), p.getKey(), depth + 1));
        }
        return out;
    }

    private ArrayNode array(JsonNode schema, String name, int depth) {
        ArrayNode out = NODES.arrayNode();
        int count = Math.max(1, schema.path("minItems").asInt(1));
        if (schema.has("maxItems")) {
            count = Math.min(count, schema.get("maxItems").asInt());
        }
        JsonNode items = schema.path("items");
        for (int i = 0; i < count; i++) {
            out.add(items.isObject() ? value(items, name, depth + 1) : NODES.textNode(text));
        }
        return out;
    }

    private JsonNode string(JsonNode schema, String name) {
        String s = switch (schema.path("format").asText("")) {
            case "date" -> today.toString();
            case "date-time" -> today + "T00:00:00Z";
            case "time" -> "00:00:00";
            case "email" -> "sandbox@example.com";
            case "uuid" -> "00000000-0000-0000-0000-000000000000";
            case "uri" -> "https://example.com/" + name;
            default -> text;
        };
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        int min = schema.path("minLength").asInt(0);
        if (s.length() > Math.min(max, 80)) {
            s = s.substring(0, Math.min(max, 80));
        }
        StringBuilder padded = new StringBuilder(s);
        while (padded.length() < min) {
            padded.append('x');
        }
        return NODES.textNode(padded.toString());
    }

    private static long integer(JsonNode schema) {
        if (schema.has("minimum")) {
            return (long) Math.ceil(schema.get("minimum").asDouble());
        }
        if (schema.has("exclusiveMinimum")) {
            return (long) Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1;
        }
        if (schema.has("maximum") && schema.get("maximum").asDouble() < 0) {
            return (long) Math.floor(schema.get("maximum").asDouble());
        }
        return 0;
    }

    private static double number(JsonNode schema) {
        if (schema.has("minimum")) {
            return schema.get("minimum").asDouble();
        }
        if (schema.has("exclusiveMinimum")) {
            return schema.get("exclusiveMinimum").asDouble() + 1;
        }
        if (schema.has("maximum") && schema.get("maximum").asDouble() < 0) {
            return schema.get("maximum").asDouble();
        }
        return 0;
    }
}
