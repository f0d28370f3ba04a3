package kz.clinicai.console.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's client of the calls API (x-api-key from the calls API's secret): the calls settings, the do-not-call
 * list, the recent calls and the reminder lists (with this key, the operator's, for any clinic) are the calls capability's, so the console reads and writes them over that API and its
 * validation answers — there is no copy of their schema here. Every request has a timeout; reads and the settings PUT
 * (idempotent) are retried once on a refused connection, a timeout or a 502/503/504, with the shared backoff.
 */
public final class CallsApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(CallsApiClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 2;
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

    /** The calls API refused the request (4xx): its code, message and, for a validation, each problem. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String code;
        private final List<Problem> problems;

        Refused(int status, String code, String message, List<Problem> problems) {
            super(message);
            this.status = status;
            this.code = code;
            this.problems = List.copyOf(problems);
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        /** Each problem the API named; empty for a refusal that is not a validation. */
        public List<Problem> problems() {
            return problems;
        }
    }

    /** The calls API could not be reached or failed (5xx, timeout): nothing is known to have changed. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One problem the API named: {@code entry} (0-based, a reminder list's entry) and {@code code} when it gave them. */
    public record Problem(Integer entry, String field, String code, String message) {
        public Problem(String field, String message) {
            this(null, field, null, message);
        }
    }

    private final HttpClient http;
    private final Supplier<URI> base;
    private final Supplier<String> apiKey;

    /**
     * @param base the calls API's base URL (CALLS_API_URL, e.g. https://abc.execute-api.eu-central-1.amazonaws.com);
     *             empty: the API the console's own request came in on
     */
    public static CallsApiClient of(java.util.Optional<URI> base, Supplier<String> apiKey) {
        return new CallsApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                base.<Supplier<URI>>map(b -> () -> b).orElseGet(SameOrigin::new), apiKey);
    }

    CallsApiClient(URI base, Supplier<String> apiKey) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), () -> base, apiKey);
    }

    CallsApiClient(HttpClient http, Supplier<URI> base, Supplier<String> apiKey) {
        this.http = http;
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = apiKey;
    }

    public JsonNode settings() {
        return send("GET", "/calls/settings", null, true);
    }

    /** Replaces the settings; fields null are unset (the template's defaults apply). */
    public JsonNode saveSettings(Map<String, Object> settings) {
        return send("PUT", "/calls/settings", settings, true);
    }

    public JsonNode doNotCallList() {
        return send("GET", "/calls/do-not-call", null, true);
    }

    public JsonNode addToDoNotCallList(List<String> phones, String note) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("phones", phones);
        if (note != null && !note.isBlank()) {
            body.put("note", note);
        }
        return send("POST", "/calls/do-not-call", body, false);
    }

    public void removeFromDoNotCallList(String phone) {
        send("DELETE", "/calls/do-not-call/" + URLEncoder.encode(phone, StandardCharsets.UTF_8), null, false);
    }

    public JsonNode recentCalls(int limit) {
        return send("GET", "/calls?limit=" + limit, null, true);
    }

    public JsonNode call(String id) {
        return send("GET", "/calls/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, true);
    }

    /**
     * A reminder list for the clinic the body names ({@code POST /reminders} with this key: the operator's). Not
     * retried: a list stored whose answer was lost would be stored (and dialled) twice.
     */
    public JsonNode postReminders(Map<String, Object> body) {
        return send("POST", "/reminders", body, false);
    }

    /** The clinic's reminder lists of the day, each with its counts. */
    public JsonNode remindersOfDay(String clinic, String day) {
        return send("GET", "/reminders?clinic=" + URLEncoder.encode(clinic, StandardCharsets.UTF_8) + "&day="
                + URLEncoder.encode(day, StandardCharsets.UTF_8), null, true);
    }

    /** One reminder list with each entry's state, call and outcome. */
    public JsonNode reminderList(String id) {
        return send("GET", "/reminders/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, true);
    }

    private JsonNode send(String method, String path, Object body, boolean retryable) {
        String b = base.get().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((b.endsWith("/") ? b.substring(0,
                        b.length() - 1) : b) + path)).timeout(TIMEOUT)
                .header("x-api-key", apiKey.get()).header("accept", "application/json");
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (body != null) {
            request.header("content-type", "application/json");
        }
        int attempts = retryable ? ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body() == null || response.body().isBlank() ? Json.mapper().createObjectNode()
                            : Json.mapper().readTree(response.body());
                }
                if (status >= 400 && status < 500) {
                    throw refused(status, response.body());
                }
                if ((status == 502 || status == 503 || status == 504) && attempt < attempts) {
                    LOG.warn("calls API {} {} answered {}; retrying", method, path.split("\\?")[0], status);
                    BACKOFF.sleepBefore(attempt);
                    continue;
                }
                throw new Unavailable("API звонков ответило " + status, null);
            } catch (IOException e) {
                if (attempt < attempts && BACKOFF.sleepBefore(attempt)) {
                    LOG.warn("calls API {} failed ({}); retrying", method, e.toString());
                    continue;
                }
                throw new Unavailable("API звонков недоступно: " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("прервано", e);
            }
        }
    }

    private static Refused refused(int status, String text) {
        try {
            JsonNode body = Json.mapper().readTree(text == null ? "{}" : text);
            List<Problem> problems = new ArrayList<>();
            body.path("problems").forEach(p -> problems.add(new Problem(
                    p.path("entry").isIntegralNumber() ? p.path("entry").asInt() : null, p.path("field").asText(),
                    p.path("code").asText(null), p.path("message").asText())));
            return new Refused(status, body.path("error").asText("error"), body.path("message").asText(""), problems);
        } catch (IOException e) {
            return new Refused(status, "error", "HTTP " + status, List.of());
        }
    }
}
