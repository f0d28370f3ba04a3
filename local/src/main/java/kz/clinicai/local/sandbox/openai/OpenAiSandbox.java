package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.shared.json.Json;

/**
 * The OpenAI API simulator ("openai"), speaking the real wire format under {@code /openai/v1} so openai-java works
 * against it unchanged. Its model is {@link RuleModel}, a documented keyword rule engine, not an LLM.
 *
 * <ul>
 *   <li>{@code POST /v1/responses}, {@code GET|DELETE /v1/responses/{id}}, {@code GET /v1/responses/{id}/input_items}
 *       ({@link ResponsesApi}): function calls, structured outputs ({@link SchemaExample}), file_search,
 *       conversation and previous_response_id history.</li>
 *   <li>{@code /v1/conversations} and their items ({@link ConversationStore}).</li>
 *   <li>{@code POST /v1/audio/transcriptions} and {@code /v1/audio/speech} ({@link AudioApi}).</li>
 *   <li>{@code /v1/files} and {@code /v1/vector_stores} with their files ({@link FileStore}).</li>
 *   <li>{@code POST /v1/realtime/client_secrets} (ephemeral Realtime keys, {@link RealtimeApi}; no Realtime socket).</li>
 *   <li>{@code GET /openai/_requests}: the last 500 requests received (method, path, query, headers
 *       content-type and x-stainless-retry-count, parsed body), for tests to see what reached the model
 *       ({@link RequestLog}); no key needed.</li>
 * </ul>
 * Every /v1 call needs {@code Authorization: Bearer sandbox-openai-key} (401 otherwise); errors use OpenAI's
 * {"error":{"message","type","param","code"}} shape. State is in memory and {@link #reset()} forgets it all.
 */
public final class OpenAiSandbox implements SandboxService {

    public static final String API_KEY = "sandbox-openai-key";

    private final Ids ids = new Ids();
    private final RequestLog log = new RequestLog();
    private final ConversationStore conversations;
    private final FileStore files;
    private final ResponsesApi responses;
    private final AudioApi audio = new AudioApi();
    private final RealtimeApi realtime = new RealtimeApi(java.time.Clock.systemUTC());

    /** A sandbox whose "today" (without a date in the instructions) comes from {@code clock}. */
    public OpenAiSandbox(Clock clock) {
        this.conversations = new ConversationStore(clock, ids);
        this.files = new FileStore(clock, ids);
        this.responses = new ResponsesApi(clock, ids, RuleModel.load(clock), conversations, files);
    }

    public OpenAiSandbox() {
        this(Clock.system(ZoneId.of("Asia/Almaty")));
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String summary() {
        return "OpenAI API simulator (responses with a deterministic keyword rule model, not an LLM; conversations, "
                + "transcriptions, speech, files, vector stores)";
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        return Map.of("openai.baseUrl", mountedBaseUrl + "/v1", "openai.apiKey", API_KEY);
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("Requests received", "_requests");
    }

    @Override
    public void reset() {
        log.clear();
        responses.reset();
        conversations.reset();
        files.reset();
        ids.reset();
    }

    /** The requests received so far, oldest first, as listed at {@code GET /openai/_requests}. */
    public ArrayNode requests() {
        return log.snapshot();
    }

    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        if (path.equals("/_requests") && exchange.method().equals("GET")) {
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("object", "list");
            out.set("data", log.snapshot());
            exchange.json(200, out);
            return;
        }
        record(exchange);
        try {
            if (!path.equals("/v1") && !path.startsWith("/v1/")) {
                throw new OpenAiError(404, "Invalid URL (" + exchange.method() + " " + path + ")",
                        "invalid_request_error", null, null);
            }
            authorise(exchange);
            List<String> segments = Arrays.stream(path.substring(3).split("/")).filter(s -> !s.isEmpty()).toList();
            Call call = new Call(exchange, exchange.method(), segments, exchange.query());
            boolean handled = responses.handle(call) || conversations.handle(call) || files.handle(call)
                    || audio.handle(call) || realtime.handle(call);
            if (!handled || !responded(exchange)) {
                throw new OpenAiError(404, "Invalid URL (" + exchange.method() + " " + path + ")",
                        "invalid_request_error", null, null);
            }
        } catch (OpenAiError e) {
            exchange.json(e.status(), e.body());
        }
    }

    /** Routers return true for their prefix; a method/shape they do not serve leaves the exchange unanswered. */
    private static boolean responded(SandboxExchange exchange) {
        return exchange.raw().getResponseCode() != -1;
    }

    private static void authorise(SandboxExchange exchange) {
        Optional<String> header = exchange.header("Authorization");
        if (header.isEmpty() || !header.get().startsWith("Bearer ")) {
            throw new OpenAiError(401, "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null, null);
        }
        String key = header.get().substring("Bearer ".length()).strip();
        if (!key.equals(API_KEY)) {
            String shown = key.length() <= 8 ? "****" : key.substring(0, 3) + "*".repeat(4) + key.substring(key.length() - 4);
            throw new OpenAiError(401, "Incorrect API key provided: " + shown + ". The sandbox accepts '" + API_KEY
                    + "'.", "invalid_request_error", null, "invalid_api_key");
        }
    }

    private void record(SandboxExchange exchange) throws IOException {
        ObjectNode headers = Json.mapper().createObjectNode();
        for (String name : List.of("Content-Type", "X-Stainless-Retry-Count", "OpenAI-Project")) {
            exchange.header(name).ifPresent(v -> headers.put(name.toLowerCase(Locale.ROOT), v));
        }
        ObjectNode query = Json.mapper().createObjectNode();
        exchange.query().forEach(query::put);
        log.add(RequestLog.entry(exchange.method(), exchange.path(), query, headers, bodyOf(exchange)));
    }

    private static JsonNode bodyOf(SandboxExchange exchange) throws IOException {
        byte[] body = exchange.body();
        if (body.length == 0) {
            return null;
        }
        String type = exchange.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            try {
                ObjectNode fields = Json.mapper().createObjectNode();
                for (Multipart.Part part : Multipart.parse(exchange.header("Content-Type").orElse(""), body).parts().values()) {
                    boolean binary = part.filename() != null
                            || (part.contentType() != null && !part.contentType().startsWith("text/plain"));
                    if (binary) {
                        fields.putObject(part.name()).put("filename", part.filename())
                                .put("bytes", part.content().length);
                    } else {
                        fields.put(part.name(), part.text());
                    }
                }
                return fields;
            } catch (OpenAiError e) {
                return Json.mapper().getNodeFactory().textNode("<unparsable multipart body>");
            }
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }
}
