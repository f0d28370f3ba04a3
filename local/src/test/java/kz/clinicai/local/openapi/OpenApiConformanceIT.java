package kz.clinicai.local.openapi;

import static kz.clinicai.local.PlatformStackFixture.api;
import static kz.clinicai.local.PlatformStackFixture.sandboxPost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.chat.Await;
import kz.clinicai.local.console.ConsoleAccess;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docs/openapi.yaml held true against the local stack: each capability's test sends every documented operation its
 * documented request (the request body is first validated against the document's request schema, so the test
 * cannot drift from what it claims to send) and at least one documented error case; every answer's status must be
 * documented for the operation, its content type one of the documented media types, and a JSON body valid against
 * the documented schema (networknt, JSON Schema 2020-12). The last test fails for any operation never answered with
 * success, or — where the document lists 4xx answers — never with an error. The routes themselves are compared with
 * template.yaml by {@link OpenApiRoutesTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiConformanceIT {

    private static final OpenApiDocument DOC = OpenApiDocument.load();
    private static final Map<String, Set<Integer>> SEEN = new ConcurrentHashMap<>();
    private static final List<String> PROBLEMS = new CopyOnWriteArrayList<>();
    private static final long UNIQUE = System.nanoTime() % 9_000;

    private static final String ACS_TOKEN = "local-acs-token";
    private static final String ASSISTANTS_KEY = "local-assistants-key";
    private static final String CALLS_KEY = "local-calls-key";
    private static final String CALLS_SIGNING_KEY = "local-calls-signing-key";
    private static final String ANALYTICS_KEY = "local-analytics-key";

    @BeforeAll
    static void boot() {
        PlatformStackFixture.stack();
    }

    @AfterAll
    static void clearFaults() {
        PlatformStackFixture.send("DELETE", PlatformStackFixture.sandbox("/_control/faults"), null);
    }

    // ------------------------------------------------------------------ the exchange and its checks

    /** Sends a request whose body must match the documented request schema, and checks the answer. */
    private static HttpResponse<String> call(String method, String template, String path, Object body,
                                             String... headers) {
        return exchange(true, method, template, path, body, headers);
    }

    /** As {@link #call}, for a body the document says is wrong (the error case itself). */
    private static HttpResponse<String> callMalformed(String method, String template, String path, Object body,
                                                      String... headers) {
        return exchange(false, method, template, path, body, headers);
    }

    private static HttpResponse<String> exchange(boolean documentedBody, String method, String template, String path,
                                                 Object body, String... headers) {
        OpenApiDocument.Operation op = (template.startsWith("url:")
                ? DOC.functionUrl(method, template.substring(4)) : DOC.operation(method, template))
                .orElseThrow(() -> new AssertionError("docs/openapi.yaml has no " + method + " " + template));
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        if (documentedBody && text != null) {
            String schema = DOC.requestSchemaPointer(op)
                    .orElseThrow(() -> new AssertionError(op.key() + " documents no JSON request body"));
            List<String> errors = DOC.validate(schema, parse(text));
            if (!errors.isEmpty()) {
                PROBLEMS.add(op.key() + ": the test's request is not the documented shape: " + errors);
            }
        }
        String url = template.startsWith("url:") ? api() + "/_url/" + template.substring(4) + path : api() + path;
        HttpResponse<String> response = PlatformStackFixture.send(method, url, text, headers);
        check(op, method + " " + path, response);
        return response;
    }

    private static void check(OpenApiDocument.Operation op, String request, HttpResponse<String> response) {
        int status = response.statusCode();
        String where = op.key() + " (" + request + " → " + status + ")";
        Optional<String> pointer = DOC.responsePointer(op, status);
        if (pointer.isEmpty()) {
            PROBLEMS.add(where + ": status not documented; body " + abbreviate(response.body()));
            return;
        }
        SEEN.computeIfAbsent(op.key(), k -> ConcurrentHashMap.newKeySet()).add(status);
        List<String> media = DOC.mediaTypes(pointer.get());
        if (media.isEmpty()) {
            return;
        }
        String type = response.headers().firstValue("content-type").orElse("")
                .split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!media.contains(type)) {
            PROBLEMS.add(where + ": content type '" + type + "' not documented (" + media + ")");
            return;
        }
        if (type.equals("application/json")) {
            List<String> errors = DOC.validate(pointer.get() + "/content/application~1json/schema",
                    parse(response.body()));
            if (!errors.isEmpty()) {
                PROBLEMS.add(where + ": " + errors + " in " + abbreviate(response.body()));
            }
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    private static JsonNode json(HttpResponse<String> r) {
        return parse(r.body());
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(abbreviate(r.body())).isEqualTo(status);
    }

    // ------------------------------------------------------------------ voicebot

    @Test
    @Order(1)
    void voicebot() {
        long appointment = 990_000 + UNIQUE;
        LocalDate date = LocalDate.now(ZoneId.of("Asia/Almaty")).plusDays(2);
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        sandboxPost("/infoclinica/_control/appointments", Map.of("schedid", appointment, "pcode", appointment,
                "dcode", 1001, "date", date.toString(), "start", "12:00", "end", "12:30"));
        String template = "/voicebot/{clinic}/v1";
        String path = "/voicebot/infoclinica-clinic/v1";
        Map<String, Object> turn = Map.of("appointment_id", appointment, "user_input", "Когда у меня запись?");

        expect(call("POST", template, path, turn, "authorization", "Bearer " + ACS_TOKEN), 200);
        expect(call("POST", template, path, turn), 401);
        expect(callMalformed("POST", template, path, Map.of("appointment_id", "abc", "user_input", "да"),
                "authorization", "Bearer " + ACS_TOKEN), 400);
    }

    // ------------------------------------------------------------------ assistants API

    @Test
    @Order(2)
    void assistants() {
        String name = "openapi-it-" + UNIQUE;
        expect(call("POST", "/api/assistants/create", "/api/assistants/create", Map.of("name", name,
                "instructions", "Ты голосовой ассистент клиники.", "model", "gpt-6-luna"),
                "x-api-key", ASSISTANTS_KEY), 201);
        expect(call("POST", "/api/assistants/create", "/api/assistants/create", Map.of("name", name,
                "instructions", "Ты голосовой ассистент клиники.", "model", "gpt-6-luna")), 401);
        expect(call("GET", "/api/assistants/info", "/api/assistants/info?name=" + name, null,
                "x-api-key", ASSISTANTS_KEY), 200);
        expect(call("GET", "/api/assistants/info", "/api/assistants/info", null, "x-api-key", ASSISTANTS_KEY), 400);
    }

    // ------------------------------------------------------------------ web chat and Telegram

    @Test
    @Order(3)
    void chat() {
        for (String base : List.of("", "/api/v1")) {
            String token = "openapi-it-token-" + UNIQUE + base.replace("/", "-");
            expect(call("POST", base + "/gpt", base + "/gpt", Map.of("message", "Здравствуйте, сколько стоит приём?"),
                    "chat-token", token), 201);
            expect(call("POST", base + "/gpt", base + "/gpt", Map.of("message", "Здравствуйте")), 400);
            expect(call("GET", base + "/message", base + "/message", null, "chat-token", token), 200);
            expect(call("GET", base + "/message", base + "/message", null, "chat-token", "short"), 400);
            expect(call("POST", base + "/operator", base + "/operator", Map.of("reason", "Хочу поговорить с человеком"),
                    "chat-token", token), 202);
            expect(call("POST", base + "/operator", base + "/operator", Map.of("reason", "без токена")), 400);
        }
        HttpResponse<String> script = call("GET", "/widget/chat.js", "/widget/chat.js", null);
        expect(script, 200);
        assertThat(script.body()).isNotBlank();
        expect(call("GET", "/chat-demo", "/chat-demo", null), 200);
    }

    @Test
    @Order(4)
    void telegramWebhook() {
        // An update with nothing in it: taken, and no operator or chat is touched.
        Map<String, Object> update = Map.of("update_id", 700_000_000 + UNIQUE);
        expect(call("POST", "/telegram/webhook", "/telegram/webhook", update, "X-Telegram-Bot-Api-Secret-Token",
                kz.clinicai.local.sandbox.telegram.TelegramSandbox.WEBHOOK_SECRET), 200);
        expect(call("POST", "/telegram/webhook", "/telegram/webhook", update,
                "X-Telegram-Bot-Api-Secret-Token", "not-the-secret"), 401);
    }

    // ------------------------------------------------------------------ calls

    @Test
    @Order(5)
    void calls() {
        String phone = "+7701" + String.format("%07d", 5_000_000 + UNIQUE);
        // Scheduled for the calling hours of a zone where it is night: a call that exists without ringing anyone.
        HttpResponse<String> created = call("POST", "/calls", "/calls", Map.of("phone", phone,
                "timezone", nightZone(), "schedule", true), "x-api-key", CALLS_KEY);
        expect(created, 201);
        String id = json(created).path("call_id").asText();
        expect(call("POST", "/calls", "/calls", Map.of("phone", phone), "x-api-key", "wrong-key"), 401);
        expect(call("POST", "/calls", "/calls", Map.of("phone", "12345"), "x-api-key", CALLS_KEY), 400);
        expect(callMalformed("POST", "/calls", "/calls", Map.of("phone", phone, "colour", "red"),
                "x-api-key", CALLS_KEY), 400);

        expect(call("GET", "/calls", "/calls?limit=5", null, "x-api-key", CALLS_KEY), 200);
        expect(call("GET", "/calls", "/calls", null), 401);
        expect(call("GET", "/calls/{id}", "/calls/" + id, null, "x-api-key", CALLS_KEY), 200);
        expect(call("GET", "/calls/{id}", "/calls/call_" + "0".repeat(32), null, "x-api-key", CALLS_KEY), 404);
        expect(call("GET", "/health", "/health", null), 200);

        // The run-time settings (left unset again: other ITs share the stack) and the do-not-call list.
        expect(call("GET", "/calls/settings", "/calls/settings", null, "x-api-key", CALLS_KEY), 200);
        expect(call("PUT", "/calls/settings", "/calls/settings", Map.of("max_attempts", 3, "calling_hours",
                "09:00-21:00"), "x-api-key", CALLS_KEY), 200);
        expect(callMalformed("PUT", "/calls/settings", "/calls/settings", Map.of("max_attempts", 0, "colour", "red"),
                "x-api-key", CALLS_KEY), 400);
        expect(call("PUT", "/calls/settings", "/calls/settings", Map.of(), "x-api-key", CALLS_KEY), 200);
        expect(call("GET", "/calls/settings", "/calls/settings", null), 401);
        String listed = "+7701" + String.format("%07d", 6_000_000 + UNIQUE);
        expect(call("POST", "/calls/do-not-call", "/calls/do-not-call", Map.of("phones", List.of(listed),
                "note", "openapi"), "x-api-key", CALLS_KEY), 200);
        expect(call("POST", "/calls/do-not-call", "/calls/do-not-call", Map.of("phones", List.of("12345")),
                "x-api-key", CALLS_KEY), 400);
        expect(call("GET", "/calls/do-not-call", "/calls/do-not-call?limit=50", null, "x-api-key", CALLS_KEY), 200);
        expect(call("GET", "/calls/do-not-call", "/calls/do-not-call?limit=0", null, "x-api-key", CALLS_KEY), 400);
        expect(call("GET", "/calls/do-not-call", "/calls/do-not-call", null), 401);
        String one = "/calls/do-not-call/{phone}";
        expect(call("DELETE", one, "/calls/do-not-call/" + listed.replace("+", "%2B"), null, "x-api-key", CALLS_KEY),
                204);
        expect(call("DELETE", one, "/calls/do-not-call/" + listed.replace("+", "%2B"), null, "x-api-key", CALLS_KEY),
                404);
        expect(call("DELETE", one, "/calls/do-not-call/abc", null, "x-api-key", CALLS_KEY), 400);

        // Reminder lists: the seeded clinic's ACS token (local-stack seed); a day months out and an appointment
        // InfoClinica does not hold, so the scheduler reports the entry gone and nobody is dialled.
        String[] clinic = {"authorization", "Bearer local-acs-token"};
        String day = LocalDate.now(ZoneId.of("Asia/Almaty")).plusMonths(3).toString();
        Map<String, Object> entry = Map.of("appointment_id", 900_000_000 + UNIQUE, "phone",
                "+7701" + String.format("%07d", 7_000_000 + UNIQUE), "language", "ru");
        HttpResponse<String> posted = call("POST", "/reminders", "/reminders", Map.of("clinic", "infoclinica-clinic",
                "day", day, "entries", List.of(entry)), clinic);
        expect(posted, 202);
        String reminder = json(posted).path("reminder_id").asText();
        expect(callMalformed("POST", "/reminders", "/reminders", Map.of("clinic", "infoclinica-clinic", "day", day,
                "entries", List.of(Map.of("appointment_id", 1, "phone", "12345"))), clinic), 400);
        expect(call("POST", "/reminders", "/reminders", Map.of("clinic", "infoclinica-clinic", "day", day,
                "entries", List.of(entry)), "authorization", "Bearer not-the-token"), 401);
        expect(call("GET", "/reminders/{id}", "/reminders/" + reminder, null, clinic), 200);
        expect(call("GET", "/reminders/{id}", "/reminders/" + reminder, null, "authorization", "Bearer wrong"), 401);
        // A list with a webhook (plain http to loopback: the local stack takes it), and one whose URL is refused.
        expect(call("POST", "/reminders", "/reminders", Map.of("clinic", "infoclinica-clinic", "day", day,
                "webhook_url", "http://127.0.0.1:9/openapi", "entries", List.of(Map.of("appointment_id",
                        910_000_000 + UNIQUE, "phone", "+7701" + String.format("%07d", 7_100_000 + UNIQUE)))), clinic),
                202);
        expect(call("POST", "/reminders", "/reminders", Map.of("clinic", "infoclinica-clinic", "day", day,
                "webhook_url", "ftp://crm.example.com/h", "entries", List.of(entry)), clinic), 400);
        String keyPath = "/reminders/webhook-key";
        expect(call("GET", keyPath, keyPath + "?clinic=infoclinica-clinic", null, clinic), 200);
        expect(call("GET", keyPath, keyPath + "?clinic=infoclinica-clinic", null, "authorization", "Bearer wrong"),
                401);
        expect(call("GET", keyPath, keyPath, null, clinic), 400);
        String usagePath = "/reminders/usage";
        expect(call("GET", usagePath, usagePath + "?clinic=infoclinica-clinic&month=2026-12", null, clinic), 200);
        expect(call("GET", usagePath, usagePath + "?clinic=infoclinica-clinic", null, clinic), 200);
        expect(call("GET", usagePath, usagePath + "?clinic=infoclinica-clinic&month=12.2026", null, clinic), 400);
        expect(call("GET", usagePath, usagePath + "?clinic=infoclinica-clinic", null, "authorization", "Bearer x"),
                401);
        expect(call("GET", "/reminders/{id}", "/reminders/" + reminder, null, "x-api-key", CALLS_KEY), 200);
        HttpResponse<String> ofDay = call("GET", "/reminders", "/reminders?clinic=infoclinica-clinic&day=" + day, null,
                "x-api-key", CALLS_KEY);
        expect(ofDay, 200);
        assertThat(json(ofDay).path("lists").findValuesAsText("reminder_id")).contains(reminder);
        expect(call("GET", "/reminders", "/reminders?clinic=infoclinica-clinic&day=" + day, null, clinic), 200);
        expect(call("GET", "/reminders", "/reminders?clinic=infoclinica-clinic&day=tomorrow", null, clinic), 400);
        expect(call("GET", "/reminders", "/reminders?clinic=no-such-clinic&day=" + day, null, "x-api-key", CALLS_KEY),
                404);
        expect(call("GET", "/reminders", "/reminders?clinic=infoclinica-clinic&day=" + day, null,
                "authorization", "Bearer wrong"), 401);

        String body = "{\"type\":\"event\",\"call_id\":\"" + id + "\",\"event\":\"Transferred\"}";
        String key = new WebhookKeys(() -> CALLS_SIGNING_KEY).callKey(id);
        String signature = WebhookSignature.sign(key, Instant.now().getEpochSecond(), "openapi-" + System.nanoTime(),
                body);
        expect(call("POST", "url:CallsWebhookFunction", "/", body, WebhookSignature.HEADER, signature), 200);
        expect(call("POST", "url:CallsWebhookFunction", "/", body), 401);
    }

    private static String nightZone() {
        Instant now = Instant.now();
        for (int offset = -12; offset <= 14; offset++) {
            ZoneId zone = ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
            int hour = now.atZone(zone).getHour();
            if (hour >= 0 && hour <= 6) {
                return zone.getId();
            }
        }
        throw new IllegalStateException("no zone where it is night");
    }

    // ------------------------------------------------------------------ call analytics

    @Test
    @Order(6)
    void analytics() {
        String[] key = {"x-api-key", ANALYTICS_KEY};
        disableDemo();
        long employee = 950_000 + UNIQUE;
        String profileId = "openapi-it-" + employee;
        ObjectNode spreadsheet = Json.mapper().createObjectNode();
        spreadsheet.putObject("properties").put("title", "IT " + profileId);
        spreadsheet.putArray("sheets").addObject().putObject("properties").put("title", "Calls");
        String sheetId = sandboxPost("/sheets/_control/spreadsheets", spreadsheet).path("spreadsheetId").asText();
        ObjectNode profile = Json.mapper().createObjectNode();
        profile.put("profileId", profileId).put("name", "OpenAPI IT " + profileId);
        profile.putObject("uis").put("accessTokenSecret", "clinicai/analytics/demo-uis");
        profile.putObject("calls").put("answeredOnly", false).putArray("employeeIds").add(employee);
        profile.putObject("sheet").put("spreadsheetId", sheetId).put("sheetName", "Calls")
                .put("serviceAccountSecret", "clinicai/analytics/google");
        profile.putObject("transcription").putArray("languages").add("ru");
        profile.putArray("criteria").addObject().put("key", "callback").put("title", "Перезвонить")
                .put("type", "boolean").put("instructions", "Нужно ли перезвонить клиенту.");
        String base = "/analytics/profiles";
        String one = base + "/{profileId}";

        HttpResponse<String> created = call("POST", base, base, profile, key);
        expect(created, 201);
        expect(call("POST", base, base, profile, key), 409);
        expect(call("GET", base, base, null, key), 200);
        expect(call("GET", base, base, null), 401);
        expect(call("GET", one, base + "/" + profileId, null, key), 200);
        expect(call("GET", one, base + "/no-such-profile-" + UNIQUE, null, key), 404);
        ObjectNode update = json(created).deepCopy();
        update.put("name", "OpenAPI IT (renamed)");
        expect(call("PUT", one, base + "/" + profileId, update, key), 200);
        expect(call("PUT", one, base + "/" + profileId, update, key), 409);

        String calls = one + "/calls";
        expect(call("GET", calls, base + "/" + profileId + "/calls", null, key), 200);
        expect(call("GET", calls, base + "/" + profileId + "/calls?status=bogus", null, key), 400);

        String backfill = one + "/backfill";
        LocalDateTime yesterday = LocalDateTime.now(ZoneId.of("Asia/Almaty")).minusDays(1).withNano(0);
        DateTimeFormatter uis = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        expect(call("POST", backfill, base + "/" + profileId + "/backfill", Map.of("from",
                uis.format(yesterday.minusHours(1)), "till", uis.format(yesterday)), key), 202);
        expect(call("POST", backfill, base + "/" + profileId + "/backfill", Map.of("from",
                uis.format(yesterday), "till", uis.format(yesterday.minusHours(1))), key), 400);
        expect(call("GET", backfill, base + "/" + profileId + "/backfill", null, key), 200);
        expect(call("GET", backfill, base + "/no-such-profile-" + UNIQUE + "/backfill", null, key), 404);

        // A call of this profile's employee that fails (OpenAI refuses it with a 400, which is never retried),
        // so that it can be read and retried.
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("wav_tracks", true).put("record_delay_seconds", 0)
                .put("start_time", uis.format(LocalDateTime.now(ZoneId.of("Asia/Almaty")).minusMinutes(30)))
                .put("direction", "in").put("talk_duration", 30).put("total_duration", 40).put("is_lost", false)
                .put("contact_phone_number", "7701" + String.format("%07d", employee))
                .put("employee_id", employee).put("employee_full_name", "Сотрудник " + employee)
                .put("transcript", "Оператор: Клиника, здравствуйте.\nКлиент: Сколько стоит МРТ?");
        long callId = sandboxPost("/uis/_control/calls", c).path("calls").path(0).path("id").asLong();
        sandboxPost("/_control/faults/openai", Map.of("faults", List.of(Map.of("status", 400, "count", 20))));
        try {
            fire("UisPullFunction/Pull");
            Await.until("call " + callId + " failed", Duration.ofSeconds(120), () -> {
                JsonNode listed = json(PlatformStackFixture.send("GET", api() + base + "/" + profileId + "/calls",
                        null, key));
                return StreamSupport.stream(listed.path("calls").spliterator(), false)
                        .filter(x -> x.path("callId").asLong() == callId && x.path("status").asText().equals("failed"))
                        .findFirst();
            });
        } finally {
            PlatformStackFixture.send("DELETE", PlatformStackFixture.sandbox("/_control/faults"), null);
        }
        String call = calls + "/{callId}";
        expect(call("GET", call, base + "/" + profileId + "/calls/" + callId, null, key), 200);
        expect(call("GET", call, base + "/" + profileId + "/calls/1", null, key), 404);
        String retry = call + "/retry";
        expect(call("POST", retry, base + "/" + profileId + "/calls/" + callId + "/retry", null, key), 202);
        expect(call("POST", retry, base + "/" + profileId + "/calls/1/retry", null, key), 404);

        // Status and pull now after the pull above: a pull now moves the checkpoint, and the call added above lies
        // half an hour back, so pulling earlier would have left it behind the next run's window.
        String status = one + "/status";
        expect(call("GET", status, base + "/" + profileId + "/status", null, key), 200);
        expect(call("GET", status, base + "/" + profileId + "/status?date=yesterday", null, key), 400);
        expect(call("GET", status, base + "/no-such-profile-" + UNIQUE + "/status", null, key), 404);
        String pull = one + "/pull";
        expect(call("POST", pull, base + "/" + profileId + "/pull", null, key), 200);
        expect(call("POST", pull, base + "/no-such-profile-" + UNIQUE + "/pull", null, key), 404);

        // Off again: every enabled profile spends the shared simulated UIS account's points on each pull.
        ObjectNode off = json(PlatformStackFixture.send("GET", api() + base + "/" + profileId, null, key)).deepCopy();
        off.put("enabled", false);
        expect(PlatformStackFixture.send("PUT", api() + base + "/" + profileId, off.toString(), key), 200);
        expect(call("POST", pull, base + "/" + profileId + "/pull", null, key), 409);
    }

    private static void disableDemo() {
        HttpResponse<String> r = PlatformStackFixture.send("GET", api() + "/analytics/profiles/demo", null,
                "x-api-key", ANALYTICS_KEY);
        ObjectNode demo = json(r).deepCopy();
        if (r.statusCode() == 200 && demo.path("enabled").asBoolean(true)) {
            demo.put("enabled", false);
            PlatformStackFixture.send("PUT", api() + "/analytics/profiles/demo", demo.toString(),
                    "x-api-key", ANALYTICS_KEY);
        }
    }

    private static void fire(String rule) {
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(api() + "/_local/schedules/" + rule)).timeout(Duration.ofMinutes(5))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode() / 100).as(rule + ": " + r.body()).isEqualTo(2);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(rule + " not fired", e);
        }
    }

    // ------------------------------------------------------------------ console

    @Test
    @Order(7)
    void console() throws IOException {
        // Spring's cold start on a loaded build machine can pass the HTTP client's timeout: start it first.
        PlatformStackFixture.stack().runtime().warmUp("ConsoleFunction");
        HttpResponse<String> start = call("GET", "/console", "/console", null);
        assertThat(start.statusCode()).isIn(200, 302);
        HttpResponse<String> served = call("GET", "/console/{proxy+}", "/console/static/openapi.yaml", null);
        expect(served, 200);
        assertThat(served.body()).as("the console serves docs/openapi.yaml as it is")
                .isEqualTo(Files.readString(OpenApiDocument.file(), StandardCharsets.UTF_8));
        expect(call("GET", "/console/{proxy+}", "/console/static/no-such-file-" + UNIQUE + ".css", null), 404);

        String key = ConsoleAccess.adminApiKey("openapi-it-" + UNIQUE);
        String assistant = ConsoleAccess.assistant("openapi-console-it-" + UNIQUE, "gpt-6-luna",
                "Ты ассистент клиники для проверки OpenAPI.");
        String[] bearer = {"Authorization", "Bearer " + key};

        expect(call("GET", "/api/assistants", "/api/assistants", null, bearer), 200);
        expect(call("GET", "/api/assistants", "/api/assistants", null), 401);
        expect(call("GET", "/api/assistants/{id}", "/api/assistants/" + assistant, null, bearer), 200);
        expect(call("GET", "/api/assistants/{id}", "/api/assistants/asst_none" + UNIQUE, null, bearer), 404);

        HttpResponse<String> thread = call("POST", "/api/threads", "/api/threads", null, bearer);
        expect(thread, 201);
        expect(call("POST", "/api/threads", "/api/threads", null, "Authorization", "Bearer ck_not-a-key"), 401);
        String threadId = json(thread).path("thread_id").asText();
        String messages = "/api/threads/{id}/messages";
        expect(call("POST", messages, "/api/threads/" + threadId + "/messages", Map.of("content", "Привет"), bearer),
                201);
        expect(callMalformed("POST", messages, "/api/threads/" + threadId + "/messages", Map.of("content", ""),
                bearer), 400);
        expect(call("GET", messages, "/api/threads/" + threadId + "/messages", null, bearer), 200);
        expect(call("GET", messages, "/api/threads/thread_none" + UNIQUE + "/messages", null, bearer), 404);

        String run = "/api/threads/{id}/run";
        expect(call("POST", run, "/api/threads/" + threadId + "/run", Map.of("assistant_id", "asst_none" + UNIQUE),
                bearer), 404);
        HttpResponse<String> started = call("POST", run, "/api/threads/" + threadId + "/run",
                Map.of("assistant_id", assistant), bearer);
        expect(started, 201);
        String runId = json(started).path("run_id").asText();
        String one = "/api/threads/{id}/runs/{run_id}";
        expect(call("GET", one, "/api/threads/" + threadId + "/runs/" + runId, null, bearer), 200);
        expect(call("GET", one, "/api/threads/" + threadId + "/runs/run_none" + UNIQUE, null, bearer), 404);
        String cancel = one + "/cancel";
        expect(call("POST", cancel, "/api/threads/" + threadId + "/runs/" + runId + "/cancel", null, bearer), 200);
        expect(call("POST", cancel, "/api/threads/" + threadId + "/runs/run_none" + UNIQUE + "/cancel", null, bearer),
                404);
    }

    // ------------------------------------------------------------------ coverage

    @Test
    @Order(100)
    void everyOperationWasAnsweredAsDocumentedWithSuccessAndWithAnError() {
        assertThat(PROBLEMS).as("answers or requests that disagree with docs/openapi.yaml").isEmpty();
        Map<String, String> missing = new TreeMap<>();
        for (OpenApiDocument.Operation op : DOC.operations().values()) {
            Set<Integer> seen = SEEN.getOrDefault(op.key(), Set.of());
            if (seen.stream().noneMatch(s -> s / 100 == 2 || s / 100 == 3)) {
                missing.put(op.key(), "no success answer (seen " + new TreeSet<>(seen) + ")");
            } else if (DOC.statuses(op).stream().anyMatch(s -> s.startsWith("4"))
                    && seen.stream().noneMatch(s -> s / 100 == 4)) {
                missing.put(op.key(), "no documented error case sent (seen " + new TreeSet<>(seen) + ")");
            }
        }
        assertThat(missing).as("operations of docs/openapi.yaml the test did not hold to the document").isEmpty();
        assertThat(new ArrayList<>(SEEN.keySet())).as("operations exercised").hasSize(DOC.operations().size());
    }
}
