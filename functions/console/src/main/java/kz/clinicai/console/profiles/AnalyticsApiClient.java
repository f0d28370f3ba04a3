package kz.clinicai.console.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import kz.clinicai.shared.json.Json;

/**
 * The analytics API ({@code /analytics/profiles…}, header {@code x-api-key}) as the console calls it over HTTP: the
 * profiles' schema and validation stay the analytics' own, the console only relays its answers. Each call names the
 * API's base URL (the configured one, or the domain the console itself is served on: both live on one HTTP API).
 * No retries: the console's page shows the error and the person decides; a create or update repeated by us could
 * report a conflict for a change that did land.
 */
public final class AnalyticsApiClient {

    /** A 4xx/5xx answer of the API ({@code error}, {@code message}), or 503 {@code analytics_unavailable}. */
    public static final class Failure extends RuntimeException {
        private final int status;
        private final String error;

        public Failure(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    // The API's own timeout is 29 s (a profile check reads secrets and opens the sheet); the console's is 29 s too.
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(25);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final Supplier<String> apiKey;

    public AnalyticsApiClient(Supplier<String> apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    public JsonNode list(URI base) {
        return send(base, "GET", "/analytics/profiles", null);
    }

    public JsonNode get(URI base, String profileId) {
        return send(base, "GET", profile(profileId), null);
    }

    public JsonNode create(URI base, JsonNode profile) {
        return send(base, "POST", "/analytics/profiles", profile);
    }

    public JsonNode update(URI base, String profileId, JsonNode profile) {
        return send(base, "PUT", profile(profileId), profile);
    }

    /** {@code {"calls":[…]}} of a profile, optionally of one status. */
    public JsonNode calls(URI base, String profileId, String status) {
        return send(base, "GET", profile(profileId) + "/calls" + (status == null ? "" : "?status=" + enc(status)),
                null);
    }

    public JsonNode retry(URI base, String profileId, String callId) {
        return send(base, "POST", profile(profileId) + "/calls/" + enc(callId) + "/retry", null);
    }

    /** The profile's pull state and calls by status. */
    public JsonNode status(URI base, String profileId) {
        return send(base, "GET", profile(profileId) + "/status", null);
    }

    /** Runs the profile's pull now; answers the pull's outcome (see docs/call-analytics.md). */
    public JsonNode pull(URI base, String profileId) {
        return send(base, "POST", profile(profileId) + "/pull", null);
    }

    private static String profile(String profileId) {
        return "/analytics/profiles/" + enc(profileId);
    }

    private JsonNode send(URI base, String method, String path, JsonNode body) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(REQUEST_TIMEOUT)
                .header("x-api-key", apiKey.get()).header("accept", "application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = parse(response.body());
            if (response.statusCode() >= 400) {
                throw new Failure(response.statusCode(), json.path("error").asText("http_" + response.statusCode()),
                        json.path("message").asText(response.body()));
            }
            return json;
        } catch (IOException e) {
            throw new Failure(503, "analytics_unavailable", "The analytics API did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(503, "analytics_unavailable", "interrupted");
        }
    }

    /** The answer's JSON; a body that is none (a gateway's plain text) as {@code {"message": body}}. */
    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().createObjectNode().put("message", body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
