package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "get" verb's common parameters, checked as the documentation describes them: {@code limit} (default 1000,
 * at most 10 000), {@code offset} (at most 100 000), {@code fields} (documented fields only; without it the
 * method's default set), {@code sort} ({@code [{field, order}]}, sortable fields only) and {@code filter}.
 */
final class UisQuery {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    static final int MAX_OFFSET = 100_000;

    private record Order(String field, boolean desc) {
    }

    private final UisCatalog.Method method;
    private final int limit;
    private final int offset;
    private final List<String> fields;
    private final List<Order> sort;
    private final JsonNode filter;

    private UisQuery(UisCatalog.Method method, int limit, int offset, List<String> fields, List<Order> sort,
            JsonNode filter) {
        this.method = method;
        this.limit = limit;
        this.offset = offset;
        this.fields = fields;
        this.sort = sort;
        this.filter = filter;
    }

    static UisQuery parse(UisCatalog.Method method, JsonNode params) {
        int limit = number(params, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
        int offset = number(params, "offset", 0, 0, MAX_OFFSET);
        List<String> fields = fields(method, params.path("fields"));
        List<Order> sort = sort(method, params.path("sort"));
        UisFilter.validate(params.path("filter"), method);
        return new UisQuery(method, limit, offset, fields, sort, params.path("filter"));
    }

    /** Filters, sorts and pages full rows; answers {data, total_items}. */
    Map<String, Object> run(List<Map<String, Object>> rows) {
        List<Map<String, Object>> matching = new ArrayList<>(rows.stream()
                .filter(r -> UisFilter.matches(filter, r)).toList());
        if (!sort.isEmpty()) {
            Comparator<Map<String, Object>> cmp = null;
            for (Order o : sort) {
                Comparator<Map<String, Object>> c = Comparator.comparing(r -> (Comparable) key(r.get(o.field())),
                        Comparator.nullsFirst(Comparator.naturalOrder()));
                c = o.desc() ? c.reversed() : c;
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
            matching.sort(cmp);
        }
        List<Map<String, Object>> data = new ArrayList<>();
        matching.stream().skip(offset).limit(limit).forEach(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            fields.forEach(f -> out.put(f, r.get(f)));
            data.add(out);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", data);
        result.put("total_items", matching.size());
        return result;
    }

    /** Completes a row with every documented field the simulator does not model: null, or [] for arrays. */
    static Map<String, Object> complete(UisCatalog.Method method, Map<String, Object> modelled) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (UisCatalog.Field f : method.fields().values()) {
            row.put(f.name(), modelled.containsKey(f.name()) ? modelled.get(f.name()) : f.array() ? List.of() : null);
        }
        return row;
    }

    private static Object key(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean || v == null) {
            return v;
        }
        return String.valueOf(v);
    }

    private static int number(JsonNode params, String name, int fallback, int min, int max) {
        JsonNode v = params.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw UisRpcError.wrongType(name, v.asText());
        }
        if (v.asLong() < min || v.asLong() > max) {
            throw UisRpcError.invalid(name, v.asText());
        }
        return v.asInt();
    }

    private static List<String> fields(UisCatalog.Method method, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return method.defaultFields();
        }
        if (!node.isArray()) {
            throw UisRpcError.wrongType("fields", node.toString());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode f : node) {
            if (!f.isTextual() || method.field(f.asText()).isEmpty()) {
                throw UisRpcError.unexpected("fields", f.asText());
            }
            out.add(f.asText());
        }
        return out;
    }

    private static List<Order> sort(UisCatalog.Method method, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw UisRpcError.wrongType("sort", node.toString());
        }
        List<Order> out = new ArrayList<>();
        for (JsonNode s : node) {
            for (var it = s.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("field") && !k.equals("order")) {
                    throw UisRpcError.unexpected("sort." + k, null);
                }
            }
            if (!s.path("field").isTextual()) {
                throw UisRpcError.missing("sort.field");
            }
            String field = s.get("field").asText();
            UisCatalog.Field f = method.field(field).orElseThrow(() -> UisRpcError.unexpected("sort.field", field));
            if (!f.sort()) {
                throw new UisRpcError(-32602, "sort_prohibited", "Sort by parameter is prohibited", "sort.field",
                        field, null);
            }
            String order = s.path("order").asText("asc");
            if (!order.equals("asc") && !order.equals("desc")) {
                throw UisRpcError.invalid("sort.order", order);
            }
            out.add(new Order(field, order.equals("desc")));
        }
        return out;
    }
}
