package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;

/**
 * The console's users shared by the ITs of one JVM (one stack): the first registration makes the admin, so it
 * happens once, here.
 */
final class ConsoleUsers {

    static final String ADMIN_EMAIL = "admin@clinic.example.kz";
    static final String ADMIN_PASSWORD = "admin-password-1";
    private static boolean registered;

    private ConsoleUsers() {
    }

    static synchronized void admin() {
        if (!registered) {
            // Spring's cold start on a loaded build machine can pass the HTTP client's timeout: start it first.
            PlatformStackFixture.stack().runtime().warmUp("ConsoleFunction");
            HttpResponse<String> r = new ConsoleClient().register(ADMIN_EMAIL, ADMIN_PASSWORD);
            assertThat(r.headers().firstValue("location").orElse(r.body())).endsWith("registered=admin");
            registered = true;
        }
    }

    /**
     * True (once) when nobody registered yet: the caller then registers {@link #ADMIN_EMAIL} itself (the browser
     * test does, to see the first-user path in the browser).
     */
    static synchronized boolean claimFirstRegistration() {
        if (registered) {
            return false;
        }
        PlatformStackFixture.stack().runtime().warmUp("ConsoleFunction");
        String page = new ConsoleClient().get("/console/register").body();
        registered = true;
        if (page.contains("Вы первый пользователь")) {
            return true;
        }
        return false;
    }

    static ConsoleClient loggedInAdmin() {
        admin();
        ConsoleClient c = new ConsoleClient();
        HttpResponse<String> login = c.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(login.headers().firstValue("location").orElseThrow()).endsWith("/console/dashboard");
        return c;
    }

    static void approve(ConsoleClient admin, String email) {
        String token = admin.csrf("/console/users");
        HttpResponse<String> r = admin.postForm("/console/users/approve", Map.of("email", email, "_csrf", token));
        assertThat(r.statusCode()).isEqualTo(302);
    }

    static ConsoleClient approvedEditor(ConsoleClient admin, String email, String password) {
        ConsoleClient c = new ConsoleClient();
        c.register(email, password);
        approve(admin, email);
        return c;
    }

    /** Creates an assistant through the console's form; returns its id. */
    static String createAssistant(ConsoleClient admin, String name, String model, String instructions,
                                  String temperature, String topP) {
        String token = admin.csrf("/console/assistants/new");
        HttpResponse<String> r = admin.postForm("/console/assistants", Map.of("name", name, "model", model,
                "instructions", instructions, "temperature", temperature, "topP", topP, "_csrf", token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("location").orElseThrow();
        return location.substring(location.indexOf("/console/assistants/") + "/console/assistants/".length(),
                location.indexOf('?'));
    }
}
