package kz.clinicai.local.console;

import static kz.clinicai.local.PlatformStackFixture.json;
import static kz.clinicai.local.PlatformStackFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.chat.Await;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The console's "Аналитика" page on the platform stack: profiles created and edited through the real analytics API
 * (its validation shown per field), the audit on the page, editors refused.
 */
class ConsoleAnalyticsProfilesIT {

    private static final String KEY = "local-analytics-key";
    /** The UIS simulator's token (its setting uis.accessToken). */
    private static final String UIS_TOKEN = "sandbox-uis-token";
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 100_000);

    private static String spreadsheet() {
        ObjectNode s = Json.mapper().createObjectNode();
        s.putObject("properties").put("title", "console IT");
        s.putArray("sheets").addObject().putObject("properties").put("title", "Звонки");
        return PlatformStackFixture.sandboxPost("/sheets/_control/spreadsheets", s).path("spreadsheetId").asText();
    }

    private static Map<String, String> form(String id, String spreadsheetId) {
        Map<String, String> f = new HashMap<>();
        f.put("profileId", id);
        f.put("name", "Клиника из консоли");
        f.put("enabled", "false"); // no pull spends the shared UIS account's points on it
        f.put("uisTokenSecret", "clinicai/analytics/demo-uis");
        f.put("uisTimeZone", "Asia/Almaty");
        f.put("directionIn", "true");
        f.put("directionOut", "true");
        f.put("employeeIds", "990001");
        f.put("spreadsheetId", spreadsheetId);
        f.put("sheetName", "Звонки");
        f.put("googleSecret", "clinicai/analytics/google");
        f.put("languages", "ru, kk");
        f.put("c0.key", "tone");
        f.put("c0.title", "Тон");
        f.put("c0.type", "enum");
        f.put("c0.values", "позитивный\nнейтральный\nнегативный");
        f.put("c0.instructions", "Эмоциональный тон клиента.");
        f.put("c1.key", "");
        f.put("c1.title", "");
        f.put("c1.type", "text");
        f.put("c1.values", "");
        f.put("c1.instructions", "");
        f.put("writeBackComment", "true");
        return f;
    }

    private static HttpResponse<String> apiGet(String path) {
        return send("GET", PlatformStackFixture.api() + path, null, "x-api-key", KEY);
    }

    private static String newId() {
        return "console-" + IDS.incrementAndGet();
    }

    @Test
    void anAdminCreatesAProfileWhichTheApiStoresAndThePageShowsWithItsHistory() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String id = newId();
        Map<String, String> f = form(id, spreadsheet());
        f.put("_csrf", admin.csrf("/console/analytics/new"));
        HttpResponse<String> created = admin.postForm("/console/analytics", f);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("location").orElseThrow()).endsWith("/console/analytics/" + id + "?msg=created");

        JsonNode stored = json(apiGet("/analytics/profiles/" + id));
        assertThat(stored.path("name").asText()).isEqualTo("Клиника из консоли");
        assertThat(stored.path("criteria").path(0).path("values")).hasSize(3);
        assertThat(stored.path("calls").path("employeeIds").path(0).asLong()).isEqualTo(990001);

        String page = admin.get("/console/analytics/" + id + "?msg=created").body();
        assertThat(page).contains("Профиль создан").contains("value=\"Клиника из консоли\"")
                .contains("data-testid=\"history-action\">created<").contains(ConsoleUsers.ADMIN_EMAIL);
        assertThat(admin.get("/console/analytics").body()).contains("data-profile=\"" + id + "\"");
    }

    @Test
    void theApisProblemsAreShownAtTheirFieldsAndNothingIsStored() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String id = newId();
        Map<String, String> f = form(id, spreadsheet());
        f.put("c0.key", "Bad Key");
        f.put("c0.values", "один");
        f.put("virtualNumbers", "+7 727 200");
        f.put("_csrf", admin.csrf("/console/analytics/new"));
        HttpResponse<String> refused = admin.postForm("/console/analytics", f);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("data-problem=\"criteria[0].key\"").contains("data-problem=\"criteria[0].values\"")
                .contains("data-problem=\"calls.virtualNumbers\"").contains("Профиль не сохранён")
                // what the person typed is kept
                .contains("value=\"Bad Key\"");
        assertThat(apiGet("/analytics/profiles/" + id).statusCode()).isEqualTo(404);

        // A secret that does not exist: the API's check, at the field.
        Map<String, String> unknown = form(id, spreadsheet());
        unknown.put("uisTokenSecret", "clinicai/analytics/no-such-secret");
        unknown.put("_csrf", admin.csrf("/console/analytics/new"));
        assertThat(admin.postForm("/console/analytics", unknown).body()).contains("data-problem=\"uis.accessTokenSecret\"");
        assertThat(apiGet("/analytics/profiles/" + id).statusCode()).isEqualTo(404);
        assertThat(admin.get("/console/analytics/" + id).statusCode()).isEqualTo(404);

        // An uploaded Google key that is no service-account key JSON: refused at its field, before anything is stored.
        Map<String, String> badKey = form(id, spreadsheet());
        badKey.put("googleSecret", "clinicai/analytics/" + id + "-google");
        badKey.put("googleKeyValue", "{\"type\":\"service_account\"}");
        badKey.put("_csrf", admin.csrf("/console/analytics/new"));
        assertThat(admin.postForm("/console/analytics", badKey).body())
                .contains("data-problem=\"sheet.serviceAccountSecret\"").contains("client_email");
        assertThat(admin.get("/console/analytics/new").body()).doesNotContain(id + "-google");
    }

    @Test
    void anEditIsStoredAuditedWithWhatChangedAndRefusedToAnEditor() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String id = newId();
        Map<String, String> f = form(id, spreadsheet());
        f.put("_csrf", admin.csrf("/console/analytics/new"));
        assertThat(admin.postForm("/console/analytics", f).statusCode()).isEqualTo(302);

        Map<String, String> edit = new HashMap<>(f);
        edit.put("name", "Клиника, Алматы");
        edit.put("c1.key", "callback");
        edit.put("c1.title", "Перезвонить");
        edit.put("c1.type", "boolean");
        edit.put("c1.instructions", "Нужно ли перезвонить.");
        edit.put("version", "1");
        edit.put("_csrf", admin.csrf("/console/analytics/" + id));
        HttpResponse<String> saved = admin.postForm("/console/analytics/" + id, edit);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        JsonNode stored = json(apiGet("/analytics/profiles/" + id));
        assertThat(stored.path("name").asText()).isEqualTo("Клиника, Алматы");
        assertThat(stored.path("version").asLong()).isEqualTo(2);
        assertThat(stored.path("criteria")).hasSize(2);

        String page = admin.get("/console/analytics/" + id).body();
        assertThat(page).contains("data-testid=\"history-action\">updated<")
                .contains("<code>name</code>:\n        <span>Клиника из консоли</span> → <span>Клиника, Алматы</span>")
                .contains("<code>criteria[1].key</code>");

        // The same stale version again: the API's conflict, above the form; nothing changed.
        edit.put("name", "Опоздавшая правка");
        edit.put("_csrf", admin.csrf("/console/analytics/" + id));
        HttpResponse<String> stale = admin.postForm("/console/analytics/" + id, edit);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("data-testid=\"problems-general\"").contains("version");
        assertThat(json(apiGet("/analytics/profiles/" + id)).path("name").asText()).isEqualTo("Клиника, Алматы");

        String editorEmail = "analytics-editor-" + IDS.incrementAndGet() + "@clinic.example.kz";
        ConsoleClient editor = ConsoleUsers.approvedEditor(admin, editorEmail, "editor-password-3");
        editor.login(editorEmail, "editor-password-3");
        String readOnly = editor.get("/console/analytics/" + id).body();
        assertThat(readOnly).contains("value=\"Клиника, Алматы\"").doesNotContain("data-testid=\"profile-save\"");
        edit.put("name", "Правка редактора");
        edit.put("version", "2");
        edit.put("_csrf", editor.csrf("/console/analytics/" + id));
        assertThat(editor.postForm("/console/analytics/" + id, edit).statusCode()).isEqualTo(403);
        assertThat(editor.get("/console/analytics/new").statusCode()).isEqualTo(403);
        assertThat(json(apiGet("/analytics/profiles/" + id)).path("name").asText()).isEqualTo("Клиника, Алматы");
    }

    @Test
    void pullNowReachesTheUisSimulatorAFailedCallIsRetriedAndBothAreAudited() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String id = newId();
        long employee = 880_000 + IDS.incrementAndGet() % 100_000;
        Map<String, String> f = form(id, spreadsheet());
        f.put("enabled", "true");
        f.put("employeeIds", String.valueOf(employee));
        // The UIS token uploaded with the form, under a name of its own: the pull below reads UIS with it.
        String uisSecret = "clinicai/analytics/" + id + "-uis";
        f.put("uisTokenSecret", uisSecret);
        f.put("uisTokenValue", UIS_TOKEN);
        f.put("_csrf", admin.csrf("/console/analytics/new"));
        HttpResponse<String> created = admin.postForm("/console/analytics", f);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String createdPage = admin.get("/console/analytics/" + id).body();
        assertThat(createdPage).contains("<code>secret " + uisSecret + "</code>").contains("(загружен)")
                .doesNotContain(UIS_TOKEN);
        assertThat(admin.get("/console/analytics/new").body()).contains("<option value=\"" + uisSecret + "\">");
        try {
            ObjectNode call = Json.mapper().createObjectNode();
            call.put("record_delay_seconds", 0).put("start_time", LocalDateTime.now(ZoneId.of("Asia/Almaty"))
                    .minusMinutes(30).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
            call.put("direction", "in").put("talk_duration", 40).put("total_duration", 50).put("is_lost", false)
                    .put("contact_phone_number", "77019990000").put("employee_id", employee)
                    .put("employee_full_name", "Сотрудник Консольный").put("transcript", "Здравствуйте, запись к врачу.");
            long callId = PlatformStackFixture.sandboxPost("/uis/_control/calls", call).path("calls").path(0)
                    .path("id").asLong();
            assertThat(json(apiGet("/analytics/profiles/" + id + "/status")).path("pulledUntil").isMissingNode()).isTrue();

            // The seeded demo profile would take the OpenAI fault meant for this call (as in CallAnalyticsFaultsIT).
            ObjectNode demo = (ObjectNode) json(apiGet("/analytics/profiles/demo"));
            if (demo.path("enabled").asBoolean(true)) {
                demo.put("enabled", false);
                send("PUT", PlatformStackFixture.api() + "/analytics/profiles/demo", demo.toString(), "x-api-key", KEY);
            }
            // A 400 is the caller's mistake in OpenAI's eyes: the call fails at once, so the page offers its retry.
            PlatformStackFixture.sandboxPost("/_control/faults/openai", Map.of("faults", List.of(Map.of("status", 400))));
            HttpResponse<String> pulled = admin.postForm("/console/analytics/" + id + "/pull",
                    Map.of("_csrf", admin.csrf("/console/analytics/" + id)));
            assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(302);

            // The pull stored the call (the worker may already have moved it on) and moved the checkpoint.
            assertThat(apiGet("/analytics/profiles/" + id + "/calls/" + callId).statusCode()).isEqualTo(200);
            JsonNode status = json(apiGet("/analytics/profiles/" + id + "/status"));
            assertThat(status.path("pulledUntil").asText()).isNotEmpty();
            assertThat(status.path("counted").asInt()).isEqualTo(1);
            // every status is listed; the worker may already have failed the call (the injected OpenAI 400)
            assertThat(status.path("calls").path("queued").isInt()).isTrue();
            assertThat(status.path("calls").path("failed").isInt()).isTrue();
            String page = admin.get("/console/analytics/" + id + "?msg=pulled").body();
            assertThat(page).contains("Загрузка выполнена")
                    // seen: every call UIS listed (the employee filter is applied on our side); queued: this one
                    .containsPattern("pulled now: \\d+ calls seen, 1 queued<")
                    .contains("data-testid=\"pull-state\"").doesNotContain("ещё не загружалось");

            Await.until("call failed", Duration.ofSeconds(120), () -> "failed".equals(json(apiGet(
                    "/analytics/profiles/" + id + "/calls/" + callId)).path("status").asText().toLowerCase())
                    ? Optional.of(true) : Optional.empty());
            String failedPage = admin.get("/console/analytics/" + id).body();
            assertThat(failedPage).contains("data-testid=\"retry-" + callId + "\"").contains("data-status=\"failed\"");
            HttpResponse<String> retried = admin.postForm("/console/analytics/" + id + "/calls/" + callId + "/retry",
                    Map.of("_csrf", admin.csrf("/console/analytics/" + id)));
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(302);
            assertThat(json(apiGet("/analytics/profiles/" + id + "/calls/" + callId)).path("status").asText())
                    .isNotEqualToIgnoringCase("failed");
            assertThat(admin.get("/console/analytics/" + id).body()).contains("call " + callId + " retried");

            String editorEmail = "analytics-puller-" + IDS.incrementAndGet() + "@clinic.example.kz";
            ConsoleClient editor = ConsoleUsers.approvedEditor(admin, editorEmail, "editor-password-4");
            editor.login(editorEmail, "editor-password-4");
            assertThat(editor.postForm("/console/analytics/" + id + "/pull",
                    Map.of("_csrf", editor.csrf("/console/analytics/" + id))).statusCode()).isEqualTo(403);
        } finally {
            PlatformStackFixture.send("DELETE", PlatformStackFixture.sandbox("/_control/faults"), null);
            // Enabled test profiles spend the shared simulated UIS account's points on every pull.
            ObjectNode off = (ObjectNode) json(apiGet("/analytics/profiles/" + id));
            off.put("enabled", false);
            send("PUT", PlatformStackFixture.api() + "/analytics/profiles/" + id, off.toString(), "x-api-key", KEY);
        }
        // A disabled profile is not pulled: the API's refusal reaches the person.
        HttpResponse<String> refused = admin.postForm("/console/analytics/" + id + "/pull",
                Map.of("_csrf", admin.csrf("/console/analytics/" + id)));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("disabled");
    }
}
