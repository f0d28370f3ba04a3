package kz.clinicai.local.sandbox.uis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plain JSON-RPC against the simulator, checked against {@code uis/data-api-doc.json}: the documented parameters,
 * answer fields (type, filterable, sortable, default) and errors of each method, transcribed from the official
 * pages (comagic/comagic.github.io {@code data_api/}; each method names its page). Every error the simulator gives
 * must be a documented (code, mnemonic, message) triple.
 */
class UisContractTest {

    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Map<String, Object> DAY = Map.of("date_from", "2026-11-22 00:00:00",
            "date_till", "2026-11-22 23:59:59");

    private static JsonNode doc;
    private static UisWire uis;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = UisContractTest.class.getResourceAsStream("/uis/data-api-doc.json")) {
            doc = Json.mapper().readTree(in);
        }
        uis = UisWire.start(Instant.parse("2026-11-23T06:00:00Z"));
    }

    @AfterAll
    static void stop() {
        uis.close();
    }

    @BeforeEach
    void reset() {
        uis.reset(Instant.parse("2026-11-23T06:00:00Z"));
    }

    @Test
    void theTableIsTheDocumentedOne() {
        assertThat(method("get.calls_report").path("doc_page").asText()).isEqualTo("data_api/report/get_calls_report/");
        assertThat(defaults("get.calls_report")).hasSize(23).startsWith("id", "start_time", "finish_time")
                .doesNotContain("employees", "tags");
        assertThat(doc.path("filter_operators")).hasSize(18);
    }

    @Test
    void reportsAnswerTheDocumentedDefaultFieldsWithTheirTypes() throws Exception {
        for (String m : List.of("get.calls_report", "get.call_legs_report")) {
            JsonNode result = uis.result(m, DAY);
            assertThat(result.path("data")).as(m).isNotEmpty();
            for (JsonNode row : result.path("data")) {
                assertThat(names(row)).as(m).containsExactlyElementsOf(defaults(m));
                assertTypes(m, row);
            }
            assertMetadata(result.path("metadata"), result.path("data").size());
        }
        for (String m : List.of("get.account", "get.tags")) {
            JsonNode result = uis.result(m, Map.of());
            for (JsonNode row : result.path("data")) {
                assertThat(names(row)).as(m).containsExactlyElementsOf(defaults(m));
                assertTypes(m, row);
            }
            assertThat(result.path("metadata").path("limits").isObject()).as(m).isTrue();
        }
    }

    @Test
    void everyDocumentedFieldIsAcceptedInFieldsWithItsTypeAndItemKeys() throws Exception {
        for (String m : List.of("get.calls_report", "get.call_legs_report")) {
            List<String> all = new ArrayList<>();
            method(m).path("fields").forEach(f -> all.add(f.path("name").asText()));
            Map<String, Object> params = new LinkedHashMap<>(DAY);
            params.put("fields", all);
            JsonNode data = uis.result(m, params).path("data");
            assertThat(data).isNotEmpty();
            for (JsonNode row : data) {
                assertThat(names(row)).as(m).containsExactlyElementsOf(all);
                assertTypes(m, row);
            }
        }
        // Arrays of objects carry exactly their documented keys.
        long callId = uis.result("get.calls_report", DAY).path("data").get(0).path("id").asLong();
        long tag = uis.result("create.tags", Map.of("name", "Контракт")).path("id").asLong();
        uis.result("set.tag_communications", Map.of("communication_id", callId, "communication_type", "call",
                "tag_id", tag));
        Map<String, Object> p = new LinkedHashMap<>(DAY);
        p.put("fields", List.of("id", "employees", "tags"));
        JsonNode first = uis.result("get.calls_report", p).path("data").get(0);
        for (String array : List.of("employees", "tags")) {
            JsonNode items = field("get.calls_report", array).path("items");
            assertThat(first.path(array)).as(array).isNotEmpty();
            for (JsonNode item : first.path(array)) {
                List<String> expected = new ArrayList<>();
                items.forEach(i -> expected.add(i.path("name").asText()));
                assertThat(names(item)).as(array).containsExactlyElementsOf(expected);
                items.forEach(i -> assertType(array + "." + i.path("name").asText(), i.path("type").asText(),
                        item.path(i.path("name").asText())));
            }
        }
    }

    @Test
    void filtersFollowTheDocumentedFilterableColumn() throws Exception {
        for (String m : List.of("get.calls_report", "get.call_legs_report")) {
            for (JsonNode f : method(m).path("fields")) {
                String name = f.path("name").asText();
                Map<String, Object> params = new LinkedHashMap<>(DAY);
                params.put("filter", Map.of("field", name, "operator", "is_not_null"));
                JsonNode r = uis.rpc(m, params);
                if (f.path("filter").asBoolean()) {
                    assertThat(r.has("result")).as(m + " filter " + name + ": " + r).isTrue();
                } else {
                    assertDocumentedError(r, -32602, "filter_prohibited");
                    assertThat(r.path("error").path("data").path("value").asText()).isEqualTo(name);
                }
            }
        }
        for (String notFilterable : List.of("start_time", "finish_time", "call_records", "wav_call_records",
                "communication_type")) {
            assertThat(field("get.calls_report", notFilterable).path("filter").asBoolean()).isFalse();
        }
        assertThat(field("get.calls_report", "tags").path("filter").asBoolean()).isTrue();
        assertThat(field("get.calls_report", "employees").path("filter").asBoolean()).isTrue();
    }

    @Test
    void everyDocumentedOperatorIsAcceptedAndOperatorIsMandatory() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("=", "in");
        values.put("!=", "out");
        values.put("<", 100);
        values.put(">", 100);
        values.put("<=", 100);
        values.put(">=", 100);
        values.put("like", "7701%");
        values.put("ilike", "7701%");
        values.put("not_like", "7702%");
        values.put("not_ilike", "7702%");
        values.put("regexp", "^77");
        values.put("jsquery", "employee_id = 5001");
        values.put("in", List.of("in", "out"));
        values.put("not_in", List.of("in"));
        values.put("overlap", List.of(5001));
        values.put("not_overlap", List.of(5001));
        values.put("is_null", null);
        values.put("is_not_null", null);
        for (JsonNode op : doc.path("filter_operators")) {
            String o = op.asText();
            String fieldName = switch (o) {
                case "<", ">", "<=", ">=" -> "total_duration";
                case "like", "ilike", "not_like", "not_ilike", "regexp" -> "contact_phone_number";
                case "jsquery", "overlap", "not_overlap" -> "employees";
                default -> "direction";
            };
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("field", fieldName);
            filter.put("operator", o);
            filter.put("value", values.get(o));
            Map<String, Object> params = new LinkedHashMap<>(DAY);
            params.put("filter", filter);
            JsonNode r = uis.rpc("get.calls_report", params);
            assertThat(r.has("result")).as(o + ": " + r).isTrue();
        }
        Map<String, Object> params = new LinkedHashMap<>(DAY);
        params.put("filter", Map.of("field", "direction", "value", "in"));
        JsonNode r = uis.rpc("get.calls_report", params);
        assertDocumentedError(r, -32602, "required_parameter_missed");
        assertThat(r.path("error").path("data").path("field").asText()).isEqualTo("filter.operator");
        params.put("filter", Map.of("field", "no_such_field", "operator", "=", "value", 1));
        assertDocumentedError(uis.rpc("get.calls_report", params), -32602, "unexpected_parameters");
        params.put("filter", Map.of("filters", List.of(Map.of("field", "direction", "operator", "=", "value", "out"),
                Map.of("field", "is_lost", "operator", "=", "value", false)), "condition", "and"));
        JsonNode out = uis.result("get.calls_report", params).path("data");
        assertThat(out).isNotEmpty();
        out.forEach(c -> assertThat(c.path("direction").asText()).isEqualTo("out"));
    }

    @Test
    void sortFollowsTheDocumentedSortableColumn() throws Exception {
        for (String m : List.of("get.calls_report", "get.call_legs_report")) {
            for (JsonNode f : method(m).path("fields")) {
                Map<String, Object> params = new LinkedHashMap<>(DAY);
                params.put("sort", List.of(Map.of("field", f.path("name").asText(), "order", "desc")));
                JsonNode r = uis.rpc(m, params);
                if (f.path("sort").asBoolean()) {
                    assertThat(r.has("result")).as(m + " sort " + f.path("name").asText() + ": " + r).isTrue();
                } else {
                    assertDocumentedError(r, -32602, "sort_prohibited");
                }
            }
        }
        Map<String, Object> params = new LinkedHashMap<>(DAY);
        params.put("fields", List.of("id", "start_time"));
        params.put("sort", List.of(Map.of("field", "start_time", "order", "desc")));
        JsonNode data = uis.result("get.calls_report", params).path("data");
        assertThat(data).hasSize(10);
        for (int i = 1; i < data.size(); i++) {
            assertThat(data.get(i - 1).path("start_time").asText())
                    .isGreaterThan(data.get(i).path("start_time").asText());
        }
    }

    @Test
    void unknownParametersAndMissingRequiredOnesAreRefusedForEveryMethod() throws Exception {
        Map<String, Map<String, Object>> valid = validRequests();
        for (var e : doc.path("methods").properties()) {
            String m = e.getKey();
            Map<String, Object> params = new LinkedHashMap<>(valid.get(m));
            params.put("not_a_documented_param", 1);
            JsonNode r = uis.rpc(m, params);
            assertDocumentedError(r, -32602, "unexpected_parameters");
            assertThat(r.path("error").path("data").path("field").asText()).isEqualTo("not_a_documented_param");
            for (JsonNode p : e.getValue().path("params")) {
                String name = p.path("name").asText();
                if (!p.path("required").asBoolean() || name.equals("access_token")) {
                    continue;
                }
                Map<String, Object> without = new LinkedHashMap<>(valid.get(m));
                without.remove(name);
                JsonNode missing = uis.rpc(m, without);
                assertDocumentedError(missing, -32602, "required_parameter_missed");
                assertThat(missing.path("error").path("data").path("field").asText()).as(m).isEqualTo(name);
            }
            assertThat(uis.rpc(m, valid.get(m)).has("result")).as(m).isTrue();
        }
    }

    @Test
    void writeMethodsAnswerTheirDocumentedResults() throws Exception {
        Map<String, Map<String, Object>> valid = validRequests();
        JsonNode created = uis.result("create.tags", Map.of("name", "Новый тег"));
        assertThat(names(created)).containsExactly("id");
        assertThat(created.path("id").isNumber()).isTrue();
        assertThat(uis.result("set.tag_communications", valid.get("set.tag_communications")).isEmpty()).isTrue();
        assertThat(uis.result("create.communication_comment", valid.get("create.communication_comment"))
                .path("success").asText()).isEqualTo("true");
        JsonNode dup = uis.rpc("set.tag_communications", valid.get("set.tag_communications"));
        assertDocumentedError(dup, -32602, "duplicate_entity");
        Map<String, Object> unknown = new LinkedHashMap<>(valid.get("create.communication_comment"));
        unknown.put("communication_id", 1);
        assertDocumentedError(uis.rpc("create.communication_comment", unknown), -32602, "entity_not_found");
    }

    @Test
    void pagingAndWindowLimitsAreTheDocumentedOnes() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(DAY);
        p.put("limit", 10_001);
        assertDocumentedError(uis.rpc("get.calls_report", p), -32602, "invalid_parameter_value");
        p.put("limit", 10_000);
        p.put("offset", 100_001);
        assertDocumentedError(uis.rpc("get.calls_report", p), -32602, "invalid_parameter_value");
        p.put("offset", 100_000);
        assertThat(uis.rpc("get.calls_report", p).has("result")).isTrue();
        JsonNode window = uis.rpc("get.calls_report", Map.of("date_from", "2026-01-01 00:00:00",
                "date_till", "2026-04-01 00:00:01"));
        assertDocumentedError(window, -32602, "date_interval_limit_reached");
        assertThat(uis.rpc("get.calls_report", Map.of("date_from", "2026-01-01 00:00:00",
                "date_till", "2026-04-01 00:00:00")).has("result")).isTrue();
        assertDocumentedError(uis.rpc("get.calls_report", Map.of("date_from", "2026-11-22",
                "date_till", "2026-11-22 23:59:59")), -32602, "invalid_parameter_value");
        Map<String, Object> page = new LinkedHashMap<>(DAY);
        page.put("limit", 3);
        page.put("offset", 8);
        JsonNode r = uis.result("get.calls_report", page);
        assertThat(r.path("data")).hasSize(2);
        assertThat(r.path("metadata").path("total_items").asInt()).isEqualTo(10);
        Map<String, Object> fields = new LinkedHashMap<>(DAY);
        fields.put("fields", List.of("id", "recording_url"));
        assertDocumentedError(uis.rpc("get.calls_report", fields), -32602, "unexpected_parameters");
    }

    @Test
    void theEnvelopeIsCheckedAsDocumented() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(DAY);
        p.put("access_token", "sandbox-uis-token");
        JsonNode batch = uis.raw(List.of(Map.of("jsonrpc", "2.0", "id", 1, "method", "get.account",
                "params", Map.of("access_token", "sandbox-uis-token"))));
        assertDocumentedError(batch, -32099, "batch_opreations_not_supported");
        assertDocumentedError(uis.raw(Map.of("jsonrpc", "2.0", "method", "get.calls_report", "params", p)),
                -32099, "notifications_not_supported");
        assertDocumentedError(uis.raw(Map.of("jsonrpc", "1.0", "id", 1, "method", "get.calls_report", "params", p)),
                -32600, "invalid_request");
        assertDocumentedError(uis.raw(Map.of("jsonrpc", "2.0", "id", 1, "method", "get.recordings", "params", p)),
                -32601, "method_not_found");
        assertDocumentedError(uis.rawText("{\"jsonrpc\":"), -32700, "parse_error");
        assertDocumentedError(uis.rpc("get.account", Map.of("access_token", "wrong")), -32001, "access_token_invalid");
        JsonNode answer = uis.raw(Map.of("jsonrpc", "2.0", "id", "req-7", "method", "get.account",
                "params", Map.of("access_token", "sandbox-uis-token")));
        assertThat(answer.path("id").asText()).isEqualTo("req-7");
        assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
    }

    @Test
    void injectableFaultsAreDocumentedErrors() throws Exception {
        for (String mnemonic : List.of("ip_not_whitelisted", "limit_exceeded", "access_token_expired",
                "access_token_blocked", "internal_error", "forbidden", "account_inactive")) {
            uis.control("faults", Map.of("next", List.of(mnemonic)));
            JsonNode r = uis.rpc("get.calls_report", DAY);
            assertThat(r.path("error").path("data").path("mnemonic").asText()).isEqualTo(mnemonic);
            assertDocumentedError(r, r.path("error").path("code").asInt(), mnemonic);
        }
    }

    // ---- helpers ----

    private static Map<String, Map<String, Object>> validRequests() throws Exception {
        long callId = uis.result("get.calls_report", DAY).path("data").get(0).path("id").asLong();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put("get.calls_report", DAY);
        out.put("get.call_legs_report", DAY);
        out.put("get.account", Map.of());
        out.put("get.tags", Map.of());
        out.put("create.tags", Map.of("name", "Тег " + System.nanoTime()));
        out.put("set.tag_communications", Map.of("communication_id", callId, "communication_type", "call",
                "tag_id", 1));
        out.put("create.communication_comment", Map.of("communication_id", callId, "communication_type", "call",
                "comment", "Проверка"));
        return out;
    }

    private static void assertDocumentedError(JsonNode response, int code, String mnemonic) {
        JsonNode e = response.path("error");
        assertThat(response.has("result")).as(response.toString()).isFalse();
        assertThat(e.path("code").asInt()).as(response.toString()).isEqualTo(code);
        assertThat(e.path("data").path("mnemonic").asText()).as(response.toString()).isEqualTo(mnemonic);
        boolean documented = false;
        for (JsonNode d : doc.path("errors")) {
            if (d.path("code").asInt() == code && d.path("mnemonic").asText().equals(mnemonic)
                    && messageMatches(d.path("message").asText(), e.path("message").asText())) {
                documented = true;
            }
        }
        assertThat(documented).as("documented (code, mnemonic, message): " + e).isTrue();
    }

    /** Documented messages hold {placeholders}. */
    private static boolean messageMatches(String template, String actual) {
        String re = Pattern.quote(template).replaceAll("\\{[a-z_]+\\}", "\\\\E.+\\\\Q");
        return Pattern.compile(re).matcher(actual).matches();
    }

    private static void assertMetadata(JsonNode metadata, int rows) {
        assertThat(metadata.path("total_items").isIntegralNumber()).isTrue();
        assertThat(metadata.path("total_items").asInt()).isGreaterThanOrEqualTo(rows);
        assertThat(names(metadata.path("limits"))).containsExactly("day_limit", "day_remaining", "day_reset",
                "minute_limit", "minute_remaining", "minute_reset");
        metadata.path("limits").forEach(v -> assertThat(v.isIntegralNumber()).isTrue());
    }

    private static void assertTypes(String m, JsonNode row) {
        for (String name : names(row)) {
            assertType(m + "." + name, field(m, name).path("type").asText(), row.path(name));
        }
    }

    private static void assertType(String what, String type, JsonNode v) {
        if (type.equals("array")) {
            assertThat(v.isArray()).as(what + " is an array (empty: [])").isTrue();
            return;
        }
        if (v.isNull()) {
            return;
        }
        boolean ok = switch (type) {
            case "number", "id" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "iso8601" -> v.isTextual() && ISO.matcher(v.asText()).matches();
            case "string", "enum" -> v.isTextual();
            case "object" -> v.isObject();
            default -> true;
        };
        assertThat(ok).as(what + " is " + type + " but was " + v).isTrue();
    }

    private static JsonNode method(String name) {
        return doc.path("methods").path(name);
    }

    private static JsonNode field(String m, String name) {
        for (JsonNode f : method(m).path("fields")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(m + " documents no field " + name);
    }

    private static List<String> defaults(String m) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : method(m).path("fields")) {
            // Pages without a "default" column answer every field.
            if (!f.has("default") || f.path("default").asBoolean()) {
                out.add(f.path("name").asText());
            }
        }
        return out;
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        Set<String> unique = new HashSet<>(out);
        assertThat(unique).hasSameSizeAs(out);
        return out;
    }
}
