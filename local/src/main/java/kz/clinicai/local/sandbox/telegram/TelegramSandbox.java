package kz.clinicai.local.sandbox.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.shared.json.Json;

/**
 * Telegram Bot API simulator at {@code {mount}/bot{token}/{method}}, plus simulated people who write to the bot
 * and press its buttons: their updates are POSTed to the registered webhook with the secret-token header.
 * Control API under {@code {mount}/_control/}, operator page at {@code {mount}/ui}.
 */
public final class TelegramSandbox implements SandboxService {

    public static final String BOT_TOKEN = TelegramWorld.BOT_ID + ":SANDBOX-token";
    public static final String WEBHOOK_SECRET = "sandbox-webhook-secret-0123456789";
    public static final long ADMIN_USER_ID = 500_000_001L;

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Duration WEBHOOK_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // Long enough for a cold local Lambda behind the API emulator (its own limit is 30 s).
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(35);

    private final Clock clock;
    private final TelegramWorld world;
    private final FloodControl flood = new FloodControl();
    private final HttpClient http;
    // One delivery at a time, as Telegram does with max_connections=1: the webhook sees updates in order.
    private final ReentrantLock delivering = new ReentrantLock(true);
    private final List<ObjectNode> deliveries = new ArrayList<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final ArrayNode commands = Json.mapper().createArrayNode();
    private volatile boolean floodControl = true;

    public TelegramSandbox() {
        this(Clock.systemUTC());
    }

    /** @param clock decides message dates and the rate limits' seconds */
    public TelegramSandbox(Clock clock) {
        this.clock = clock;
        this.world = new TelegramWorld(clock);
        this.http = HttpClient.newBuilder().connectTimeout(WEBHOOK_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        seed();
    }

    private void seed() {
        world.register(ADMIN_USER_ID, "Админ", "sandbox_admin");
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public String summary() {
        return "Telegram Bot API simulator (bot " + BOT_TOKEN.substring(0, BOT_TOKEN.indexOf(':'))
                + ", simulated operators deliver updates to the webhook)";
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("telegram.apiBaseUrl", mountedBaseUrl);
        out.put("telegram.botToken", BOT_TOKEN);
        out.put("telegram.webhookSecret", WEBHOOK_SECRET);
        out.put("telegram.adminUserId", String.valueOf(ADMIN_USER_ID));
        return out;
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("Telegram sandbox", "ui");
    }

    @Override
    public void reset() {
        world.clear();
        flood.clear();
        floodControl = true;
        synchronized (deliveries) {
            deliveries.clear();
            pending.clear();
        }
        synchronized (commands) {
            commands.removeAll();
        }
        seed();
    }

    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        if (path.startsWith("/bot")) {
            botApi(exchange, path.substring("/bot".length()));
        } else if (path.startsWith("/_control/")) {
            control(exchange, path.substring("/_control/".length()));
        } else if (path.equals("/ui") || path.equals("/ui/")) {
            exchange.html(page());
        }
    }

    // ---------------------------------------------------------------- Bot API

    private void botApi(SandboxExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        String method = slash < 0 ? "" : rest.substring(slash + 1);
        try {
            if (!token.equals(BOT_TOKEN)) {
                throw new BotApiError(401, "Unauthorized");
            }
            ObjectNode params = params(exchange);
            JsonNode result = call(method.toLowerCase(), params);
            ObjectNode ok = Json.mapper().createObjectNode().put("ok", true);
            ok.set("result", result);
            if (method.equalsIgnoreCase("setWebhook")) {
                ok.put("description", result.asBoolean() ? "Webhook was set" : "Webhook is already deleted");
            }
            exchange.json(200, ok);
        } catch (BotApiError e) {
            ObjectNode err = Json.mapper().createObjectNode().put("ok", false).put("error_code", e.code)
                    .put("description", e.getMessage());
            if (e.retryAfter > 0) {
                err.putObject("parameters").put("retry_after", e.retryAfter);
            }
            exchange.respond(e.code, "application/json", Json.mapper().writeValueAsBytes(err),
                    e.retryAfter > 0 ? Map.of("Retry-After", String.valueOf(e.retryAfter)) : Map.of());
        }
    }

    private JsonNode call(String method, ObjectNode p) {
        return switch (method) {
            case "getme" -> TelegramWorld.bot().put("can_join_groups", false)
                    .put("can_read_all_group_messages", false).put("supports_inline_queries", false);
            case "setwebhook" -> setWebhook(p);
            case "deletewebhook" -> {
                world.webhook(null);
                if (p.path("drop_pending_updates").asBoolean(false)) {
                    synchronized (deliveries) {
                        pending.clear();
                    }
                }
                yield Json.mapper().getNodeFactory().booleanNode(true);
            }
            case "getwebhookinfo" -> webhookInfo();
            case "getupdates" -> getUpdates(p);
            case "setmycommands" -> setMyCommands(p);
            case "getmycommands" -> {
                synchronized (commands) {
                    yield commands.deepCopy();
                }
            }
            case "sendmessage" -> sendMessage(p);
            case "editmessagetext" -> {
                HtmlText.Formatted text = text(p);
                TelegramWorld.checkMarkup(p.get("reply_markup"));
                yield world.editText(chatId(p), required(p, "message_id").asLong(), text, p.get("reply_markup"));
            }
            case "editmessagereplymarkup" -> {
                TelegramWorld.checkMarkup(p.get("reply_markup"));
                yield world.editMarkup(chatId(p), required(p, "message_id").asLong(), p.get("reply_markup"));
            }
            case "deletemessage" -> {
                world.delete(chatId(p), required(p, "message_id").asLong());
                yield Json.mapper().getNodeFactory().booleanNode(true);
            }
            case "answercallbackquery" -> {
                world.answer(required(p, "callback_query_id").asText(), p.path("text").asText(null));
                yield Json.mapper().getNodeFactory().booleanNode(true);
            }
            default -> throw new BotApiError(404, "Not Found");
        };
    }

    private JsonNode setWebhook(ObjectNode p) {
        String url = p.path("url").asText("");
        if (url.isEmpty()) {
            boolean had = world.webhook().isPresent();
            world.webhook(null);
            return Json.mapper().getNodeFactory().booleanNode(had);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw BotApiError.badRequest("bad webhook: Failed to resolve host: Name or service not known");
        }
        // The real API demands HTTPS; the sandbox delivers to loopback HTTP servers too.
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw BotApiError.badRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }
        String secret = p.path("secret_token").asText(null);
        if (secret != null && !SECRET.matcher(secret).matches()) {
            throw BotApiError.badRequest("secret token contains unallowed characters");
        }
        List<String> allowed = new ArrayList<>();
        p.path("allowed_updates").forEach(a -> allowed.add(a.asText()));
        world.webhook(new TelegramWorld.Webhook(url, secret, List.copyOf(allowed)));
        if (p.path("drop_pending_updates").asBoolean(false)) {
            synchronized (deliveries) {
                pending.clear();
            }
        }
        return Json.mapper().getNodeFactory().booleanNode(true);
    }

