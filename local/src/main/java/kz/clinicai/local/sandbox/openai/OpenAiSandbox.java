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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kz.clinicai.local.sandbox.Faults;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.shared.json.Json;

/**
 * The OpenAI API simulator ("openai"), speaking the real wire format under {@code /openai/v1} so openai-java works
 * against it unchanged, and refusing with 400 what the real API refuses ({@link ResponseRules}). Its model is
 * {@link RuleModel}, a documented keyword rule engine, not an LLM.
 *
 * <ul>
 *   <li>{@code POST /v1/responses}, {@code GET|DELETE /v1/responses/{id}}, {@code POST /v1/responses/{id}/cancel},
 *       {@code GET /v1/responses/{id}/input_items} ({@link ResponsesApi}): function calls (strict arguments fit
 *       the tool's schema), structured outputs ({@link SchemaExample}), file_search (with
 *       {@code include: ["file_search_call.results"]}), conversation and previous_response_id history,
 *       background responses ({@code queued → in_progress → completed}, one step per poll).</li>
 *   <li>{@code /v1/conversations} and their items ({@link ConversationStore}).</li>
 *   <li>{@code POST /v1/audio/transcriptions} and {@code /v1/audio/speech} ({@link AudioApi}).</li>
 *   <li>{@code /v1/files}, {@code /v1/vector_stores} with their files, attributes and {@code search}
 *       ({@link FileStore}).</li>
 *   <li>{@code POST /v1/realtime/client_secrets} (ephemeral Realtime keys, {@link RealtimeApi}; no Realtime socket).</li>
 *   <li>{@code GET /v1/models}, {@code GET /v1/models/{id}} ({@link ModelsApi}) with {@code shutdown_date}; from a
 *       model's shutdown date (by {@link ModelClock}, movable at {@code POST /openai/_control/clock}) every request
 *       naming it answers 404 model_not_found. {@code POST /openai/_control/latency} ({@link EffortLatency}) adds an
 *       assumed delay per reasoning effort for benches.</li>
 *   <li>{@code GET /v1/organization/costs} (admin key only; {@link CostsApi}) over what the sandbox billed.</li>
 *   <li>{@code GET /openai/_requests}: the last 500 requests received ({@link RequestLog}); {@code GET /openai/_about}:
 *       this list and the knobs; {@code POST /openai/_control/background} ({@link BackgroundControl}). No key
 *       needed.</li>
 * </ul>
 * Every /v1 call needs {@code Authorization: Bearer sandbox-openai-key} ({@code sandbox-openai-admin-key} for
 * /v1/organization); errors use OpenAI's {"error":{"message","type","param","code"}} shape, also for injected faults
 * ({@code {"status":429,"code":"insufficient_quota"}} picks the quota error over rate_limit_exceeded). Every answer
 * carries {@code x-request-id} and {@code x-ratelimit-*} headers. State is in memory and {@link #reset()} forgets it.
 */
public final class OpenAiSandbox implements SandboxService {

    public static final String API_KEY = "sandbox-openai-key";
    public static final String ADMIN_KEY = "sandbox-openai-admin-key";
    static final int REQUESTS_PER_MINUTE = 500;
    static final int TOKENS_PER_MINUTE = 200_000;

    private final Clock clock;
    private final Ids ids = new Ids();
    private final RequestLog log = new RequestLog();
    private final Models models = Models.load();
    private final Ledger ledger;
    private final BackgroundControl background = new BackgroundControl();
    private final ConversationStore conversations;
    private final FileStore files;
    private final ResponsesApi responses;
    private final AudioApi audio;
    private final CostsApi costs;
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<Long, Integer> requestsByMinute = new ConcurrentHashMap<>();
    private final ModelClock modelClock;
    private final EffortLatency latency = new EffortLatency();
    private final ModelsApi modelsApi;
    private final RealtimeApi realtime;

    /** A sandbox whose "today" (without a date in the instructions) comes from {@code clock}. */
    public OpenAiSandbox(Clock clock) {
        this.clock = clock;
        // Models retire by the sandbox's clock (the real date in the local stack, a fixed one in tests), movable.
        this.modelClock = new ModelClock(clock);
        this.modelsApi = new ModelsApi(models, modelClock);
        this.realtime = new RealtimeApi(java.time.Clock.systemUTC(), models, modelClock);
        this.ledger = new Ledger(clock, models);
        this.conversations = new ConversationStore(clock, ids);
        this.files = new FileStore(clock, ids);
        this.responses = new ResponsesApi(clock, ids, RuleModel.load(clock), models, conversations, files, ledger,
                background, modelClock, latency);
        this.audio = new AudioApi(models, ledger, modelClock);
        this.costs = new CostsApi(ledger);
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
        return "OpenAI API simulator (responses with a deterministic keyword rule model, not an LLM, refusing what the "
                + "real API refuses; background responses, conversations, transcriptions, speech, files, vector "
                + "stores, organization costs, the model catalogue with shutdown dates, retiring models by its movable clock)";
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        return Map.of("openai.baseUrl", mountedBaseUrl + "/v1", "openai.apiKey", API_KEY, "openai.adminKey", ADMIN_KEY);
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("Requests received", "_requests", "Endpoints and knobs", "_about");
    }

