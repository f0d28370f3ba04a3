package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.local.sandbox.audio.SandboxAudio;

/**
 * UIS simulator: the Data API at {@code POST /v2.0} and recording downloads at
 * {@code GET /system/media/talk/{call id}/{record hash}/} (and {@code /system/media/wav/…}), which answer sandbox
 * WAVs carrying the call's dialogue. Control: {@code POST _control/calls} adds calls with transcripts,
 * {@code POST _control/limits {"day_remaining":0,"minute_remaining":0}} shapes the points budget.
 */
public final class UisService implements SandboxService {

    public static final String NAME = "uis";
    private static final Pattern RECORD = Pattern.compile("/system/media/(talk|wav)/(\\d+)/([0-9a-f]+)/?");

    private final UisCalls calls;
    private final UisLimits limits;
    private final UisJsonRpc rpc;

    public UisService() {
        this(Clock.systemUTC(), 6);
    }

    /** {@code callsPerDay} generated calls for each day (at most 99). */
    public UisService(Clock clock, int callsPerDay) {
        if (callsPerDay < 0 || callsPerDay > 99) {
            throw new IllegalArgumentException("callsPerDay must be 0..99");
        }
        this.calls = new UisCalls(clock, callsPerDay);
        this.limits = new UisLimits(clock);
        this.rpc = new UisJsonRpc(calls, limits);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "UIS Data API v2.0 simulator (JSON-RPC get.calls_report, recordings with embedded dialogues)";
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("uis.baseUrl", mountedBaseUrl + "/v2.0");
        out.put("uis.accessToken", UisJsonRpc.TOKEN);
        out.put("uis.recordsBaseUrl", mountedBaseUrl);
        return out;
    }

    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        if (method.equals("POST") && path.equals("/v2.0")) {
            JsonNode request;
            try {
                request = exchange.bodyJson();
            } catch (JsonProcessingException e) {
                exchange.json(200, UisJsonRpc.error(NullNode.getInstance(),
                        new UisJsonRpc.RpcError(-32700, "parse_error", "Parse error")));
                return;
            }
            exchange.json(200, rpc.answer(request));
            return;
        }
        Matcher record = RECORD.matcher(path);
        if (method.equals("GET") && record.matches()) {
            recording(exchange, Long.parseLong(record.group(2)), record.group(3));
        } else if (method.equals("POST") && path.equals("/_control/calls")) {
            addCalls(exchange);
        } else if (method.equals("POST") && path.equals("/_control/limits")) {
            JsonNode b = exchange.bodyJson();
            limits.set(b.hasNonNull("day_remaining") ? b.get("day_remaining").asInt() : null,
                    b.hasNonNull("minute_remaining") ? b.get("minute_remaining").asInt() : null);
            exchange.json(200, Map.of("limits", "set"));
        } else if (method.equals("POST") && path.equals("/_control/reset")) {
            reset();
            exchange.json(200, Map.of("reset", true));
        }
    }

    private void recording(SandboxExchange exchange, long callId, String hash) throws IOException {
        Optional<UisCall> call = calls.byId(callId).filter(c -> c.hasRecording() && c.recordHash().equals(hash));
        if (call.isEmpty()) {
            exchange.json(404, Map.of("error", "no recording " + hash + " for call " + callId));
            return;
        }
        exchange.respond(200, "audio/wav", SandboxAudio.wav(call.get().transcript(), 1.0),
                Map.of("Content-Disposition", "attachment; filename=\"" + callId + "_" + hash + ".wav\""));
    }

    /**
     * Body: one call or {"calls":[…]}, each {"start_time":"2026-11-21 10:00:00","direction":"in","talk_duration":60,
     * "total_duration":75,"is_lost":false,"contact_phone_number":"77011234567","employee_id":5001,
     * "transcript":"Менеджер: …\nКлиент: …"}; answers the created calls as the report shows them.
     */
    private void addCalls(SandboxExchange exchange) throws IOException {
        JsonNode body = exchange.bodyJson();
        List<JsonNode> items = new ArrayList<>();
        if (body.has("calls")) {
            body.get("calls").forEach(items::add);
        } else {
            items.add(body);
        }
        List<Map<String, Object>> created = new ArrayList<>();
        try {
            for (JsonNode c : items) {
                long employeeId = c.path("employee_id").asLong(UisCalls.EMPLOYEES.get(0).id());
                UisCalls.Employee employee = UisCalls.EMPLOYEES.stream().filter(e -> e.id() == employeeId).findFirst()
                        .orElseGet(() -> new UisCalls.Employee(employeeId, c.path("employee_full_name")
                                .asText("Сотрудник " + employeeId)));
                int talk = c.path("talk_duration").asInt(60);
                UisCall call = calls.add(LocalDateTime.parse(c.path("start_time").asText(), UisJsonRpc.TIME), talk,
                        c.path("total_duration").asInt(talk + 10), c.path("direction").asText("in"),
                        c.path("is_lost").asBoolean(false), c.path("contact_phone_number").asText("77010000000"),
                        employee, c.path("transcript").asText(""));
                created.add(UisJsonRpc.row(call, UisJsonRpc.FIELDS));
            }
        } catch (DateTimeException e) {
            exchange.json(400, Map.of("error", "start_time must be YYYY-MM-DD hh:mm:ss"));
            return;
        }
        exchange.json(200, Map.of("calls", created));
    }

    @Override
    public void reset() {
        calls.reset();
        limits.reset();
    }

    /** For tests and other simulators: the dialogue a call's recording carries. */
    public Optional<String> transcriptOf(long callId) {
        return calls.byId(callId).map(UisCall::transcript);
    }
}
