package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * UIS report filters: a leaf {@code {"field","operator","value"}} (operators =, !=, >, >=, <, <=, in) or a group
 * {@code {"filters":[…],"condition":"and"|"or"}}. An absent filter matches everything.
 */
final class UisFilter {

    private UisFilter() {
    }

    static boolean matches(JsonNode filter, Map<String, Object> row) {
        if (filter == null || filter.isMissingNode() || filter.isNull() || filter.isEmpty()) {
            return true;
        }
        if (filter.has("filters")) {
            boolean or = "or".equalsIgnoreCase(filter.path("condition").asText("and"));
            for (JsonNode f : filter.get("filters")) {
                boolean m = matches(f, row);
                if (or && m) {
                    return true;
                }
                if (!or && !m) {
                    return false;
                }
            }
            return !or;
        }
        String field = filter.path("field").asText();
        if (!row.containsKey(field)) {
            throw new UisJsonRpc.RpcError(-32602, "invalid_parameter_value", "Unknown filter field " + field);
        }
        Object actual = row.get(field);
        JsonNode value = filter.path("value");
        String op = filter.path("operator").asText("=");
        return switch (op) {
            case "=" -> same(actual, value);
            case "!=" -> !same(actual, value);
            case "in" -> {
                for (JsonNode v : value) {
                    if (same(actual, v)) {
                        yield true;
                    }
                }
                yield false;
            }
            case ">", ">=", "<", "<=" -> {
                int c = compare(actual, value);
                yield switch (op) {
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    default -> c <= 0;
                };
            }
            default -> throw new UisJsonRpc.RpcError(-32602, "invalid_parameter_value", "Unknown operator " + op);
        };
    }

    private static boolean same(Object actual, JsonNode value) {
        if (actual instanceof Boolean b) {
            return value.isBoolean() ? b == value.asBoolean() : Objects.equals(b.toString(), value.asText());
        }
        return Objects.equals(String.valueOf(actual), value.asText());
    }

    private static int compare(Object actual, JsonNode value) {
        if (actual instanceof Number n) {
            return Double.compare(n.doubleValue(), value.asDouble());
        }
        return String.valueOf(actual).compareTo(value.asText());
    }
}
