package kz.clinicai.chat.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import kz.clinicai.shared.json.Json;

/** {@link TelegramClient} over java.net.http: {@code POST <base>/bot<token>/<method>} with a JSON body. */
public final class HttpTelegramClient implements TelegramClient {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.telegram.org");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String baseUrl;
    private final Supplier<String> botToken;

    /** A fixed token (tests, tools). */
    HttpTelegramClient(URI baseUrl, String botToken) {
        this(baseUrl, () -> botToken);
    }

    /** @param botToken the current bot token (Secrets Manager, cached with a TTL), asked on every call */
    public HttpTelegramClient(URI baseUrl, Supplier<String> botToken) {
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.botToken = botToken;
    }

    @Override
    public JsonNode call(TelegramCall call) {
        HttpResponse<String> response;
        try {
            byte[] body = Json.mapper().writeValueAsBytes(call.params());
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + botToken.get() + "/" + call.method()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The message never says the token, which is part of the URL: do not chain the URL-bearing detail.
            throw new TelegramApiException(0, call.method() + " failed: " + e.getClass().getSimpleName(),
                    Optional.empty(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException(0, call.method() + " interrupted", Optional.empty(), e);
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer != null && answer.path("ok").asBoolean(false) && response.statusCode() == 200) {
            return answer.path("result");
        }
        int status = answer != null && answer.has("error_code") ? answer.get("error_code").asInt() : response.statusCode();
        String description = answer == null ? "unreadable answer" : answer.path("description").asText("no description");
        Optional<Duration> retryAfter = answer == null || !answer.path("parameters").has("retry_after")
                ? Optional.empty()
                : Optional.of(Duration.ofSeconds(answer.path("parameters").path("retry_after").asLong()));
        throw new TelegramApiException(status, call.method() + ": " + description, retryAfter, null);
    }
}
