package kz.clinicai.analytics.pull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.shared.json.Json;

/**
 * {@code get.calls_report} of UIS Data API v2.0 answered by computation over a synthetic account: the calls are
 * only their start times (account-local, sorted), and each page's rows are made up as the page is written, so a
 * window of more than a hundred thousand calls costs no memory. Parameters are checked as UIS documents them
 * (DESIGN §5; wording as in the UIS simulator's UisRpcError): {@code limit} ≤ 10 000, {@code offset} ≤ 100 000,
 * else -32602 {@code invalid_parameter_value} naming the field; windows over three months are refused with
 * {@code date_interval_limit_reached}. Both ends of the window are inclusive, as in the simulator. Every request
 * is recorded for the test's assertions.
 */
final class ComputedUisReport implements AutoCloseable {

    static final int MAX_LIMIT = 10_000;
    static final int MAX_OFFSET = 100_000;
    static final String TOKEN = "uis-test-token";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Call ids are the index in start order plus this. */
    static final long FIRST_ID = 9_000_000L;

    /** One answered request; {@code error} is the mnemonic when UIS would have refused it. */
    record Request(String dateFrom, String dateTill, int limit, int offset, long totalItems, int rows, String error) {
    }

    private final long[] starts;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<Long, AtomicInteger> served = new ConcurrentHashMap<>();
    private final AtomicInteger points = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    /** @param starts account-local start times, in epoch seconds of the local time line, ascending */
    ComputedUisReport(long[] starts) throws IOException {
        for (int i = 1; i < starts.length; i++) {
            if (starts[i] < starts[i - 1]) {
                throw new IllegalArgumentException("start times must be sorted");
            }
        }
        this.starts = starts;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2.0", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2.0");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests this fake cannot judge (it answered them with internal_error). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** How often each call id was in an answer. */
    Map<Long, AtomicInteger> served() {
        return served;
    }

    static long id(int index) {
        return FIRST_ID + index;
    }

