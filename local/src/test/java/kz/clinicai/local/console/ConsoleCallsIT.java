package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's "Звонки" page through the local stack, which calls the stack's own calls API: settings saved and
 * shown, the API's validation shown as one message per problem (nothing saved), the do-not-call list added to and
 * taken from, each change in the page's history, a call's turns and outcome, and an editor who reads but cannot
 * change.
 */
class ConsoleCallsIT {

    @BeforeAll
    static void stack() {
        PlatformStackFixture.stack();
        ConsoleUsers.admin();
    }

    /** Other calls ITs share the stack's calls settings: left unset. */
    @AfterEach
    void unsetTheSettings() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        HttpResponse<String> r = admin.postForm("/console/calls/settings", Map.of("_csrf", admin.csrf("/console/calls")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    }

    @Test
    void anAdminSavesTheSettingsAndTheChangeIsAuditedOnThePage() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        HttpResponse<String> page = admin.get("/console/calls");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"nav-calls\"").contains("Не звонить")
                .contains("placeholder=\"" + PlatformStackFixture.CALLS_HOURS + "\"").contains("+77010000099");

        HttpResponse<String> saved = admin.postForm("/console/calls/settings", Map.of("operatorPhone", "8 701 000 00 07",
                "callingHours", "10:00-18:00", "retryIntervalSeconds", "1200", "maxAttempts", "2",
                "_csrf", admin.csrf("/console/calls")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("location").orElseThrow()).endsWith("/console/calls?msg=settings");

        HttpResponse<String> after = admin.get("/console/calls?msg=settings");
        assertThat(after.body()).contains("value=\"+77010000007\"").contains("value=\"10:00-18:00\"")
                .contains("Настройки сохранены");
        String history = section(after.body(), "calls-history");
        assertThat(history).contains(ConsoleUsers.ADMIN_EMAIL).contains("settings updated")
                .contains("calling_hours: — → 10:00-18:00").contains("operator_phone: — → +77010000007")
                .contains("max_attempts: — → 2");

        // Edited: only what changed is in the new entry.
        HttpResponse<String> edited = admin.postForm("/console/calls/settings", Map.of("operatorPhone", "+77010000007",
                "callingHours", "11:00-18:00", "retryIntervalSeconds", "1200", "maxAttempts", "2",
                "_csrf", admin.csrf("/console/calls")));
        assertThat(edited.statusCode()).isEqualTo(302);
        assertThat(section(admin.get("/console/calls").body(), "calls-history"))
                .contains("calling_hours: 10:00-18:00 → 11:00-18:00");
    }