    /** The bot's command menu; validated as Telegram does (1-32 chars of a-z, 0-9, _; description 1-256). */
    private JsonNode setMyCommands(ObjectNode p) {
        JsonNode list = p.get("commands");
        if (list == null || !list.isArray()) {
            throw BotApiError.badRequest("commands must be an array");
        }
        if (list.size() > 100) {
            throw BotApiError.badRequest("too many commands");
        }
        for (JsonNode c : list) {
            if (!COMMAND.matcher(c.path("command").asText("")).matches()) {
                throw BotApiError.badRequest("BOT_COMMAND_INVALID");
            }
            int length = c.path("description").asText("").length();
            if (length < 1 || length > 256) {
                throw BotApiError.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }
        synchronized (commands) {
            commands.removeAll();
            list.forEach(c -> commands.addObject().put("command", c.path("command").asText())
                    .put("description", c.path("description").asText()));
        }
        return Json.mapper().getNodeFactory().booleanNode(true);
    }

    private JsonNode webhookInfo() {
        ObjectNode info = Json.mapper().createObjectNode();
        var hook = world.webhook();
        info.put("url", hook.map(TelegramWorld.Webhook::url).orElse(""));
        info.put("has_custom_certificate", false);
        synchronized (deliveries) {
            info.put("pending_update_count", pending.size());
            if (hook.isPresent()) {
                info.put("max_connections", 1).put("ip_address", "127.0.0.1");
                if (!hook.get().allowedUpdates().isEmpty()) {
                    ArrayNode allowed = info.putArray("allowed_updates");
                    hook.get().allowedUpdates().forEach(allowed::add);
                }
                deliveries.stream().filter(d -> !d.path("ok").asBoolean()).reduce((a, b) -> b).ifPresent(d -> {
                    info.put("last_error_date", d.path("date").asLong());
                    info.put("last_error_message", d.path("error").asText());
                });
            }
        }
        return info;
    }

    private JsonNode getUpdates(ObjectNode p) {
        if (world.webhook().isPresent()) {
            throw new BotApiError(409,
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }
        long offset = p.path("offset").asLong(0);
        ArrayNode out = Json.mapper().createArrayNode();
        synchronized (deliveries) {
            // An offset confirms every update before it, as in the real API.
            pending.removeIf(u -> u.path("update_id").asLong() < offset);
            int limit = Math.max(1, Math.min(100, p.path("limit").asInt(100)));
            pending.stream().limit(limit).forEach(u -> out.add(u.deepCopy()));
        }
        return out;
    }

    private JsonNode sendMessage(ObjectNode p) {
        long chatId = chatId(p);
        HtmlText.Formatted text = text(p);
        TelegramWorld.checkMarkup(p.get("reply_markup"));
        world.user(chatId).orElseThrow(() -> BotApiError.badRequest("chat not found"));
        long replyTo = p.path("reply_to_message_id").asLong(0);
        boolean allowWithout = p.path("allow_sending_without_reply").asBoolean(false);
        JsonNode replyParameters = p.get("reply_parameters");
        if (replyParameters != null && replyParameters.isObject()) {
            replyTo = replyParameters.path("message_id").asLong(0);
            allowWithout = replyParameters.path("allow_sending_without_reply").asBoolean(false);
        }
        if (floodControl) {
            OptionalInt wait = flood.acquire(chatId, clock.instant());
            if (wait.isPresent()) {
                throw new BotApiError(429, "Too Many Requests: retry after " + wait.getAsInt(), wait.getAsInt());
            }
        }
        return world.botMessage(chatId, text, p.get("reply_markup"), replyTo, allowWithout);
    }

    /**
     * The text as Telegram stores it: parse_mode HTML parsed into entities (MarkdownV2/Markdown are not simulated and
     * refused loudly, as is a parse mode Telegram does not know), trimmed, then checked for emptiness and length.
     */
    private static HtmlText.Formatted text(ObjectNode p) {
        String raw = p.path("text").asText("");
        if (raw.isEmpty()) {
            throw BotApiError.badRequest("message text is empty");
        }
        String mode = p.path("parse_mode").asText("").toLowerCase(java.util.Locale.ROOT);
        HtmlText.Formatted text = switch (mode) {
            case "", "none" -> HtmlText.plain(raw);
            case "html" -> HtmlText.parse(raw);
            case "markdown", "markdownv2" -> throw new BotApiError(501,
                    "parse_mode " + p.path("parse_mode").asText() + " is not simulated by the sandbox (HTML is)");
            default -> throw BotApiError.badRequest("unsupported parse_mode");
        };
        TelegramWorld.checkText(text.text());
        return text;
    }

    private static long chatId(ObjectNode p) {
        JsonNode id = p.get("chat_id");
        if (id == null || id.asText().isEmpty()) {
            throw BotApiError.badRequest("chat_id is empty");
        }
        try {
            return Long.parseLong(id.asText());
        } catch (NumberFormatException e) {
            throw BotApiError.badRequest("chat not found");
        }
    }

    private static JsonNode required(ObjectNode p, String field) {
        JsonNode value = p.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw BotApiError.badRequest(field + " is empty");
        }
        return value;
    }

    /**
     * Parameters from the query string and a JSON or form body, like the real API. Form values that hold JSON
     * (reply_markup, allowed_updates, reply_parameters) are parsed.
     */
    private static ObjectNode params(SandboxExchange exchange) throws IOException {
        ObjectNode p = Json.mapper().createObjectNode();
        exchange.query().forEach(p::put);
        String type = exchange.header("Content-Type").orElse("").toLowerCase();
        String body = exchange.bodyText();
        if (type.contains("json") || body.stripLeading().startsWith("{")) {
            if (!body.isBlank()) {
                JsonNode json;
                try {
                    json = Json.mapper().readTree(body);
                } catch (JsonProcessingException e) {
                    throw BotApiError.badRequest("can't parse JSON object");
                }
                if (json != null && json.isObject()) {
                    p.setAll((ObjectNode) json);
                }
            }
        } else if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                p.put(key, value);
            }
        }
        for (String field : List.of("reply_markup", "allowed_updates", "reply_parameters")) {
            JsonNode value = p.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                try {
                    p.set(field, Json.mapper().readTree(value.asText()));
                } catch (JsonProcessingException e) {
                    throw BotApiError.badRequest("can't parse " + field + " JSON object");
                }
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- simulated people and control

    private void control(SandboxExchange exchange, String what) throws IOException {
        String method = exchange.method();
        try {
            switch (method + " " + what) {
                case "GET users" -> exchange.json(200, usersJson());
                case "POST users" -> {
                    JsonNode b = exchange.bodyJson();
                    JsonNode id = b.get("id");
                    TelegramWorld.User user = world.register(id == null || id.isNull() ? null : id.asLong(),
                            b.path("first_name").asText(null), b.path("username").asText(null));
                    exchange.json(200, user.json());
                }
                case "POST send" -> {
                    JsonNode b = exchange.bodyJson();
                    String text = b.path("text").asText("");
                    if (text.isEmpty()) {
                        throw new IllegalArgumentException("text is required");
                    }
                    ObjectNode message = world.userMessage(b.path("user_id").asLong(), text,
                            b.path("reply_to_message_id").asLong(0));
                    exchange.json(200, deliver("message", message));
                }
                case "POST press" -> {
                    JsonNode b = exchange.bodyJson();
                    ObjectNode query = world.press(b.path("user_id").asLong(), b.path("message_id").asLong(),
                            b.path("callback_data").asText(""));
                    exchange.json(200, deliver("callback_query", query));
                }
                case "POST send-raw" -> {
                    JsonNode b = exchange.bodyJson();
                    JsonNode update = b.get("update");
                    if (update == null || !update.isObject()) {
                        throw new IllegalArgumentException("update (an Update object) is required");
                    }
                    exchange.json(200, post(b.path("secret").asText(null), (ObjectNode) update.deepCopy()));
                }
                case "GET chats" -> {
                    ObjectNode out = Json.mapper().createObjectNode();
                    out.set("chats", world.chatsJson());
                    out.set("users", usersJson());
                    out.set("webhook", webhookInfo());
                    out.put("rate_limit", floodControl);
                    exchange.json(200, out);
                }
                case "GET deliveries" -> {
                    ArrayNode out = Json.mapper().createArrayNode();
                    synchronized (deliveries) {
                        deliveries.forEach(d -> out.add(d.deepCopy()));
                    }
                    exchange.json(200, Map.of("deliveries", out));
                }
                case "GET rate-limit" -> exchange.json(200, Map.of("enabled", floodControl));
                case "POST rate-limit" -> {
                    floodControl = exchange.bodyJson().path("enabled").asBoolean(true);
                    flood.clear();
                    exchange.json(200, Map.of("enabled", floodControl));
                }
                case "GET reset", "POST reset" -> {
                    reset();
                    exchange.json(200, Map.of("reset", true));
                }
                default -> exchange.json(404, Map.of("error", "unknown control " + method + " " + what));
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            exchange.json(400, Map.of("error", e.getMessage()));
        }
    }

    private ArrayNode usersJson() {
        ArrayNode out = Json.mapper().createArrayNode();
        world.users().forEach(u -> out.add(u.json()));
        return out;
    }

    /** Wraps the object into an Update and hands it to the webhook (or keeps it for getUpdates). */
    private ObjectNode deliver(String kind, ObjectNode payload) {
        ObjectNode update = Json.mapper().createObjectNode();
        update.put("update_id", world.nextUpdateId());
        update.set(kind, payload);
        var hook = world.webhook();
        if (hook.isEmpty()) {
            synchronized (deliveries) {
                pending.add(update.deepCopy());
            }
            ObjectNode out = Json.mapper().createObjectNode();
            out.set("update", update);
            out.put("delivered", false).put("reason", "no webhook is set; the update waits for getUpdates");
            return out;
        }
        if (!hook.get().allowedUpdates().isEmpty() && !hook.get().allowedUpdates().contains(kind)) {
            ObjectNode out = Json.mapper().createObjectNode();
            out.set("update", update);
            out.put("delivered", false).put("reason", kind + " is not in allowed_updates");
            return out;
        }
        return post(hook.get().secret(), update);
    }

    /** POSTs one update to the webhook with {@code secret} in the header and records the outcome. */
    private ObjectNode post(String secret, ObjectNode update) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("update_id", update.path("update_id").asLong());
        record.put("date", clock.instant().getEpochSecond());
        var hook = world.webhook();
        if (hook.isEmpty()) {
            throw new IllegalArgumentException("no webhook is set (setWebhook first)");
        }
        record.put("url", hook.get().url());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.get().url()))
                .timeout(WEBHOOK_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(update)));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        delivering.lock();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            record.put("status", response.statusCode());
            boolean ok = response.statusCode() / 100 == 2;
            record.put("ok", ok);
            if (!ok) {
                record.put("error", "Wrong response from the webhook: " + response.statusCode());
            }
        } catch (IOException e) {
            record.put("status", 0).put("ok", false).put("error", "Connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record.put("status", 0).put("ok", false).put("error", "interrupted");
        } finally {
            delivering.unlock();
        }
        synchronized (deliveries) {
            deliveries.add(record.deepCopy());
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("update", update);
        out.put("delivered", record.path("ok").asBoolean());
        out.set("delivery", record);
        return out;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String page() throws IOException {
        try (InputStream in = TelegramSandbox.class.getResourceAsStream("ui.html")) {
            if (in == null) {
                throw new IOException("telegram/ui.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
