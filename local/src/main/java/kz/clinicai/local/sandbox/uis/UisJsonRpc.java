package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UIS Data API v2.0 over JSON-RPC 2.0 (official docs: comagic/comagic.github.io {@code data_api/}). Every answer
 * is HTTP 200. The envelope is checked first (batch or missing id → -32099, not JSON-RPC → -32600, unknown method
 * → -32601), then access (injected faults, IP whitelist, token → -32003 / -32001), the points budget (-32029), and
 * the method's parameters (-32602 with the documented mnemonic and {@code data.field}/{@code data.value}). Only a
 * successful call costs a point; {@code metadata.limits} rides on every answer past authentication.
 */
final class UisJsonRpc {

    static final String TOKEN = "sandbox-uis-token";
    private static final Set<String> METHODS = Set.of("get.calls_report", "get.call_legs_report", "get.account",
            "get.tags", "create.tags", "set.tag_communications", "create.communication_comment");
    private static final Set<String> COMMUNICATION_TYPES_TAGS = Set.of("chat", "call", "goal", "offline_message");
    private static final Set<String> COMMUNICATION_TYPES_COMMENT = Set.of("call", "offline_message", "chat", "email");

    private final UisAccount account;
    private final UisLimits limits;
    private final UisRows rows;

    UisJsonRpc(UisAccount account, UisLimits limits, UisRows rows) {
        this.account = account;
        this.limits = limits;
        this.rows = rows;
    }

