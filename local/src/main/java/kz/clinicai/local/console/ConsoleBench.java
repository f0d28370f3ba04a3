package kz.clinicai.local.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;

/**
 * {@code LocalStack console-bench [--requests N]}: the console's figures on a fresh local stack (this JVM is fresh,
 * so the first construction of ConsoleFunction is Spring's init in a fresh JVM): init time, the first request, and
 * warm p50/p99 of a page ({@code GET /console/assistants}, logged in) and an API call ({@code GET /api/assistants}
 * with an API key).
 */
public final class ConsoleBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("data-testid=\"new-api-key\">(ck_[A-Za-z0-9_-]+)<");

    private ConsoleBench() {
    }

    public static void run(StackConfig base, int requests, PrintStream out) throws Exception {
        StackConfig config = new StackConfig(base.template(), 0, false, Files.createTempDirectory("console-bench"),
                true, base.catalog(), base.settings(), Map.of());
        ByteArrayOutputStream boot = new ByteArrayOutputStream();
        try (Stack stack = Stack.boot(config, new PrintStream(boot, true, StandardCharsets.UTF_8))) {
            String api = stack.apiUrl();
            long init = stack.runtime().warmUp("ConsoleFunction");
            Map<String, String> cookies = new java.util.LinkedHashMap<>();
            long t0 = System.nanoTime();
            HttpResponse<String> first = send(cookies, HttpRequest.newBuilder(URI.create(api + "/console/login")).GET());
            double firstMs = (System.nanoTime() - t0) / 1e6;
            post(cookies, api + "/console/register", Map.of("email", "bench@example.kz", "password", "bench-password-1",
                    "_csrf", csrf(first.body())));
            post(cookies, api + "/console/login", Map.of("email", "bench@example.kz", "password", "bench-password-1",
                    "_csrf", csrf(send(cookies, HttpRequest.newBuilder(URI.create(api + "/console/login")).GET()).body())));
            String settings = send(cookies, HttpRequest.newBuilder(URI.create(api + "/console/settings")).GET()).body();
            Matcher key = KEY.matcher(post(cookies, api + "/console/settings/keys", Map.of("label", "bench",
                    "_csrf", csrf(settings))).body());
            if (!key.find()) {
                throw new IllegalStateException("no API key created");
            }
            String apiKey = key.group(1);
            for (int i = 0; i < 30; i++) {
                time(cookies, api + "/console/assistants", null);
                time(Map.of(), api + "/api/assistants", apiKey);
            }
            List<Double> pages = new ArrayList<>();
            List<Double> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                pages.add(time(cookies, api + "/console/assistants", null));
                calls.add(time(Map.of(), api + "/api/assistants", apiKey));
            }
            out.printf("console-bench: ConsoleFunction init (Spring, fresh JVM) %d ms; first request GET /console/login "
                    + "%.1f ms%n", init, firstMs);
            out.printf("GET /console/assistants (page, logged in, warm): p50 %.1f ms, p99 %.1f ms (n=%d)%n",
                    percentile(pages, 50), percentile(pages, 99), pages.size());
            out.printf("GET /api/assistants (API key, warm): p50 %.1f ms, p99 %.1f ms (n=%d)%n",
                    percentile(calls, 50), percentile(calls, 99), calls.size());
        }
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token");
        }
        return m.group(1);
    }

    private static double time(Map<String, String> cookies, String url, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        long t = System.nanoTime();
        HttpResponse<String> r = send(new java.util.HashMap<>(cookies), b);
        double ms = (System.nanoTime() - t) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return ms;
    }

    private static HttpResponse<String> post(Map<String, String> cookies, String url, Map<String, String> form)
            throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(cookies, HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(Map<String, String> cookies, HttpRequest.Builder b) throws Exception {
        b.timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            b.header("cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        for (String set : r.headers().allValues("set-cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0 && !pair.substring(eq + 1).isEmpty()) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return r;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
