package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * UIS filters: a simple filter {@code {"field","operator","value"}} ({@code field} and {@code operator} mandatory,
 * {@code value} may be absent = null) or a tree {@code {"filters":[…],"condition":"and"|"or"}} nested to any depth.
 * The documented operators: {@code = != < > <= >= like ilike not_like not_ilike regexp jsquery in not_in overlap
 * not_overlap is_null is_not_null}. Only fields the method documents as filterable may be used
 * ({@code filter_prohibited} otherwise; an undocumented field is {@code unexpected_parameters}).
 *
 * <p>Arrays of objects ({@code tags}, {@code employees}) match when any element does: {@code overlap} compares
 * the value(s) with every element's ids and names, {@code is_null} means an empty list, and {@code jsquery} takes
 * the simple form {@code key = value} / {@code #.key = value} (anything richer is refused as an invalid value).
 */
final class UisFilter {

    static final Set<String> OPERATORS = Set.of("=", "!=", "<", ">", "<=", ">=", "like", "ilike", "not_like",
            "not_ilike", "regexp", "jsquery", "in", "not_in", "overlap", "not_overlap", "is_null", "is_not_null");
    private static final Pattern JSQUERY = Pattern.compile("\\s*(?:#\\.)?([a-z_]+)\\s*=\\s*\"?([^\"]*?)\"?\\s*");

    private UisFilter() {
    }

    /** Checks a whole filter tree before anything is read, as the real API refuses a bad filter outright. */
    static void validate(JsonNode filter, UisCatalog.Method method) {
        if (filter == null || filter.isMissingNode() || filter.isNull()) {
            return;
        }
        if (!filter.isObject()) {
            throw UisRpcError.wrongType("filter", filter.toString());
        }
        if (filter.isEmpty()) {
            return;
        }
        if (filter.has("filters")) {
            for (var it = filter.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("filters") && !k.equals("condition")) {
                    throw UisRpcError.unexpected("filter." + k, null);
                }
            }
            if (!filter.get("filters").isArray()) {
                throw UisRpcError.wrongType("filter.filters", filter.get("filters").toString());
            }
            String condition = filter.path("condition").asText("and");
            if (!condition.equals("and") && !condition.equals("or")) {
                throw UisRpcError.invalid("filter.condition", condition);
            }
            filter.get("filters").forEach(f -> validate(f, method));
            return;
        }
        for (var it = filter.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("field") && !k.equals("operator") && !k.equals("value")) {
                throw UisRpcError.unexpected("filter." + k, null);
            }
        }
        if (!filter.path("field").isTextual()) {
            throw UisRpcError.missing("filter.field");
        }
        if (!filter.path("operator").isTextual()) {
            throw UisRpcError.missing("filter.operator");
        }
        String field = filter.get("field").asText();
        UisCatalog.Field f = method.field(field).orElseThrow(() -> UisRpcError.unexpected("filter.field", field));
        if (!f.filter()) {
            throw new UisRpcError(-32602, "filter_prohibited", "Filter by parameter is prohibited", "filter.field",
                    field, null);
        }
        String op = filter.get("operator").asText();
        if (!OPERATORS.contains(op)) {
            throw UisRpcError.invalid("filter.operator", op);
        }
        JsonNode value = filter.path("value");
        switch (op) {
            case "in", "not_in" -> {
                if (!value.isArray()) {
                    throw UisRpcError.invalid("filter.value", value.toString());
                }
            }
            case "<", ">", "<=", ">=" -> {
                if (!f.type().equals("number") && !f.type().equals("iso8601")) {
                    throw UisRpcError.invalid("filter.operator", op);
                }
            }
            case "like", "ilike", "not_like", "not_ilike", "regexp" -> {
                if (!value.isTextual()) {
                    throw UisRpcError.invalid("filter.value", value.toString());
                }
                if (op.equals("regexp")) {
                    try {
                        Pattern.compile(value.asText());
                    } catch (PatternSyntaxException e) {
                        throw UisRpcError.invalid("filter.value", value.asText());
                    }
                }
            }
            case "jsquery" -> {
                if (!value.isTextual() || !JSQUERY.matcher(value.asText()).matches()) {
                    throw UisRpcError.invalid("filter.value", value.toString());
                }
            }
            default -> {
            }
        }
    }

    static boolean matches(JsonNode filter, Map<String, Object> row) {
        if (filter == null || filter.isMissingNode() || filter.isNull() || filter.isEmpty()) {
            return true;
        }
        if (filter.has("filters")) {
            boolean or = filter.path("condition").asText("and").equals("or");
            for (JsonNode f : filter.get("filters")) {
                boolean m = matches(f, row);
                if (or && m) {
                    return true;
                }
                if (!or && !m) {
                    return false;
                }
            }
            return !or || filter.get("filters").isEmpty();
        }
        Object actual = row.get(filter.get("field").asText());
        String op = filter.get("operator").asText();
        JsonNode value = filter.path("value");
        if (actual instanceof Collection<?> list) {
            return matchesList(list, op, value);
        }
        return switch (op) {
            case "=" -> value.isNull() || value.isMissingNode() ? actual == null : same(actual, value);
            case "!=" -> value.isNull() || value.isMissingNode() ? actual != null : !same(actual, value);
            case "is_null" -> actual == null;
            case "is_not_null" -> actual != null;
            case "in", "overlap" -> anySame(actual, value);
            case "not_in", "not_overlap" -> !anySame(actual, value);
            case "<", ">", "<=", ">=" -> {
                if (actual == null) {
                    yield false;
                }
                int c = compare(actual, value);
                yield switch (op) {
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    default -> c <= 0;
                };
            }
            case "like" -> actual != null && like(value.asText(), false).matcher(String.valueOf(actual)).matches();
            case "ilike" -> actual != null && like(value.asText(), true).matcher(String.valueOf(actual)).matches();
            case "not_like" -> actual == null || !like(value.asText(), false).matcher(String.valueOf(actual)).matches();
            case "not_ilike" -> actual == null || !like(value.asText(), true).matcher(String.valueOf(actual)).matches();
            case "regexp" -> actual != null && Pattern.compile(value.asText()).matcher(String.valueOf(actual)).find();
            default -> false;
        };
    }

    private static boolean matchesList(Collection<?> list, String op, JsonNode value) {
        return switch (op) {
            case "is_null" -> list.isEmpty();
            case "is_not_null" -> !list.isEmpty();
            case "jsquery" -> {
                Matcher m = JSQUERY.matcher(value.asText());
                if (!m.matches()) {
                    yield false;
                }
                yield list.stream().anyMatch(e -> e instanceof Map<?, ?> map
                        && Objects.equals(String.valueOf(map.get(m.group(1))), m.group(2)));
            }
            case "not_overlap", "not_in", "!=" -> list.stream().noneMatch(e -> elementMatches(e, value));
            default -> list.stream().anyMatch(e -> elementMatches(e, value));
        };
    }

    private static boolean elementMatches(Object element, JsonNode value) {
        List<String> wanted = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> wanted.add(v.asText()));
        } else {
            wanted.add(value.asText());
        }
        Collection<?> candidates = element instanceof Map<?, ?> map ? map.values() : List.of(element);
        return candidates.stream().anyMatch(c -> c != null && wanted.contains(String.valueOf(c)));
    }

    private static boolean anySame(Object actual, JsonNode values) {
        if (!values.isArray()) {
            return same(actual, values);
        }
        for (JsonNode v : values) {
            if (same(actual, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(Object actual, JsonNode value) {
        if (actual == null) {
            return value.isNull();
        }
        if (actual instanceof Boolean b) {
            return value.isBoolean() ? b == value.asBoolean() : b.toString().equals(value.asText());
        }
        if (actual instanceof Number n && value.isNumber()) {
            return Double.compare(n.doubleValue(), value.asDouble()) == 0;
        }
        return String.valueOf(actual).equals(value.asText());
    }

    private static int compare(Object actual, JsonNode value) {
        if (actual instanceof Number n) {
            return Double.compare(n.doubleValue(), value.asDouble());
        }
        return String.valueOf(actual).compareTo(value.asText());
    }

    /** SQL LIKE: % is any run of characters, _ any one; everything else literal. */
    private static Pattern like(String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            re.append(switch (ch) {
                case '%' -> ".*";
                case '_' -> ".";
                default -> Pattern.quote(String.valueOf(ch));
            });
        }
        return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }
}