    /** The response object for one request body (never throws for the caller's mistakes). */
    Map<String, Object> answer(JsonNode request) {
        if (request != null && request.isArray()) {
            return error(NullNode.getInstance(), UisRpcError.of(-32099, "batch_opreations_not_supported",
                    "Batch operations not supported"), null);
        }
        JsonNode id = request == null ? NullNode.getInstance() : request.path("id");
        boolean authenticated = false;
        try {
            if (request == null || !request.isObject() || !"2.0".equals(request.path("jsonrpc").asText(null))
                    || !request.path("method").isTextual()
                    || (request.has("params") && !request.get("params").isObject())) {
                throw UisRpcError.of(-32600, "invalid_request",
                        "Invalid Request The JSON sent is not a valid Request object");
            }
            if (id.isMissingNode() || id.isNull()) {
                throw UisRpcError.of(-32099, "notifications_not_supported", "Notifications not supported");
            }
            if (!id.isTextual() && !id.isNumber()) {
                throw UisRpcError.of(-32600, "invalid_request",
                        "Invalid Request The JSON sent is not a valid Request object");
            }
            String method = request.get("method").asText();
            if (!METHODS.contains(method)) {
                throw UisRpcError.of(-32601, "method_not_found", "The method does not exist / is not available");
            }
            JsonNode params = request.path("params");
            authenticate(params);
            authenticated = true;
            limits.check();
            for (var it = params.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!UisCatalog.method(method).params().contains(name)) {
                    throw UisRpcError.unexpected(name, params.get(name).toString());
                }
            }
            Map<String, Object> result = call(method, params);
            limits.spend();
            if (method.startsWith("get.")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) result.computeIfAbsent("metadata",
                        k -> new LinkedHashMap<String, Object>());
                metadata.put("limits", limits.json());
            }
            return envelope(id, "result", result);
        } catch (UisRpcError e) {
            return error(id, e, authenticated ? limits.json() : null);
        }
    }

    private void authenticate(JsonNode params) {
        var fault = account.nextFault();
        if (fault.isPresent()) {
            throw UisRpcError.injected(fault.get());
        }
        if (!account.whitelisted()) {
            throw UisRpcError.injected("ip_not_whitelisted");
        }
        JsonNode token = params.path("access_token");
        if (token.isMissingNode() || token.isNull()) {
            throw UisRpcError.missing("access_token");
        }
        if (!TOKEN.equals(token.asText())) {
            throw UisRpcError.injected("access_token_invalid");
        }
        if (!account.tokenState().equals("valid")) {
            throw UisRpcError.injected("access_token_" + account.tokenState());
        }
    }

    private Map<String, Object> call(String method, JsonNode params) {
        return switch (method) {
            case "get.calls_report" -> callsReport(params);
            case "get.call_legs_report" -> legsReport(params);
            case "get.account" -> account();
            case "get.tags" -> tags(params);
            case "create.tags" -> createTag(params);
            case "set.tag_communications" -> setTag(params);
            default -> comment(params);
        };
    }

    private Map<String, Object> callsReport(JsonNode params) {
        Instant[] window = window(params);
        JsonNode ongoing = params.path("include_ongoing_calls");
        if (!ongoing.isMissingNode() && !ongoing.isNull() && !ongoing.isBoolean()) {
            throw UisRpcError.wrongType("include_ongoing_calls", ongoing.asText());
        }
        UisCatalog.Method m = UisCatalog.method("get.calls_report");
        UisQuery query = UisQuery.parse(m, params);
        List<Map<String, Object>> all = account.calls(window[0], window[1], ongoing.asBoolean(false)).stream()
                .map(rows::call).toList();
        return report(query.run(all));
    }

    private Map<String, Object> legsReport(JsonNode params) {
        Instant[] window = window(params);
        UisQuery query = UisQuery.parse(UisCatalog.method("get.call_legs_report"), params);
        List<Map<String, Object>> all = new ArrayList<>();
        // A leg belongs to the window by its own start; its session may have started a little earlier.
        for (UisCall c : account.calls(window[0].minusSeconds(6 * 3600), window[1], false)) {
            for (UisLeg l : c.legs()) {
                if (!l.start().isBefore(window[0]) && !l.start().isAfter(window[1])) {
                    all.add(rows.leg(c, l));
                }
            }
        }
        return report(query.run(all));
    }

    private Map<String, Object> account() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("app_id", UisAccount.APP_ID);
        row.put("name", UisAccount.NAME);
        row.put("timezone", account.timezone().getId());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", List.of(row));
        result.put("metadata", new LinkedHashMap<String, Object>());
        return result;
    }

    private Map<String, Object> tags(JsonNode params) {
        UisQuery query = UisQuery.parse(UisCatalog.method("get.tags"), params);
        return report(query.run(account.tags().stream().map(rows::tag).toList()));
    }

    private Map<String, Object> createTag(JsonNode params) {
        JsonNode name = params.path("name");
        if (name.isMissingNode() || name.isNull()) {
            throw UisRpcError.missing("name");
        }
        if (!name.isTextual()) {
            throw UisRpcError.wrongType("name", name.toString());
        }
        if (name.asText().isBlank()) {
            throw UisRpcError.invalid("name", name.asText());
        }
        UisAccount.Tag tag = account.createTag(name.asText().strip()).orElseThrow(
                () -> new UisRpcError(-32602, "duplicate_entity", "Duplicate entity", "name", name.asText(), null));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", tag.id());
        return result;
    }

    private Map<String, Object> setTag(JsonNode params) {
        String type = enumParam(params, "communication_type", COMMUNICATION_TYPES_TAGS);
        long tagId = longParam(params, "tag_id");
        UisCall call = communication(params, type);
        if (account.tag(tagId).isEmpty()) {
            throw UisRpcError.notFound("tag_id", tagId);
        }
        if (!account.mark(call.id(), tagId)) {
            throw new UisRpcError(-32602, "duplicate_entity", "Duplicate entity", "tag_id", tagId, null);
        }
        return new LinkedHashMap<>();
    }

    private Map<String, Object> comment(JsonNode params) {
        String type = enumParam(params, "communication_type", COMMUNICATION_TYPES_COMMENT);
        JsonNode comment = params.path("comment");
        if (comment.isMissingNode() || comment.isNull()) {
            throw UisRpcError.missing("comment");
        }
        if (!comment.isTextual()) {
            throw UisRpcError.wrongType("comment", comment.toString());
        }
        UisCall call = communication(params, type);
        account.comment(call.id(), comment.asText());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", "true");
        return result;
    }

    /** The call a write refers to; only calls exist in this account, other communication types are not found. */
    private UisCall communication(JsonNode params, String type) {
        JsonNode id = params.path("communication_id");
        if (id.isMissingNode() || id.isNull()) {
            if (params.hasNonNull("communication_ext_id")) {
                throw UisRpcError.notFound("communication_ext_id", params.get("communication_ext_id").asText());
            }
            throw UisRpcError.missing("communication_id");
        }
        if (!id.isIntegralNumber()) {
            throw UisRpcError.wrongType("communication_id", id.asText());
        }
        if (!type.equals("call")) {
            throw UisRpcError.notFound("communication_id", id.asLong());
        }
        return account.call(id.asLong()).filter(c -> !c.end().isAfter(account.now()))
                .orElseThrow(() -> UisRpcError.notFound("communication_id", id.asLong()));
    }

    private static String enumParam(JsonNode params, String name, Set<String> allowed) {
        JsonNode v = params.path(name);
        if (v.isMissingNode() || v.isNull()) {
            throw UisRpcError.missing(name);
        }
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            throw UisRpcError.invalid(name, v.asText());
        }
        return v.asText();
    }

    private static long longParam(JsonNode params, String name) {
        JsonNode v = params.path(name);
        if (v.isMissingNode() || v.isNull()) {
            throw UisRpcError.missing(name);
        }
        if (!v.isIntegralNumber()) {
            throw UisRpcError.wrongType(name, v.asText());
        }
        return v.asLong();
    }

    private Map<String, Object> report(Map<String, Object> run) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", run.get("data"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("total_items", run.get("total_items"));
        result.put("metadata", metadata);
        return result;
    }

    /** {@code date_from}/{@code date_till} in the account's zone; at most three months apart. */
    private Instant[] window(JsonNode params) {
        LocalDateTime from = time(params, "date_from");
        LocalDateTime till = time(params, "date_till");
        if (till.isBefore(from)) {
            throw UisRpcError.invalid("date_till", params.get("date_till").asText());
        }
        if (till.isAfter(from.plusMonths(3))) {
            throw new UisRpcError(-32602, "date_interval_limit_reached",
                    "Max value of requested date interval is 3 months", "date_till", params.get("date_till").asText(),
                    null);
        }
        return new Instant[] {from.atZone(account.timezone()).toInstant(), till.atZone(account.timezone()).toInstant()};
    }

    private static LocalDateTime time(JsonNode params, String name) {
        JsonNode v = params.path(name);
        if (v.isMissingNode() || v.isNull()) {
            throw UisRpcError.missing(name);
        }
        if (!v.isTextual()) {
            throw UisRpcError.wrongType(name, v.asText());
        }
        try {
            return LocalDateTime.parse(v.asText(), UisRows.TIME);
        } catch (DateTimeParseException e) {
            throw UisRpcError.invalid(name, v.asText());
        }
    }

    static Map<String, Object> error(JsonNode id, UisRpcError e, Map<String, Object> limits) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mnemonic", e.mnemonic);
        if (e.field != null) {
            data.put("field", e.field);
        }
        if (e.value != null) {
            data.put("value", String.valueOf(e.value));
        }
        if (e.params != null) {
            data.put("params", e.params);
        }
        if (limits != null) {
            data.put("metadata", Map.of("limits", limits));
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code);
        error.put("message", e.getMessage());
        error.put("data", data);
        return envelope(id.isMissingNode() ? NullNode.getInstance() : id, "error", error);
    }

    private static Map<String, Object> envelope(JsonNode id, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id.isMissingNode() ? NullNode.getInstance() : id);
        out.put(key, value);
        return out;
    }
}
