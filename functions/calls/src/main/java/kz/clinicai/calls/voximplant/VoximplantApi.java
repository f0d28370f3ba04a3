package kz.clinicai.calls.voximplant;

import kz.clinicai.shared.retry.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kz.clinicai.shared.json.Json;

/**
 * Voximplant's management API: {@code POST {base}/{Method}} with form parameters and a service-account JWT (a shape
 * the API documents; the official Node client posts multipart to {@code {base}} with {@code cmd} instead — both are
 * checked against the simulator). Errors come as HTTP 200 with {@code {"error":{"msg","code"}}}; HTTP 429 (more
 * than 200 concurrent StartScenarios requests) and 5xx are retried with backoff and jitter, a bounded number of
 * times. StartScenarios is not idempotent: once the request may have reached Voximplant (a timeout, a 5xx, a broken
 * connection) it is not repeated, or the callee could be dialled twice; only a 429 or a refused connection is.
 */
public final class VoximplantApi {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final URI base;
    private final Supplier<VoximplantCredentials> credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Duration readTimeout;
    private final int maxRetries;

    public VoximplantApi(URI base, Supplier<VoximplantCredentials> credentials, Clock clock, Duration readTimeout,
                         int maxRetries) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.credentials = credentials;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.maxRetries = maxRetries;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Methods that act on each request: repeated only when Voximplant certainly did not run them. */
    static final java.util.Set<String> NOT_IDEMPOTENT = java.util.Set.of("StartScenarios");

    /** The answer's JSON (the object holding {@code result}); throws on an API error. */
    public JsonNode call(String method, Map<String, String> params) {
        boolean once = NOT_IDEMPOTENT.contains(method);
        String form = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        VoximplantException last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                sleep(attempt);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(base.resolve(method)).timeout(readTimeout)
                        .header("Authorization", "Bearer " + credentials.get().jwt(clock.instant()))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    last = new VoximplantException(method + " answered HTTP " + status, true, null);
                    if (status != 429 && once) {
                        break;
                    }
                    continue;
                }
                JsonNode body = Json.mapper().readTree(response.body());
                if (status != 200 || body == null) {
                    throw new VoximplantException(method + " answered HTTP " + status, false, null);
                }
                if (body.has("error")) {
                    throw new VoximplantException(method + " failed: " + body.get("error").path("code").asText() + " "
                            + body.get("error").path("msg").asText(), false, null);
                }
                return body;
            } catch (HttpTimeoutException e) {
                last = new VoximplantException(method + " timed out", true, e);
                if (once && !(e instanceof java.net.http.HttpConnectTimeoutException)) {
                    break;
                }
            } catch (java.net.ConnectException e) {
                last = new VoximplantException(method + " unreachable: " + e.getMessage(), true, e);
            } catch (IOException e) {
                last = new VoximplantException(method + " failed: " + e.getMessage(), true, e);
                if (once) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VoximplantException(method + " interrupted", false, e);
            }
        }
        throw last;
    }

    public static Map<String, String> params(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    // 200 ms·2ⁿ up to 3.2 s, jittered: the shared rule.
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofMillis(3200));

    private static void sleep(int attempt) {
        BACKOFF.sleepBefore(attempt);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
