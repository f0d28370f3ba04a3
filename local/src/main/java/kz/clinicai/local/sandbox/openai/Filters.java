package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Attribute filters of vector store search and the file_search tool: a comparison {@code {type, key, value}}
 * ({@code eq ne gt gte lt lte in nin}) or a compound {@code {type: and|or, filters: [...]}}. A file without the key
 * never matches a comparison.
 */
final class Filters {

    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "nin");

    private Filters() {
    }

    static void validate(JsonNode filter, String param) {
        String type = filter.path("type").asText("");
        if (type.equals("and") || type.equals("or")) {
            if (!filter.path("filters").isArray()) {
                throw OpenAiError.missing(param + ".filters");
            }
            for (int i = 0; i < filter.get("filters").size(); i++) {
                validate(filter.get("filters").get(i), param + ".filters[" + i + "]");
            }
            return;
        }
        if (!COMPARISONS.contains(type)) {
            throw OpenAiError.invalid("Invalid value: '" + type + "'. Supported values are: 'eq', 'ne', 'gt', 'gte', "
                    + "'lt', 'lte', 'in', 'nin', 'and', 'or'.", param + ".type", "invalid_value");
        }
        if (!filter.path("key").isTextual()) {
            throw OpenAiError.missing(param + ".key");
        }
        if (!filter.has("value")) {
            throw OpenAiError.missing(param + ".value");
        }
    }

    static boolean matches(JsonNode filter, JsonNode attributes) {
        String type = filter.path("type").asText();
        if (type.equals("and")) {
            for (JsonNode f : filter.path("filters")) {
                if (!matches(f, attributes)) {
                    return false;
                }
            }
            return true;
        }
        if (type.equals("or")) {
            for (JsonNode f : filter.path("filters")) {
                if (matches(f, attributes)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode actual = attributes.get(filter.path("key").asText());
        if (actual == null) {
            return false;
        }
        JsonNode wanted = filter.path("value");
        return switch (type) {
            case "eq" -> same(actual, wanted);
            case "ne" -> !same(actual, wanted);
            case "gt" -> compare(actual, wanted) > 0;
            case "gte" -> compare(actual, wanted) >= 0;
            case "lt" -> compare(actual, wanted) < 0;
            case "lte" -> compare(actual, wanted) <= 0;
            case "in" -> contains(wanted, actual);
            case "nin" -> !contains(wanted, actual);
            default -> false;
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b);
    }

    private static int compare(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? Double.compare(a.asDouble(), b.asDouble()) : a.asText().compareTo(b.asText());
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode v : list) {
            if (same(v, value)) {
                return true;
            }
        }
        return false;
    }
}
