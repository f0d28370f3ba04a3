package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in Debian's Chromium through the local stack: registration and login, an assistant with the defaults,
 * the test chat, a vector store with a file, attaching it, a rollback, search and pages over 25 items, spend by
 * channel, password change, closed registration, and the phone-sized layout. On every page of every test the browser
 * makes no failed request (network error or HTTP status ≥ 400, the icon included) and logs no console error, except
 * the refusals a test provokes on purpose. Screenshots: target/screenshots.
 */
class ConsoleBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final double TIMEOUT_MS = 30_000;
    private static Playwright playwright;
    private static Browser browser;
    // What went wrong in the browser during the current test: failed requests, error statuses, console errors.
    private static final List<String> PROBLEMS = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Refusals a test provokes on purpose ("status path"), not counted as problems; each also allows the one console
    // line Chromium logs for it ("Failed to load resource: … status of N").
    private static final List<String> EXPECTED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final List<Integer> EXPECTED_SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        PlatformStackFixture.stack().runtime().warmUp("ConsoleFunction");
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    private static Page page(BrowserContext context) {
        Page page = context.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        page.onDialog(dialog -> dialog.accept()); // the console confirms deletes and rollbacks
        page.onRequestFailed(r -> PROBLEMS.add("failed " + r.method() + " " + r.url() + ": " + r.failure()));
        page.onResponse(r -> {
            String path = java.net.URI.create(r.url()).getPath();
            if (r.status() >= 400) {
                if (!EXPECTED.contains(r.status() + " " + path)) {
                    PROBLEMS.add(r.status() + " " + r.request().method() + " " + r.url());
                }
            }
        });
        // Every console error counts: the browser's own requests (the page icon) reach no network event, only the
        // console ("Failed to load resource: the server responded with a status of 404"), unless a test provoked it.
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                java.util.regex.Matcher status = java.util.regex.Pattern
                        .compile("^Failed to load resource: the server responded with a status of (\\d+)")
                        .matcher(m.text());
                if (!(status.find() && EXPECTED_SEEN.remove(Integer.valueOf(status.group(1))))) {
                    PROBLEMS.add("console error on " + page.url() + ": " + m.text());
                }
            }
        });
        page.onPageError(e -> PROBLEMS.add("page error on " + page.url() + ": " + e));
        return page;
    }

    private static void expect(int status, String path) {
        EXPECTED.add(status + " " + path);
        EXPECTED_SEEN.add(status);
    }

    @org.junit.jupiter.api.BeforeEach
    void forgetProblems() {
        PROBLEMS.clear();
        EXPECTED.clear();
        EXPECTED_SEEN.clear();
    }

    @org.junit.jupiter.api.AfterEach
    void noFailedRequestNorConsoleError() {
        assertThat(PROBLEMS).as("failed requests and console errors in the browser").isEmpty();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-" + name + ".png"))
                .setFullPage(true));
    }

    private static void login(Page page, String email, String password) {
        page.navigate(PlatformStackFixture.api() + "/console/login");
        page.getByTestId("login-email").fill(email);
        page.getByTestId("login-password").fill(password);
        page.getByTestId("login-submit").click();
    }

    @Test
    void anAdminManagesAssistantsFilesAndSettings() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setLocale("ru-RU"))) {
            Page page = page(context);
            String email;
            String password;
            // Registration: the first user of the stack becomes admin (unless another IT of this JVM registered
            // first; then a new registration waits for approval and the shared admin is used).
            page.navigate(PlatformStackFixture.api() + "/console");
            page.getByTestId("start-register").click();
            boolean first = ConsoleUsers.claimFirstRegistration();
            String newcomer = first ? ConsoleUsers.ADMIN_EMAIL : "browser-" + System.nanoTime() + "@example.kz";
            page.getByTestId("register-email").fill(newcomer);
            page.getByTestId("register-password").fill(first ? ConsoleUsers.ADMIN_PASSWORD : "browser-password-1");
            page.getByTestId("register-submit").click();
            assertThat(page.getByTestId("login-notice").innerText())
                    .contains(first ? "администратор" : "одобрения");
            shot(page, "registered");
            email = ConsoleUsers.ADMIN_EMAIL;
            password = ConsoleUsers.ADMIN_PASSWORD;
            login(page, email, password);
            page.waitForURL("**/console/dashboard");
            assertThat(page.getByTestId("current-user").innerText()).isEqualTo(email);

            // An assistant with the defaults.
            String name = "browser-assistant-" + System.nanoTime();
            page.getByTestId("nav-assistants").click();
            page.getByTestId("assistant-new").click();
            // A live reasoning model, without the sampling parameters it refuses.
            assertThat(page.getByTestId("form-model").inputValue()).isEqualTo("gpt-6-luna");
            assertThat(page.getByTestId("form-temperature").inputValue()).isEmpty();
            assertThat(page.getByTestId("form-top-p").inputValue()).isEmpty();
            page.getByTestId("form-name").fill(name);
            page.getByTestId("form-instructions").fill("Ты вежливый ассистент клиники.");
            page.getByTestId("form-save").click();
            assertThat(page.getByTestId("toast-ok").innerText()).contains("Ассистент создан");

            // A reasoning model with temperature is refused with a clear message, nothing saved.
            page.getByTestId("form-model").fill("gpt-6-luna");
            page.getByTestId("form-temperature").fill("0.30");
            page.getByTestId("form-save").click();
            assertThat(page.getByTestId("error-temperature").innerText()).contains("не принимает temperature");
            shot(page, "reasoning-refused");

            // Test chat, then clear the dialog.
            page.getByTestId("nav-assistants").click();
            page.getByTestId("assistant-search").fill(name);
            page.getByTestId("assistant-search-submit").click();
            page.locator("[data-testid=assistant-row][data-name='" + name + "'] [data-testid=assistant-test]").click();
            page.getByTestId("test-input").fill("Здравствуйте! Как записаться?");
            page.getByTestId("test-send").click();
            Locator reply = page.getByTestId("test-msg-assistant");
            reply.first().waitFor();
            assertThat(reply.first().innerText()).isNotBlank();
            shot(page, "test-chat");
            page.getByTestId("test-clear").click();
            page.getByTestId("test-msg-user").first().waitFor(new Locator.WaitForOptions()
                    .setState(WaitForSelectorState.DETACHED));
            assertThat(page.getByTestId("test-log").innerText()).isEmpty();
            page.keyboard().press("Escape");

            // A vector store with a file.
            String store = "kb-browser-" + System.nanoTime();
            page.getByTestId("nav-files").click();
            page.getByTestId("store-name").fill(store);
            page.getByTestId("store-create").click();
            assertThat(page.getByTestId("toast-ok").innerText()).contains("хранилище создано");
            page.getByTestId("file-input").setInputFiles(new FilePayload("prices.txt", "text/plain",
                    "Приём терапевта стоит 8000 тенге.".getBytes(StandardCharsets.UTF_8)));
            page.getByTestId("file-upload").click();
            page.getByTestId("file-row").first().waitFor();
            assertThat(page.getByTestId("file-status").first().innerText()).isIn("completed", "in_progress");
            shot(page, "vector-store");

            // Attach it: version 2; roll back to version 1: version 3 without the store.
            page.getByTestId("nav-assistants").click();
            page.getByTestId("assistant-search").fill(name);
            page.getByTestId("assistant-search-submit").click();
            page.locator("[data-testid=assistant-row][data-name='" + name + "'] a").first().click();
            page.getByTestId("form-vs-" + store).check();
            page.getByTestId("form-save").click();
            assertThat(page.getByTestId("toast-ok").innerText()).contains("новая версия");
            page.getByTestId("assistant-versions").click();
            assertThat(page.getByTestId("diff-fields").innerText()).contains("vector stores");
            shot(page, "versions-before-rollback");
            Files.writeString(SCREENSHOTS.resolve("console-versions.html"), page.content());
            page.getByTestId("rollback-1").click(); // the confirm() dialog is accepted (page())
            page.waitForURL("**msg=rolledback");
            assertThat(page.getByTestId("version-row").count()).isEqualTo(3);
            assertThat(page.getByTestId("diff-fields").innerText()).contains("vector stores");
            shot(page, "versions");

            // Spend by channel: the test chat above was metered as the console's channel.
            page.getByTestId("nav-dashboard").click();
            String legend = page.getByTestId("legend-console").innerText();
            assertThat(Double.parseDouble(legend.substring(legend.indexOf('$') + 1))).as(legend).isPositive();
            assertThat(page.locator("[data-testid=spend-chart] rect").count()).isGreaterThan(0);
            shot(page, "dashboard");

            // Change password, log out, log in with the new one.
            page.getByTestId("nav-settings").click();
            page.getByTestId("password-current").fill(password);
            page.getByTestId("password-new").fill("browser-new-password-1");
            page.getByTestId("password-save").click();
            assertThat(page.getByTestId("toast-ok").innerText()).contains("Пароль изменён");
            page.getByTestId("logout").click();
            login(page, email, "browser-new-password-1");
            page.waitForURL("**/console/dashboard");

            // Close registration: a newcomer is refused.
            page.getByTestId("nav-settings").click();
            page.getByTestId("registration-open").uncheck();
            page.getByTestId("site-save").click();
            assertThat(page.getByTestId("toast-ok").innerText()).contains("Настройки сохранены");
            try (BrowserContext stranger = browser.newContext()) {
                Page other = page(stranger);
                other.navigate(PlatformStackFixture.api() + "/console/register");
                assertThat(other.getByTestId("registration-closed").isVisible()).isTrue();
                assertThat(other.getByTestId("register-submit").count()).isZero();
                shot(other, "registration-closed");
            }
            ConsoleClient late = new ConsoleClient();
            assertThat(late.register("late-" + System.nanoTime() + "@example.kz", "late-password-1").body())
                    .contains("Регистрация закрыта");

            // Restore for the other ITs of this JVM: registration open, the shared admin's password.
            page.getByTestId("registration-open").check();
            page.getByTestId("site-save").click();
            page.getByTestId("password-current").fill("browser-new-password-1");
            page.getByTestId("password-new").fill(password);
            page.getByTestId("password-save").click();
            assertThat(page.getByTestId("toast-ok").innerText()).contains("Пароль изменён");
        }
    }

    @Test
    void searchAndPagesOverTwentyFiveAssistantsAndVectorStores() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String prefix = "bulk" + System.nanoTime();
        for (int i = 1; i <= 25; i++) {
            ConsoleUsers.createAssistant(admin, prefix + "-a" + String.format("%02d", i), "gpt-6-luna", "x", "", "");
            String token = admin.csrf("/console/files");
            admin.postForm("/console/files", Map.of("name", prefix + "-s" + String.format("%02d", i), "_csrf", token));
        }
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = page(context);
            login(page, ConsoleUsers.ADMIN_EMAIL, ConsoleUsers.ADMIN_PASSWORD);
            page.waitForURL("**/console/dashboard");
            // The admin's menu (ten sections) fits a 1280 px laptop screen: it wraps, nothing scrolls sideways.
            assertThat((Number) page.evaluate("document.documentElement.scrollWidth")).satisfies(
                    w -> assertThat(w.intValue()).isLessThanOrEqualTo(1280));
            for (String section : List.of("assistants", "files")) {
                String kind = section.equals("assistants") ? "assistant" : "store";
                page.getByTestId("nav-" + section).click();
                page.getByTestId(kind + "-search").fill(prefix);
                page.getByTestId(kind + "-search-submit").click();
                assertThat(page.getByTestId(kind + "-count").innerText()).isEqualTo("Найдено: 25");
                assertThat(page.getByTestId(kind + "-row").count()).isEqualTo(10);
                page.getByTestId("page-next").click();
                page.getByTestId("page-next").click();
                assertThat(page.getByTestId(kind + "-row").count()).isEqualTo(5);
                assertThat(page.getByTestId(kind + "-row").first().getAttribute("data-name"))
                        .isEqualTo(prefix + (kind.equals("assistant") ? "-a21" : "-s21"));
                shot(page, section + "-page-3");
            }
        }
    }

    @Test
    void onAPhoneTheListAndTheTestDialogFitTheScreen() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String name = "phone-" + System.nanoTime();
        ConsoleUsers.createAssistant(admin, name, "gpt-6-luna", "Ассистент для телефона.", "", "");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true).setLocale("ru-RU"))) {
            Page page = page(context);
            login(page, ConsoleUsers.ADMIN_EMAIL, ConsoleUsers.ADMIN_PASSWORD);
            page.waitForURL("**/console/dashboard");
            assertThat((Number) page.evaluate("document.documentElement.scrollWidth")).satisfies(
                    w -> assertThat(w.intValue()).isLessThanOrEqualTo(390));
            shot(page, "phone-dashboard");
            page.navigate(PlatformStackFixture.api() + "/console/assistants?q=" + name);
            page.locator("[data-testid=assistant-row][data-name='" + name + "'] [data-testid=assistant-test]").click();
            page.getByTestId("test-input").fill("Привет");
            page.getByTestId("test-send").click();
            page.getByTestId("test-msg-assistant").first().waitFor();
            var box = page.locator("#test-dialog .modal-content").boundingBox();
            assertThat(box.x).isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).isLessThanOrEqualTo(390.5);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Очистить диалог"))
                    .isVisible()).isTrue();
            shot(page, "phone-test-chat");
        }
    }

    /**
     * Every page of the console, logged in as the admin and logged out: each links the console's own icon (so the
     * browser never asks for /favicon.ico, which no route serves: without the link this test fails on the console's
     * 404 line) and loads without a failed request or a console error (checked after the test).
     */
    @Test
    void everyConsolePageLoadsItsIconAndNothingFails() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String assistant = ConsoleUsers.createAssistant(admin, "pages-" + System.nanoTime(), "gpt-6-luna",
                "Ассистент клиники.", "", "");
        String token = admin.csrf("/console/files");
        var created = admin.postForm("/console/files", Map.of("name", "pages-" + System.nanoTime(), "_csrf", token));
        String location = created.headers().firstValue("location").orElse("");
        java.util.regex.Matcher store = java.util.regex.Pattern.compile("vs_[A-Za-z0-9_-]+").matcher(location);
        List<String> icons = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BrowserContext stranger = browser.newContext();
             BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page outside = page(stranger);
            for (String path : List.of("/console", "/console/login", "/console/register")) {
                outside.navigate(PlatformStackFixture.api() + path);
                icons.add(path + " -> " + outside.evaluate("document.querySelector('link[rel=icon]')?.href"));
            }
            Page page = page(context);
            login(page, ConsoleUsers.ADMIN_EMAIL, ConsoleUsers.ADMIN_PASSWORD);
            page.waitForURL("**/console/dashboard");
            List<String> pages = new java.util.ArrayList<>(List.of("/console/dashboard", "/console/assistants",
                    "/console/assistants/new", "/console/assistants/" + assistant,
                    "/console/assistants/" + assistant + "/versions", "/console/files", "/console/settings",
                    "/console/users", "/console/import", "/console/reminders"));
            if (store.find()) {
                pages.add("/console/files/" + store.group());
            }
            for (String path : pages) {
                com.microsoft.playwright.Response answer = page.navigate(PlatformStackFixture.api() + path);
                assertThat(answer.status()).as(path).isEqualTo(200);
                icons.add(path + " -> " + page.evaluate("document.querySelector('link[rel=icon]')?.href"));
            }
            // An error page is a page too: its own status is the point, its icon must still load.
            expect(404, "/console/assistants/no-such-assistant");
            page.navigate(PlatformStackFixture.api() + "/console/assistants/no-such-assistant");
            icons.add("error page -> " + page.evaluate("document.querySelector('link[rel=icon]')?.href"));
            var icon = page.request().get(PlatformStackFixture.api() + "/console/static/favicon.svg");
            assertThat(icon.status()).isEqualTo(200);
            assertThat(icon.headers().get("content-type")).startsWith("image/svg+xml");
            assertThat(icon.text()).startsWith("<svg");
        }
        assertThat(icons).allSatisfy(i -> assertThat(i).endsWith(" -> " + PlatformStackFixture.api()
                + "/console/static/favicon.svg"));
        // Without the link Chromium asks for /favicon.ico itself: no network event shows it, only the console line
        // "Failed to load resource: … 404", which noFailedRequestNorConsoleError() refuses.
    }

    @Test
    void aReminderCsvIsUploadedFromTheBrowsersFileFieldAndItsListIsOnTheDayPage() {
        ConsoleUsers.loggedInAdmin(); // the admin exists (the first registration) whichever test runs first
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Almaty")).plusWeeks(10).toString();
        long appointment = 990_000_000L + System.nanoTime() % 1_000_000; // InfoClinica knows none: gone, never dialled
        String phone = "+7701" + String.format("%07d", 5_000_000 + System.nanoTime() % 1_000_000);
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = page(context);
            login(page, ConsoleUsers.ADMIN_EMAIL, ConsoleUsers.ADMIN_PASSWORD);
            page.waitForURL("**/console/dashboard");
            page.getByTestId("nav-reminders").click();
            page.getByTestId("upload-clinic").selectOption("infoclinica-clinic");
            page.getByTestId("upload-day").fill(day);
            // A wrong line first: the API's problem comes back against the file's line 3, nothing is stored.
            expect(400, "/console/reminders/upload");
            page.getByTestId("upload-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("bad.csv",
                    "text/csv", ("\uFEFFappointment_id;phone;patient_name\r\n" + appointment + ";" + phone
                    + ";Анна\r\n" + (appointment + 1) + ";12;Әсел\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            page.getByTestId("upload-submit").click();
            assertThat(page.getByTestId("upload-problems").innerText()).contains("Строка 3 (phone)");
            page.getByTestId("upload-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("ok.csv",
                    "text/csv", ("\uFEFFappointment_id;phone;patient_name\r\n" + appointment + ";" + phone
                    + ";Анна\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            page.getByTestId("upload-submit").click();
            page.waitForURL("**/console/reminders?**msg=reminders");
            assertThat(page.getByTestId("toast-ok").innerText()).contains("Список напоминаний загружен");
            assertThat(page.getByTestId("reminder-entries").innerText()).contains(Long.toString(appointment))
                    .doesNotContain(phone);
            shot(page, "reminders-day");
        }
    }
}