    @Test
    void theApisValidationComesBackAsOneMessagePerProblemAndNothingIsSaved() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        HttpResponse<String> bad = admin.postForm("/console/calls/settings", Map.of("operatorPhone", "12",
                "callingHours", "21:00-09:00", "retryIntervalSeconds", "ten", "maxAttempts", "99",
                "_csrf", admin.csrf("/console/calls")));
        assertThat(bad.statusCode()).isEqualTo(400);
        String problems = section(bad.body(), "settings-problems");
        assertThat(problems.split("<li>", -1)).hasSize(5);
        assertThat(problems).contains("Телефон оператора:").contains("Часы звонков:")
                .contains("Интервал между попытками:").contains("Попыток на звонок:");
        // The form keeps what was typed.
        assertThat(bad.body()).contains("value=\"21:00-09:00\"").contains("value=\"ten\"");
        assertThat(admin.get("/console/calls").body()).doesNotContain("value=\"21:00-09:00\"");
    }

    @Test
    void numbersAreAddedImportedAndRemovedWithTheirHistory() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String a = "+7701" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
        String b = "+7702" + String.format("%07d", Math.floorMod(System.nanoTime() / 7, 10_000_000L));
        HttpResponse<String> bad = admin.postForm("/console/calls/do-not-call", Map.of("phones", a + "\nabc",
                "note", "IT", "_csrf", admin.csrf("/console/calls")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(section(bad.body(), "dnc-problems")).contains("Номер 2:");
        assertThat(section(admin.get("/console/calls").body(), "dnc-list")).doesNotContain(a);

        HttpResponse<String> ok = admin.postForm("/console/calls/do-not-call", Map.of("phones", a + ", " + b,
                "note", "просили", "_csrf", admin.csrf("/console/calls")));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
        String page = admin.get("/console/calls").body();
        assertThat(section(page, "dnc-list")).contains(a).contains(b).contains("просили");
        assertThat(section(page, "calls-history")).contains("do-not-call imported")
                .contains("do-not-call " + a + ": — → в списке (просили)");

        HttpResponse<String> removed = admin.postForm("/console/calls/do-not-call/remove", Map.of("phone", a,
                "_csrf", admin.csrf("/console/calls")));
        assertThat(removed.statusCode()).isEqualTo(302);
        page = admin.get("/console/calls").body();
        assertThat(section(page, "dnc-list")).doesNotContain(a).contains(b);
        assertThat(section(page, "calls-history")).contains("do-not-call removed");
        HttpResponse<String> again = admin.postForm("/console/calls/do-not-call/remove", Map.of("phone", a,
                "_csrf", admin.csrf("/console/calls")));
        assertThat(again.statusCode()).isEqualTo(404);
        admin.postForm("/console/calls/do-not-call/remove", Map.of("phone", b, "_csrf", admin.csrf("/console/calls")));
    }

    @Test
    void anEditorReadsThePageButCannotChangeAnything() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String email = "calls-editor-" + System.nanoTime() + "@example.kz";
        ConsoleClient editor = ConsoleUsers.approvedEditor(admin, email, "editor-password-1");
        editor.login(email, "editor-password-1");
        HttpResponse<String> page = editor.get("/console/calls");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("История изменений").doesNotContain("data-testid=\"settings-save\"")
                .doesNotContain("data-testid=\"dnc-add\"");

        HttpResponse<String> refused = editor.postForm("/console/calls/settings", Map.of("callingHours", "00:00-01:00",
                "_csrf", editor.csrf("/console/calls")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("только администратор");
        assertThat(editor.postForm("/console/calls/do-not-call", Map.of("phones", "+77015550000",
                "_csrf", editor.csrf("/console/calls"))).statusCode()).isEqualTo(403);
        assertThat(editor.postForm("/console/calls/do-not-call/remove", Map.of("phone", "+77010000099",
                "_csrf", editor.csrf("/console/calls"))).statusCode()).isEqualTo(403);
        String after = admin.get("/console/calls").body();
        assertThat(after).doesNotContain("value=\"00:00-01:00\"").contains("+77010000099");
        assertThat(section(after, "calls-history")).doesNotContain(email);
    }

    @Test
    void aRecentCallOpensWithItsDetails() throws Exception {
        String phone = "+7701" + String.format("%07d", Math.floorMod(System.nanoTime() / 3, 10_000_000L));
        HttpResponse<String> created = PlatformStackFixture.send("POST", PlatformStackFixture.api() + "/calls",
                "{\"phone\":\"" + phone + "\",\"timezone\":\"" + nightZone() + "\",\"schedule\":true}",
                "x-api-key", "local-calls-key");
        assertThat(created.statusCode()).as(created.body()).isIn(201);
        String id = PlatformStackFixture.json(created).path("call_id").asText();
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        assertThat(section(admin.get("/console/calls").body(), "recent-calls")).contains(id).contains(phone);
        HttpResponse<String> call = admin.get("/console/calls/" + id);
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(section(call.body(), "call-details")).contains(phone);
        assertThat(admin.get("/console/calls/call_nope").statusCode()).isEqualTo(404);
    }

    /** A zone where it is night now: the call is scheduled, not dialled. */
    private static String nightZone() {
        java.time.Instant now = java.time.Instant.now();
        for (int offset = -12; offset <= 14; offset++) {
            String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
            int hour = now.atZone(java.time.ZoneId.of(zone)).getHour();
            if (hour >= 0 && hour <= 6) {
                return zone;
            }
        }
        throw new IllegalStateException("no night zone");
    }

    /** The element carrying {@code data-testid} up to the next section's end (enough for contains()). */
    private static String section(String html, String testId) {
        int at = html.indexOf("data-testid=\"" + testId + "\"");
        assertThat(at).as(testId + " in page").isGreaterThanOrEqualTo(0);
        int end = html.indexOf("</section>", at);
        return html.substring(at, end < 0 ? html.length() : end);
    }
}
