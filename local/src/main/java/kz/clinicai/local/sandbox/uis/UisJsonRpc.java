package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UIS Data API v2.0 as JSON-RPC 2.0: {@code get.calls_report} over {@link UisCalls}. Every answer is HTTP 200;
 * failures are {@code error{code,message,data{mnemonic}}}: -32700 parse, -32600 not JSON-RPC, -32601 unknown
 * method, -32001 bad token, -32602 bad parameters, -32029 limits exhausted.
 */
final class UisJsonRpc {

    static final String TOKEN = "sandbox-uis-token";
    static final int MAX_LIMIT = 10_000;
    static final int MAX_OFFSET = 100_000;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static final List<String> FIELDS = List.of("id", "start_time", "finish_time", "direction", "is_lost",
            "contact_phone_number", "virtual_phone_number", "talk_duration", "total_duration", "communication_id",
            "call_records", "wav_call_records", "employees");

    /** A JSON-RPC failure with UIS's mnemonic. */
    static final class RpcError extends RuntimeException {
        final int code;
        final String mnemonic;

        RpcError(int code, String mnemonic, String message) {
            super(message);
            this.code = code;
            this.mnemonic = mnemonic;
        }
    }

    private final UisCalls calls;
    private final UisLimits limits;

    UisJsonRpc(UisCalls calls, UisLimits limits) {
        this.calls = calls;
        this.limits = limits;
    }

    /** The response object for one request body (never throws for the caller's mistakes). */
    Map<String, Object> answer(JsonNode request) {
        JsonNode id = request == null ? NullNode.getInstance() : request.path("id");
        try {
            if (request == null || !request.isObject() || !"2.0".equals(request.path("jsonrpc").asText())
                    || !request.path("method").isTextual()) {
                throw new RpcError(-32600, "invalid_request", "Not a JSON-RPC 2.0 request");
            }
            String method = request.get("method").asText();
            if (!method.equals("get.calls_report")) {
                throw new RpcError(-32601, "method_not_found", "Method " + method + " not found");
            }
            JsonNode params = request.path("params");
            if (!TOKEN.equals(params.path("access_token").asText(null))) {
                throw new RpcError(-32001, "invalid_access_token", "Invalid access token");
            }
            Map<String, Object> result = callsReport(params);
            if (!limits.spend()) {
                throw new RpcError(-32029, "limit_exceeded", "Request limit exceeded");
            }
            result.put("metadata", Map.of("limits", limitsJson()));
            return envelope(id, "result", result);
        } catch (RpcError e) {
            return error(id, e);
        }
    }

    static Map<String, Object> error(JsonNode id, RpcError e) {
        return envelope(id, "error", Map.of("code", e.code, "message", e.getMessage(),
                "data", Map.of("mnemonic", e.mnemonic)));
    }

    private static Map<String, Object> envelope(JsonNode id, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id.isMissingNode() ? NullNode.getInstance() : id);
        out.put(key, value);
        return out;
    }

    private Map<String, Object> callsReport(JsonNode params) {
        LocalDateTime from = time(params, "date_from");
        LocalDateTime till = time(params, "date_till");
        if (till.isBefore(from)) {
            throw invalid("date_till must not be before date_from");
        }
        if (till.isAfter(from.plusMonths(3))) {
            throw invalid("The period between date_from and date_till must not exceed 3 months");
        }
        int limit = bounded(params, "limit", 1000, 1, MAX_LIMIT);
        int offset = bounded(params, "offset", 0, 0, MAX_OFFSET);
        List<String> fields = fields(params.path("fields"));
        List<Map<String, Object>> data = new ArrayList<>();
        List<UisCall> matching = calls.between(from, till).stream()
                .filter(c -> UisFilter.matches(params.path("filter"), row(c, FIELDS))).toList();
        matching.stream().skip(offset).limit(limit).forEach(c -> data.add(row(c, fields)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", data);
        return result;
    }

    private Map<String, Object> limitsJson() {
        UisLimits.Snapshot s = limits.snapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day_limit", s.dayLimit());
        m.put("day_remaining", s.dayRemaining());
        m.put("day_reset", s.dayReset());
        m.put("minute_limit", s.minuteLimit());
        m.put("minute_remaining", s.minuteRemaining());
        m.put("minute_reset", s.minuteReset());
        return m;
    }

    static Map<String, Object> row(UisCall c, List<String> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : fields) {
            m.put(f, switch (f) {
                case "id" -> c.id();
                case "start_time" -> TIME.format(c.start());
                case "finish_time" -> TIME.format(c.finish());
                case "direction" -> c.direction();
                case "is_lost" -> c.lost();
                case "contact_phone_number" -> c.contactPhone();
                case "virtual_phone_number" -> c.virtualPhone();
                case "talk_duration" -> c.talkSeconds();
                case "total_duration" -> c.totalSeconds();
                case "communication_id" -> c.communicationId();
                case "call_records", "wav_call_records" -> c.hasRecording() ? List.of(c.recordHash()) : List.of();
                case "employees" -> c.lost() ? List.of()
                        : List.of(Map.of("employee_id", c.employeeId(), "employee_full_name", c.employeeName()));
                default -> throw new IllegalArgumentException(f);
            });
        }
        return m;
    }

    private static List<String> fields(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return FIELDS;
        }
        if (!node.isArray()) {
            throw invalid("fields must be an array");
        }
        Set<String> known = Set.copyOf(FIELDS);
        List<String> out = new ArrayList<>();
        for (JsonNode f : node) {
            if (!known.contains(f.asText())) {
                throw invalid("Unknown field " + f.asText());
            }
            out.add(f.asText());
        }
        return out;
    }

    private static LocalDateTime time(JsonNode params, String name) {
        JsonNode v = params.path(name);
        if (!v.isTextual()) {
            throw new RpcError(-32602, "required_parameter_missed", "Required parameter " + name + " is missing");
        }
        try {
            return LocalDateTime.parse(v.asText(), TIME);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be YYYY-MM-DD hh:mm:ss");
        }
    }

    private static int bounded(JsonNode params, String name, int fallback, int min, int max) {
        JsonNode v = params.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw invalid(name + " must be between " + min + " and " + max);
        }
        return v.asInt();
    }

    private static RpcError invalid(String message) {
        return new RpcError(-32602, "invalid_parameter_value", message);
    }
}
