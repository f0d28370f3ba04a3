package kz.clinicai.local.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kz.clinicai.local.PlatformStackFixture;

/**
 * A browser-like HTTP client of the console for API ITs: keeps cookies (the sealed session and the CSRF cookie) by
 * hand, follows no redirects (tests assert them), and reads the CSRF token the pages render.
 */
final class ConsoleClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    final Map<String, String> cookies = new LinkedHashMap<>();
    private final String base;

    ConsoleClient() {
        this.base = PlatformStackFixture.api();
    }

    String base() {
        return base;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    /** A browser's multipart/form-data POST: text fields, then one file part. */
    HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String filename,
                                       String fileType, byte[] content, String... headers) {
        String boundary = "----ConsoleClient" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (fileField != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + fileType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), headers);
    }

    HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), headers);
    }

    /** The CSRF token of a page's form (GET the page first). */
    String csrf(String pagePath) {
        String html = get(pagePath).body();
        Matcher m = CSRF.matcher(html);
        if (m.find()) {
            return m.group(1);
        }
        Matcher meta = META_CSRF.matcher(html);
        if (meta.find()) {
            return meta.group(1);
        }
        throw new IllegalStateException("no CSRF token on " + pagePath + ": " + html);
    }

    HttpResponse<String> register(String email, String password) {
        String token = csrf("/console/register");
        return postForm("/console/register", Map.of("email", email, "password", password, "_csrf", token));
    }

    HttpResponse<String> login(String email, String password) {
        String token = csrf("/console/login");
        return postForm("/console/login", Map.of("email", email, "password", password, "_csrf", token));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        request.timeout(PlatformStackFixture.REQUEST_TIMEOUT);
        if (!cookies.isEmpty()) {
            request.header("cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String set : response.headers().allValues("set-cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = set.toLowerCase().contains("max-age=0");
                if (expired || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("set-cookie");
    }
}
