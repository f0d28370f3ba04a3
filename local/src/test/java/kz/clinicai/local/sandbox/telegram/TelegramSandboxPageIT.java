package kz.clinicai.local.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The Telegram sandbox page in Debian's Chromium shows a bot message sent with parse_mode HTML the way a Telegram
 * client does: the entities Telegram answered with become bold, links, code blocks with their language, spoilers and
 * an expandable quote, and the text itself is never interpreted as HTML. Screenshot: target/screenshots.
 */
class TelegramSandboxPageIT {

    @Test
    void theOperatorsPageShowsTheEntitiesTelegramAnsweredWith() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, List.of(new TelegramSandbox()));
             Playwright playwright = Playwright.create();
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                     .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            String api = sandbox.settings().get("telegram.apiBaseUrl") + "/bot" + TelegramSandbox.BOT_TOKEN + "/";
            String html = "<b>Чат #42</b> ждёт: <a href=\"https://clinic.kz/chat\">открыть</a> "
                    + "<tg-spoiler>секрет</tg-spoiler>\n<pre><code class=\"language-json\">{\"a\":1}</code></pre>\n"
                    + "<blockquote expandable>Вопрос &lt;script&gt;alert(1)&lt;/script&gt;</blockquote>";
            HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api
                            + "sendMessage")).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(Map.of("chat_id",
                            TelegramSandbox.ADMIN_USER_ID, "parse_mode", "HTML", "text", html)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

            Page page = browser.newPage();
            List<String> errors = new ArrayList<>();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    errors.add(m.text());
                }
            });
            page.onPageError(errors::add);
            page.onDialog(d -> errors.add("dialog: " + d.message()));
            page.navigate(sandbox.mountUrl("telegram") + "/ui");
            page.locator(".msg.bot [data-entity=bold]").waitFor();

            assertThat(page.locator(".msg.bot b[data-entity=bold]").innerText()).isEqualTo("Чат #42");
            assertThat(page.locator(".msg.bot a[data-entity=text_link]").getAttribute("href"))
                    .isEqualTo("https://clinic.kz/chat");
            assertThat(page.locator(".msg.bot a[data-entity=text_link]").innerText()).isEqualTo("открыть");
            assertThat(page.locator(".msg.bot pre[data-entity=pre]").getAttribute("data-language")).isEqualTo("json");
            assertThat(page.locator(".msg.bot pre[data-entity=pre] code").innerText()).isEqualTo("{\"a\":1}");
            assertThat(page.locator(".msg.bot .spoiler[data-entity=spoiler]").innerText()).isEqualTo("секрет");
            assertThat(page.locator(".msg.bot blockquote.expandable").innerText())
                    .isEqualTo("Вопрос <script>alert(1)</script>");
            // Text is text: the escaped script inside the quote is shown, never run.
            assertThat(page.locator(".msg.bot script").count()).isZero();
            assertThat(page.locator(".msg.bot .text").textContent()).isEqualTo(
                    "Чат #42 ждёт: открыть секрет\n{\"a\":1}\nВопрос <script>alert(1)</script>");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots",
                    "telegram-sandbox-entities.png")));
            assertThat(errors).isEmpty();
        }
    }
}