    static long seconds(LocalDateTime t) {
        return t.toEpochSecond(java.time.ZoneOffset.UTC);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = Json.mapper().readTree(exchange.getRequestBody());
            byte[] body = answer(request);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private byte[] answer(JsonNode request) throws IOException {
        JsonNode id = request.path("id");
        JsonNode p = request.path("params");
        if (!"get.calls_report".equals(request.path("method").asText())) {
            return error(id, -32601, "method_not_found", "The method does not exist / is not available", null, null);
        }
        if (!TOKEN.equals(p.path("access_token").asText())) {
            return error(id, -32001, "access_token_invalid", "Access token is invalid", null, null);
        }
        if (p.has("filter")) {
            // The test's profile has no filter the report could apply; one here means the pull changed.
            return error(id, -32602, "unexpected_parameters", "Unexpected method parameter(s)", "filter",
                    p.get("filter").toString());
        }
        JsonNode sort = p.path("sort").path(0);
        if (!sort.path("field").asText().equals("start_time") || !sort.path("order").asText("asc").equals("asc")) {
            // These answers are always in start order: a pull asking for another would be misjudged here.
            problems.add("not sorted by start_time ascending: " + p.path("sort"));
            return error(id, -32603, "internal_error", "Internal error, contact the support service", null, null);
        }
        String dateFrom = p.path("date_from").asText();
        String dateTill = p.path("date_till").asText();
        int limit = p.path("limit").asInt(1000);
        int offset = p.path("offset").asInt(0);
        LocalDateTime from;
        LocalDateTime till;
        try {
            from = LocalDateTime.parse(dateFrom, TIME);
            till = LocalDateTime.parse(dateTill, TIME);
        } catch (DateTimeParseException e) {
            return refused(id, dateFrom, dateTill, limit, offset, "invalid_parameter_value",
                    "Invalid parameter value", "date_from", dateFrom);
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            return refused(id, dateFrom, dateTill, limit, offset, "invalid_parameter_value",
                    "Invalid parameter value", "limit", String.valueOf(limit));
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            return refused(id, dateFrom, dateTill, limit, offset, "invalid_parameter_value",
                    "Invalid parameter value", "offset", String.valueOf(offset));
        }
        if (till.isBefore(from)) {
            return refused(id, dateFrom, dateTill, limit, offset, "invalid_parameter_value",
                    "Invalid parameter value", "date_till", dateTill);
        }
        if (till.isAfter(from.plusMonths(3))) {
            return refused(id, dateFrom, dateTill, limit, offset, "date_interval_limit_reached",
                    "Max value of requested date interval is 3 months", "date_till", dateTill);
        }
        int lo = lowerBound(seconds(from));
        int hi = lowerBound(seconds(till) + 1);
        int first = Math.min(hi, lo + offset);
        int last = Math.min(hi, first + limit);
        List<String> fields = new ArrayList<>();
        p.path("fields").forEach(f -> fields.add(f.asText()));
        int spent = points.incrementAndGet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (last - first) * 400);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("jsonrpc", "2.0");
            g.writeFieldName("id");
            g.writeTree(id);
            g.writeObjectFieldStart("result");
            g.writeArrayFieldStart("data");
            for (int i = first; i < last; i++) {
                row(g, i, fields);
                served.computeIfAbsent(id(i), k -> new AtomicInteger()).incrementAndGet();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("metadata");
            g.writeNumberField("total_items", hi - lo);
            // The documented limits block; the run here stays far inside both budgets.
            g.writeObjectFieldStart("limits");
            g.writeNumberField("day_limit", 10_000);
            g.writeNumberField("day_remaining", 10_000 - spent);
            g.writeNumberField("day_reset", 36_000);
            g.writeNumberField("minute_limit", 250);
            g.writeNumberField("minute_remaining", Math.max(0, 250 - spent));
            g.writeNumberField("minute_reset", 30);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
        requests.add(new Request(dateFrom, dateTill, limit, offset, hi - lo, last - first, null));
        return bytes.toByteArray();
    }

    /** The row of call {@code i} as get.calls_report writes it (the fields asked for, in that order). */
    private void row(JsonGenerator g, int i, List<String> fields) throws IOException {
        long id = id(i);
        g.writeStartObject();
        for (String f : fields) {
            switch (f) {
                case "id", "communication_id" -> g.writeNumberField(f, id);
                case "start_time" -> g.writeStringField(f, time(starts[i]));
                case "finish_time" -> g.writeStringField(f, time(starts[i] + 75));
                case "direction" -> g.writeStringField(f, "in");
                case "is_lost" -> g.writeBooleanField(f, false);
                case "contact_phone_number" -> g.writeStringField(f, "7701" + String.format("%07d", i));
                case "virtual_phone_number" -> g.writeStringField(f, "77272001122");
                case "talk_duration" -> g.writeNumberField(f, 60);
                case "total_duration" -> g.writeNumberField(f, 75);
                case "call_records" -> {
                    // No recording (an account that records nothing): the pull then reads no legs for these calls,
                    // and this fake needs no get.call_legs_report — the legs are the simulator ITs' business.
                    g.writeArrayFieldStart(f);
                    g.writeEndArray();
                }
                case "employees" -> {
                    g.writeArrayFieldStart(f);
                    g.writeStartObject();
                    g.writeNumberField("employee_id", 5001);
                    g.writeStringField("employee_full_name", "Сапарова Динара");
                    g.writeBooleanField("is_answered", true);
                    g.writeBooleanField("is_talked", true);
                    g.writeEndObject();
                    g.writeEndArray();
                }
                default -> g.writeNullField(f);
            }
        }
        g.writeEndObject();
    }

    private byte[] refused(JsonNode id, String from, String till, int limit, int offset, String mnemonic,
                           String message, String field, String value) throws IOException {
        requests.add(new Request(from, till, limit, offset, -1, 0, mnemonic));
        return error(id, -32602, mnemonic, message, field, value);
    }

    private static byte[] error(JsonNode id, int code, String mnemonic, String message, String field, String value)
            throws IOException {
        var data = Json.mapper().createObjectNode().put("mnemonic", mnemonic);
        if (field != null) {
            data.put("field", field).put("value", value);
        }
        var error = Json.mapper().createObjectNode().put("code", code).put("message", message);
        error.set("data", data);
        var envelope = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        envelope.set("id", id);
        envelope.set("error", error);
        return Json.mapper().writeValueAsBytes(envelope);
    }

    /** The first index whose start is at or after {@code second}. */
    private int lowerBound(long second) {
        int i = Arrays.binarySearch(starts, second);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && starts[i - 1] == second) {
            i--;
        }
        return i;
    }

    private static String time(long second) {
        return TIME.format(LocalDateTime.ofEpochSecond(second, 0, java.time.ZoneOffset.UTC));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
