package kz.clinicai.local.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.template.EventSource;
import kz.clinicai.local.template.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original chat backend's front end (Vink, React + axios) against the platform, from its own origin: a minimal
 * page on another local port that calls the API the way that front end does — base URL {@code <api>/api/v1},
 * {@code POST {base}/gpt} and polling {@code GET {base}/message}, header {@code chat-token} (a UUID) and
 * {@code Content-Type: application/json} on both (so every call is preflighted) — in Debian's Chromium. Plus the
 * preflight of every route of the real template, as the emulator answers it from its CorsConfiguration.
 */
class VinkFrontEndBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final double TIMEOUT_MS = 30_000;
    private static Playwright playwright;
    private static Browser browser;
    private static HttpServer site;

    /** What the Vink front end does with axios, written with XMLHttpRequest as axios does in a browser. */
    private static final String PAGE = """
            <!doctype html>
            <html lang="ru"><head><meta charset="utf-8"><title>Vink chat</title></head>
            <body>
            <ul id="messages"></ul>
            <input id="text"><button id="send">Отправить</button>
            <script>
            const base = new URLSearchParams(location.search).get("api") + "/api/v1";
            const token = crypto.randomUUID();
            const extra = new URLSearchParams(location.search).get("extraHeader");
            function request(method, url, data) {
              return new Promise((resolve, reject) => {
                const xhr = new XMLHttpRequest();
                xhr.open(method, base + url, true);
                xhr.setRequestHeader("Accept", "application/json, text/plain, */*");
                xhr.setRequestHeader("Content-Type", "application/json");
                xhr.setRequestHeader("chat-token", token);
                if (extra) xhr.setRequestHeader(extra, "1");
                xhr.onload = () => xhr.status < 400 ? resolve(JSON.parse(xhr.responseText)) : reject(xhr.status);
                xhr.onerror = () => reject("network");
                xhr.send(data === undefined ? null : JSON.stringify(data));
              });
            }
            function show(text, user) {
              const li = document.createElement("li");
              li.dataset.user = user;
              li.textContent = text;
              document.getElementById("messages").appendChild(li);
            }
            function poll() {
              request("GET", "/message").then(r => r.messages.forEach(m => show(m.message, m.user)))
                .catch(e => show("poll failed: " + e, "ERROR"))
                .finally(() => setTimeout(poll, 700));
            }
            document.getElementById("send").onclick = () => {
              const text = document.getElementById("text").value;
              show(text, "VISITOR");
              request("POST", "/gpt", { message: text }).catch(e => show("send failed: " + e, "ERROR"));
            };
            poll();
            </script>
            </body></html>
            """;

    @BeforeAll
    static void start() throws IOException {
        ChatStackFixture.stack();
        // The front end's own origin: another port of 127.0.0.1 is another origin for the browser.
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        site.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    private static String siteUrl(String query) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + "/?api=" + ChatStackFixture.api() + query;
    }

    @Test
    void theVisitorsMessageGetsTheAisReplyWithNoCorsError() {
        List<String> consoleErrors = new CopyOnWriteArrayList<>();
        List<String> failedRequests = new CopyOnWriteArrayList<>();
        List<String> apiCalls = new CopyOnWriteArrayList<>();
        String marker = "vink-" + System.nanoTime();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("ru-RU"))) {
            Page page = context.newPage();
            page.setDefaultTimeout(TIMEOUT_MS);
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    consoleErrors.add(m.text());
                }
            });
            page.onRequestFailed(r -> failedRequests.add(r.method() + " " + r.url() + ": " + r.failure()));
            page.onRequest(r -> {
                if (r.url().startsWith(ChatStackFixture.api())) {
                    apiCalls.add(r.method() + " " + URI.create(r.url()).getPath());
                }
            });
            page.navigate(siteUrl(""));
            page.locator("#text").fill("Здравствуйте! " + marker);
            page.locator("#send").click();

            Locator reply = page.locator("li[data-user=GPT]").filter(new Locator.FilterOptions().setHasText(marker));
            reply.waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("vink-front-end.png")));

            assertThat(reply.innerText()).contains("Вы написали: Здравствуйте! " + marker);
            assertThat(page.locator("li[data-user=ERROR]").count()).isZero();
            assertThat(consoleErrors).isEmpty();
            assertThat(failedRequests).isEmpty();
            // Both calls went cross-origin with chat-token, so Chromium preflighted them (Playwright does not list
            // preflights; the control test below shows a refused one surfaces as a console error).
            assertThat(apiCalls).contains("POST /api/v1/gpt", "GET /api/v1/message");
        }
    }

    @Test
    void aHeaderTheCorsConfigurationDoesNotAllowIsBlockedByTheBrowser() {
        // The control for the test above: a CORS refusal shows up in the console, so its absence there means something.
        List<String> consoleErrors = new CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.setDefaultTimeout(TIMEOUT_MS);
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    consoleErrors.add(m.text());
                }
            });
            page.navigate(siteUrl("&extraHeader=x-not-allowed"));
            page.locator("li[data-user=ERROR]").first().waitFor();

            assertThat(consoleErrors).anyMatch(e -> e.contains("CORS policy"));
        }
    }

    @Test
    void everyRouteOfTheTemplateAnswersPreflightsFromItsCorsConfiguration() throws Exception {
        SamTemplate template = SamTemplate.load(ProjectRoot.find(Path.of("")).resolve("template.yaml"));
        List<EventSource.HttpApiRoute> routes = template.functions().stream()
                .flatMap(f -> f.events(EventSource.HttpApiRoute.class).stream()).toList();
        assertThat(routes).extracting(EventSource.HttpApiRoute::path)
                .contains("/api/v1/gpt", "/api/v1/message", "/api/v1/operator", "/gpt", "/voicebot/{clinic}/v1");
        for (EventSource.HttpApiRoute route : routes) {
            String path = route.path().replaceAll("\\{[^}]+}", "x");
            // A browser never asks for "ANY": an ANY route (the console) is preflighted for a method it would send.
            String method = route.method().equals("ANY") ? "POST" : route.method();
            for (String url : List.of(path, path + "/")) {
                HttpResponse<String> allowed = preflight(url, method, "content-type,chat-token");
                HttpResponse<String> refused = preflight(url, method, "content-type,x-not-allowed");

                assertThat(allowed.statusCode()).as(url).isEqualTo(204);
                assertThat(allowed.headers().firstValue("access-control-allow-origin")).as(url).hasValue("*");
                assertThat(allowed.headers().firstValue("access-control-allow-headers")).as(url)
                        .hasValue("content-type,chat-token,x-api-key");
                assertThat(allowed.headers().firstValue("access-control-max-age")).as(url).hasValue("600");
                assertThat(refused.statusCode()).as(url).isEqualTo(204);
                assertThat(refused.headers().firstValue("access-control-allow-origin")).as(url).isEmpty();
            }
        }
        // A method outside AllowMethods (PATCH: no route has it; DELETE is allowed for the do-not-call list).
        HttpResponse<String> patchRefused = preflight("/api/v1/gpt", "PATCH", "");
        assertThat(patchRefused.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    private static HttpResponse<String> preflight(String path, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ChatStackFixture.api() + path))
                .timeout(Duration.ofSeconds(10)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://vink.example").header("Access-Control-Request-Method", method);
        if (!headers.isEmpty()) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return ChatStackFixture.send(request.build());
    }
}
