package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registration, login, sessions, CSRF, throttling and headers of the console through the local stack. */
class ConsoleAuthIT {

    @BeforeAll
    static void stack() {
        PlatformStackFixture.stack();
        ConsoleUsers.admin();
    }

    @Test
    void theStartPageOffersLoginAndRegistrationWithSecurityHeaders() {
        HttpResponse<String> start = new ConsoleClient().get("/console");
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.body()).contains("Войти").contains("Регистрация");
        assertThat(start.headers().firstValue("content-security-policy").orElseThrow())
                .contains("frame-ancestors 'none'").contains("script-src 'self'");
        assertThat(start.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(start.headers().firstValue("x-frame-options")).contains("DENY");
    }

    @Test
    void pagesNeedALoginAndTheSessionCookieIsHttpOnlyAndSameSite() {
        ConsoleClient anonymous = new ConsoleClient();
        HttpResponse<String> page = anonymous.get("/console/assistants");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("location").orElseThrow()).endsWith("/console/login");

        ConsoleClient admin = new ConsoleClient();
        HttpResponse<String> login = admin.login(ConsoleUsers.ADMIN_EMAIL, ConsoleUsers.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("location").orElseThrow()).endsWith("/console/dashboard");
        String session = ConsoleClient.setCookies(login).stream().filter(c -> c.startsWith("console_session="))
                .findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        // The cookie is sealed: the email is not readable in it.
        assertThat(session).doesNotContain("admin");
        HttpResponse<String> dashboard = admin.get("/console/dashboard");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains(ConsoleUsers.ADMIN_EMAIL).contains("Расход по каналам");
    }

    @Test
    void aTamperedSessionCookieIsNoSession() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String cookie = admin.cookies.get("console_session");
        char last = cookie.charAt(cookie.length() - 1);
        admin.cookies.put("console_session", cookie.substring(0, cookie.length() - 1) + (last == 'A' ? 'B' : 'A'));
        assertThat(admin.get("/console/dashboard").statusCode()).isEqualTo(302);
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        HttpResponse<String> post = admin.postForm("/console/assistants", Map.of("name", "csrf-less",
                "model", "gpt-6-luna", "instructions", "x"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("CSRF");
        HttpResponse<String> api = admin.postJson("/api/threads", "{}");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(PlatformStackFixture.json(api).path("error").asText()).isEqualTo("csrf");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenForTheRightPassword() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String email = "throttled-" + System.nanoTime() + "@example.kz";
        ConsoleUsers.approvedEditor(admin, email, "right-password-1");
        ConsoleClient attacker = new ConsoleClient();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = attacker.login(email, "wrong-password-" + i);
            assertThat(wrong.headers().firstValue("location").orElseThrow()).endsWith("/console/login?error=bad");
        }
        HttpResponse<String> locked = attacker.login(email, "right-password-1");
        assertThat(locked.headers().firstValue("location").orElseThrow()).endsWith("/console/login?error=locked");
        assertThat(attacker.cookies).doesNotContainKey("console_session");
    }

    @Test
    void aSecondUserWaitsForApprovalAndAnEditorCannotOpenAdminPages() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String email = "editor-" + System.nanoTime() + "@example.kz";
        ConsoleClient editor = new ConsoleClient();
        HttpResponse<String> registered = editor.register(email, "editor-password-1");
        assertThat(registered.headers().firstValue("location").orElseThrow()).endsWith("registered=pending");
        HttpResponse<String> early = editor.login(email, "editor-password-1");
        assertThat(early.headers().firstValue("location").orElseThrow()).endsWith("error=pending");

        ConsoleUsers.approve(admin, email);
        assertThat(editor.login(email, "editor-password-1").headers().firstValue("location").orElseThrow())
                .endsWith("/console/dashboard");
        assertThat(editor.get("/console/assistants").statusCode()).isEqualTo(200);
        assertThat(editor.get("/console/users").statusCode()).isEqualTo(403);
    }
}