    @Override
    public void reset() {
        log.clear();
        responses.reset();
        conversations.reset();
        files.reset();
        ledger.reset();
        background.reset();
        modelClock.reset();
        latency.reset();
        ids.reset();
        requestIds.set(0);
        requestsByMinute.clear();
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
        if (path.equals("/_about") && exchange.method().equals("GET")) {
            exchange.html(about());
            return;
        }
        if (path.equals("/_control/background") && exchange.method().equals("POST")) {
            try {
                exchange.json(200, background.apply(exchange.bodyJson()));
            } catch (IllegalArgumentException | IOException e) {
                exchange.json(400, Map.of("error", String.valueOf(e.getMessage())));
            }
            return;
        }
        if (path.equals("/_control/clock") && exchange.method().equals("POST")) {
            control(exchange, modelClock::apply);
            return;
        }
        if (path.equals("/_control/latency") && exchange.method().equals("POST")) {
            control(exchange, latency::apply);
            return;
        }
        record(exchange);
        headers(exchange, false);
        try {
            if (!path.equals("/v1") && !path.startsWith("/v1/")) {
                throw new OpenAiError(404, "Invalid URL (" + exchange.method() + " " + path + ")",
                        "invalid_request_error", null, null);
            }
            List<String> segments = Arrays.stream(path.substring(3).split("/")).filter(s -> !s.isEmpty()).toList();
            boolean admin = !segments.isEmpty() && segments.getFirst().equals("organization");
            authorise(exchange, admin);
            Call call = new Call(exchange, exchange.method(), segments, exchange.query());
            boolean handled = admin ? costs.handle(call)
                    : modelsApi.handle(call) || responses.handle(call) || conversations.handle(call) || files.handle(call) || audio.handle(call)
                    || realtime.handle(call);
            if (!handled || !responded(exchange)) {
                throw new OpenAiError(404, "Invalid URL (" + exchange.method() + " " + path + ")",
                        "invalid_request_error", null, null);
            }
        } catch (OpenAiError e) {
            exchange.json(e.status(), e.body());
        }
    }

    private static void control(SandboxExchange exchange, java.util.function.Function<JsonNode, ObjectNode> apply)
            throws IOException {
        try {
            exchange.json(200, apply.apply(exchange.bodyJson()));
        } catch (IllegalArgumentException | IOException e) {
            exchange.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** The date by which the simulator retires models (the real date unless a test moved it). */
    public java.time.LocalDate modelDate() {
        return modelClock.today();
    }

    /** Moves the date by which models are retired ({@code null}: back to the real date); reset() also restores it. */
    public void moveModelDate(java.time.LocalDate date) {
        ObjectNode body = Json.mapper().createObjectNode();
        if (date == null) {
            body.putNull("date");
        } else {
            body.put("date", date.toString());
        }
        modelClock.apply(body);
    }

    /** Sets the assumed thinking time per reasoning effort in milliseconds (benches only; reset() clears it). */
    public void effortLatency(Map<String, Long> millisByEffort) {
        ObjectNode body = Json.mapper().createObjectNode();
        millisByEffort.forEach(body::put);
        latency.apply(body);
    }

    @Override
    public boolean answerFault(Faults.Fault.Status fault, SandboxExchange exchange) throws IOException {
        String model = "gpt-6-luna";
        try {
            JsonNode body = Json.mapper().readTree(exchange.body());
            if (body != null && body.path("model").isTextual()) {
                model = body.get("model").asText();
            }
        } catch (IOException | RuntimeException e) {
            // multipart or empty bodies: the message names the default model
        }
        headers(exchange, fault.status() == 429 && !"insufficient_quota".equals(fault.code()));
        OpenAiError error = OpenAiError.fault(fault.status(), fault.code(), model);
        exchange.respond(fault.status(), "application/json", Json.mapper().writeValueAsBytes(error.body()),
                fault.retryAfterSeconds() > 0 ? Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds()))
                        : Map.of());
        return true;
    }

    /** x-request-id and the rate-limit headers the real API sends with every answer. */
    private void headers(SandboxExchange exchange, boolean limited) {
        var h = exchange.raw().getResponseHeaders();
        h.set("x-request-id", String.format("req_%032x", requestIds.incrementAndGet()));
        h.set("openai-processing-ms", "1");
        h.set("openai-version", "2020-10-01");
        long minute = clock.instant().getEpochSecond() / 60;
        int used = requestsByMinute.merge(minute, 1, Integer::sum);
        requestsByMinute.keySet().removeIf(m -> m < minute);
        int remaining = limited ? 0 : Math.max(0, REQUESTS_PER_MINUTE - used);
        h.set("x-ratelimit-limit-requests", String.valueOf(REQUESTS_PER_MINUTE));
        h.set("x-ratelimit-remaining-requests", String.valueOf(remaining));
        h.set("x-ratelimit-reset-requests", limited ? "120ms" : "0s");
        h.set("x-ratelimit-limit-tokens", String.valueOf(TOKENS_PER_MINUTE));
        h.set("x-ratelimit-remaining-tokens", String.valueOf(limited ? 0 : TOKENS_PER_MINUTE));
        h.set("x-ratelimit-reset-tokens", "0s");
    }

