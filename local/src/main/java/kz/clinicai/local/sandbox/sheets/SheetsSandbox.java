package kz.clinicai.local.sandbox.sheets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import kz.clinicai.local.sandbox.SandboxContext;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.shared.json.Json;

/**
 * Google Sheets API v4 simulator with its OAuth token endpoint: a service-account credentials file whose
 * {@code token_uri} points here, so Google's own Java client authenticates and writes against the sandbox.
 * Paths below the mount: {@code token}, {@code v4/spreadsheets/...}, {@code _control/...}, {@code ui}.
 */
public final class SheetsSandbox implements SandboxService {

    /** Google's limit is on the decoded request; DESIGN puts it at about 2 MB. */
    static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    private static final long TOKEN_SECONDS = 3600;
    private static final String PROJECT_NUMBER = "100000000001";

    private record Token(String user, Instant expires) {
    }

    private final Clock clock;
    private final Quota quota = new Quota();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    // Requests answered or refused, for benchmarks (GET _control/requests).
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private ServiceAccount account;
    private Path credentials;
    private Workbook workbook;
    private String spreadsheetId;

    public SheetsSandbox() {
        this(Clock.systemUTC());
    }

    /** @param clock decides token expiry and quota minutes */
    public SheetsSandbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sheets";
    }

    @Override
    public String summary() {
        return "Google Sheets API v4 simulator with a service-account token endpoint (key generated per run)";
    }

    @Override
    public void start(SandboxContext context) throws IOException {
        String mount = context.httpBaseUrl() + "/" + name();
        account = new ServiceAccount(mount + "/token");
        credentials = account.write(context.workDir());
        workbook = new Workbook(mount + "/ui");
        seed();
    }

    /** The spreadsheet the platform is configured with, with the sheets the call analytics write to. */
    private void seed() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("properties").put("title", "Clinicai sandbox");
        var sheets = body.putArray("sheets");
        for (String title : List.of("Sheet1", "Calls", "Звонки")) {
            sheets.addObject().putObject("properties").put("title", title);
        }
        spreadsheetId = workbook.create(body).path("spreadsheetId").asText();
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sheets.rootUrl", mountedBaseUrl + "/");
        out.put("sheets.credentialsJson", credentials == null ? "" : credentials.toString());
        out.put("sheets.spreadsheetId", spreadsheetId == null ? "" : spreadsheetId);
        return out;
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("Sheets sandbox", "ui");
    }

    @Override
    public void reset() {
        quota.reset();
        tokens.clear();
        if (workbook != null) {
            workbook.clear();
            seed();
        }
    }

    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        try {
            if (path.equals("/token") && method.equals("POST")) {
                token(exchange);
            } else if (path.startsWith("/v4/spreadsheets")) {
                api(exchange, method, path.substring("/v4/spreadsheets".length()));
            } else if (path.startsWith("/_control/")) {
                control(exchange, method, path.substring("/_control/".length()));
            } else if (path.equals("/ui") || path.equals("/ui/")) {
                exchange.html(page());
            }
        } catch (SheetsError e) {
            exchange.json(e.code, e.json());
        }
    }

    // ---------------------------------------------------------------- OAuth

    private void token(SandboxExchange exchange) throws IOException {
        Map<String, String> form = form(exchange.bodyText());
        String grant = form.getOrDefault("grant_type", "");
        if (!grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
            exchange.json(400, Map.of("error", "unsupported_grant_type", "error_description",
                    "Invalid grant_type: " + grant));
            return;
        }
        String user;
        try {
            user = account.verify(form.get("assertion"), clock.instant());
        } catch (ServiceAccount.InvalidGrant e) {
            exchange.json(400, Map.of("error", "invalid_grant", "error_description", e.getMessage()));
            return;
        }
        String token = "ya29.sandbox-" + issued.incrementAndGet();
        tokens.put(token, new Token(user, clock.instant().plusSeconds(TOKEN_SECONDS)));
        exchange.json(200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", TOKEN_SECONDS));
    }

    private String authenticate(SandboxExchange exchange) {
        String header = exchange.header("Authorization").orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new SheetsError(401, "UNAUTHENTICATED", "Request is missing required authentication credential."
                    + " Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        }
        Token token = tokens.get(header.substring(7).strip());
        if (token == null || !clock.instant().isBefore(token.expires())) {
            throw new SheetsError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."
                    + " Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        }
        return token.user();
    }

    // ---------------------------------------------------------------- Sheets API

    private void api(SandboxExchange exchange, String method, String rest) throws IOException {
        String user = authenticate(exchange);
        byte[] body = body(exchange);
        boolean write = !method.equals("GET");
        (write ? writes : reads).incrementAndGet();
        if (!quota.take(user, write ? Quota.Kind.WRITE : Quota.Kind.READ, clock.instant())) {
            throw exhausted(write);
        }
        Map<String, String> query = exchange.query();
        if (rest.isEmpty() && method.equals("POST")) {
            exchange.json(200, workbook.create(json(body)));
            return;
        }
        if (!rest.startsWith("/")) {
            throw SheetsError.notFound();
        }
        rest = rest.substring(1);
        int values = rest.indexOf("/values/");
        if (values < 0) {
            if (rest.endsWith(":batchUpdate") && method.equals("POST")) {
                String id = decode(rest.substring(0, rest.length() - ":batchUpdate".length()));
                exchange.json(200, workbook.batchUpdate(id, json(body)));
            } else if (method.equals("GET") && !rest.contains("/")) {
                exchange.json(200, workbook.get(decode(rest)));
            }
            return;
        }
        String id = decode(rest.substring(0, values));
        String range = rest.substring(values + "/values/".length());
        if (method.equals("POST") && range.endsWith(":append")) {
            range = decode(range.substring(0, range.length() - ":append".length()));
            String insertOption = query.getOrDefault("insertDataOption", "OVERWRITE");
            if (!insertOption.equals("OVERWRITE") && !insertOption.equals("INSERT_ROWS")) {
                throw SheetsError.invalid("Invalid value at 'insert_data_option', \"" + insertOption + "\"");
            }
            boolean insert = insertOption.equals("INSERT_ROWS");
            exchange.json(200, workbook.append(id, range, json(body), userEntered(query), insert));
        } else if (method.equals("PUT")) {
            exchange.json(200, workbook.update(id, decode(range), json(body), userEntered(query)));
        } else if (method.equals("GET")) {
            String render = query.getOrDefault("valueRenderOption", "FORMATTED_VALUE");
            exchange.json(200, workbook.read(id, decode(range), render.equals("FORMATTED_VALUE"),
                    "COLUMNS".equals(query.get("majorDimension"))));
        }
    }

    private static boolean userEntered(Map<String, String> query) {
        String option = query.get("valueInputOption");
        if (option == null || option.isEmpty()) {
            throw SheetsError.invalid("'valueInputOption' is required but not specified");
        }
        return switch (option) {
            case "USER_ENTERED" -> true;
            case "RAW" -> false;
            default -> throw SheetsError.invalid("Invalid value at 'value_input_option' (type.googleapis.com/"
                    + "google.apps.sheets.v4.ValueInputOption), \"" + option + "\"");
        };
    }

    private static SheetsError exhausted(boolean write) {
        String metric = write ? "Write requests" : "Read requests";
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "RATE_LIMIT_EXCEEDED")
                .put("domain", "googleapis.com");
        detail.putObject("metadata").put("consumer", "projects/" + PROJECT_NUMBER)
                .put("quota_limit", write ? "WriteRequestsPerMinutePerUser" : "ReadRequestsPerMinutePerUser")
                .put("quota_metric", "sheets.googleapis.com/" + (write ? "write_requests" : "read_requests"))
                .put("service", "sheets.googleapis.com");
        return new SheetsError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric '" + metric
                + "' and limit '" + metric + " per minute per user' of service 'sheets.googleapis.com' for consumer"
                + " 'project_number:" + PROJECT_NUMBER + "'.", detail);
    }

    /** The request body, gunzipped (Google's client compresses by default) and held to the payload limit. */
    private static byte[] body(SandboxExchange exchange) throws IOException {
        byte[] raw = exchange.body();
        InputStream in = new ByteArrayInputStream(raw);
        if (exchange.header("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false)) {
            in = new GZIPInputStream(in);
        }
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            throw SheetsError.invalid("Request payload size exceeds the limit: " + MAX_REQUEST_BYTES + " bytes.");
        }
        return body;
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw SheetsError.invalid("Invalid JSON payload received. " + e.getOriginalMessage());
        } catch (IOException e) {
            throw SheetsError.invalid("Invalid JSON payload received.");
        }
    }

    /** Percent-decoding of a path segment ('+' stays '+', unlike form decoding). */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- control

    private void control(SandboxExchange exchange, String method, String what) throws IOException {
        switch (method + " " + what) {
            case "GET spreadsheets" -> {
                ObjectNode out = Json.mapper().createObjectNode();
                out.set("spreadsheets", workbook.dump());
                out.put("defaultSpreadsheetId", spreadsheetId);
                out.set("quota", quotaJson());
                out.put("tokensIssued", issued.get());
                exchange.json(200, out);
            }
            case "GET quota" -> exchange.json(200, quotaJson());
            case "POST spreadsheets" -> {
                // A spreadsheet "shared with the service account" (tests give each profile its own).
                JsonNode b;
                try {
                    b = exchange.bodyJson();
                } catch (JsonProcessingException e) {
                    exchange.json(400, Map.of("error", "a JSON Spreadsheet body is required"));
                    return;
                }
                exchange.json(200, workbook.create(b));
            }
            case "GET requests" -> exchange.json(200, Map.of("writes", writes.get(), "reads", reads.get()));
            case "POST quota" -> {
                JsonNode b;
                try {
                    b = exchange.bodyJson();
                } catch (JsonProcessingException e) {
                    exchange.json(400, Map.of("error", "a JSON body is required"));
                    return;
                }
                quota.configure(b.path("enabled").asBoolean(true),
                        b.path("writesPerMinute").asInt(Quota.WRITES_PER_MINUTE_PER_USER),
                        b.path("readsPerMinute").asInt(Quota.READS_PER_MINUTE_PER_USER));
                exchange.json(200, quotaJson());
            }
            case "GET reset", "POST reset" -> {
                reset();
                exchange.json(200, Map.of("reset", true));
            }
            default -> exchange.json(404, Map.of("error", "unknown control " + method + " " + what));
        }
    }

    private ObjectNode quotaJson() {
        return Json.mapper().createObjectNode().put("enabled", quota.enabled())
                .put("writesPerMinute", quota.writesPerMinute()).put("readsPerMinute", quota.readsPerMinute());
    }

    private static String page() throws IOException {
        try (InputStream in = SheetsSandbox.class.getResourceAsStream("ui.html")) {
            if (in == null) {
                throw new IOException("sheets/ui.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