    /** Routers return true for their prefix; a method/shape they do not serve leaves the exchange unanswered. */
    private static boolean responded(SandboxExchange exchange) {
        return exchange.raw().getResponseCode() != -1;
    }

    private static void authorise(SandboxExchange exchange, boolean admin) {
        Optional<String> header = exchange.header("Authorization");
        if (header.isEmpty() || !header.get().startsWith("Bearer ")) {
            throw new OpenAiError(401, "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null, null);
        }
        String key = header.get().substring("Bearer ".length()).strip();
        if (admin && key.equals(API_KEY)) {
            throw new OpenAiError(403, "You have insufficient permissions for this operation. Missing scopes: "
                    + "api.usage.read. The organization endpoints need an admin key (the sandbox's is '" + ADMIN_KEY
                    + "').", "invalid_request_error", null, null);
        }
        if (!key.equals(admin ? ADMIN_KEY : API_KEY)) {
            String shown = key.length() <= 8 ? "****" : key.substring(0, 3) + "*".repeat(4) + key.substring(key.length() - 4);
            throw new OpenAiError(401, "Incorrect API key provided: " + shown + ". The sandbox accepts '"
                    + (admin ? ADMIN_KEY : API_KEY) + "'.", "invalid_request_error", null, "invalid_api_key");
        }
    }

    private static String about() {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>OpenAI simulator</title>
                <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}code{background:#eee}</style></head>
                <body><h1>OpenAI simulator (deterministic rules, not an LLM)</h1>
                <p>Base URL <code>/openai/v1</code>, key <code>sandbox-openai-key</code>; admin key
                <code>sandbox-openai-admin-key</code> for <code>/v1/organization/costs</code>.</p>
                <h2>Refused with 400, as the real API</h2><ul>
                <li>unknown model (<code>model_not_found</code>; names from openai-java's model lists)</li>
                <li><code>temperature</code>/<code>top_p</code> on reasoning models (gpt-5 family except *-chat-latest,
                gpt-6, o-series): <code>unsupported_parameter</code>; temperature outside 0..2, top_p outside 0..1;
                <code>reasoning.effort</code> on other models; <code>max_output_tokens</code> below 16</li>
                <li>strict function tools (the default) and strict json_schema formats whose objects lack
                <code>additionalProperties:false</code> or do not list every property in <code>required</code></li>
                <li><code>text.format</code> json_schema without <code>name</code>; json_object without "json" in the
                input; <code>background:true</code> with <code>store:false</code>; unknown <code>include</code> values</li>
                <li>a <code>function_call_output</code> without its <code>function_call</code>, a
                <code>function_call</code> without its output</li>
                <li>unknown transcription/speech models and voices; <code>verbose_json</code>/srt/vtt except whisper-1</li>
                <li>a <code>reasoning.effort</code> the model does not take (<code>unsupported_value</code>, "Supported
                values are: …")</li>
                </ul><h2>Model lifecycle</h2><ul>
                <li><code>GET /v1/models</code>, <code>GET /v1/models/{id}</code>: OpenAI's catalogue with
                <code>shutdown_date</code>; a model is listed until its shutdown date</li>
                <li>from its shutdown date every request naming it (responses, transcriptions, speech, realtime client
                secrets, models/{id}) answers 404 <code>model_not_found</code> "The model `X` has been deprecated,
                learn more here: https://platform.openai.com/docs/deprecations"</li>
                </ul><h2>Knobs</h2><ul>
                <li><code>POST /openai/_control/clock</code> {"date":"2027-01-14"} moves the date models are retired
                by; {"date":null} (and reset) returns to the real date (UTC)</li>
                <li><code>POST /openai/_control/latency</code> {"none":300,"low":700,"medium":1500} milliseconds of
                assumed thinking per reasoning effort (benches; default none; reset clears)</li>
                <li><code>POST /_control/faults/openai</code> {"faults":[{"status":429,"code":"insufficient_quota"},
                {"status":429,"retryAfter":1},{"status":500}]}: answers in OpenAI's error shape</li>
                <li><code>POST /openai/_control/background</code> {"hold":true} keeps background responses where they are
                when polled; {"outcome":"failed"|"incomplete"|"completed"} decides how the next ones end; reset restores
                one step per poll to completed</li>
                <li><code>POST /_control/reset</code> forgets responses, conversations, files, vector stores, costs</li>
                </ul><p>Details: docs/local-stack.md, section "OpenAI simulator".</p></body></html>
                """;
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
