package kz.clinicai.analytics.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import kz.clinicai.shared.json.Json;

/**
 * UIS Data API v2.0 (JSON-RPC 2.0 over {@code POST https://dataapi.uiscom.ru/v2.0}, token in
 * {@code params.access_token}; every answer is HTTP 200 with {@code result} or {@code error}) and the recording
 * downloads. One per profile run: the token supplier reads the profile's secret (cached by the SecretStore).
 */
public final class UisClient {

    public static final URI DEFAULT_URL = URI.create("https://dataapi.uiscom.ru/v2.0");
    private static final AtomicLong IDS = new AtomicLong();

    /** One answer: {@code result.data} (array or object), {@code metadata.total_items} and the points left. */
    public record Answer(JsonNode data, long totalItems, Optional<UisLimits> limits) {
    }

    private final HttpClient http;
    private final URI url;
    private final Supplier<String> token;
    private final Duration readTimeout;
    private final AtomicLong points = new AtomicLong();
    private final AtomicReference<UisLimits> lastLimits = new AtomicReference<>();

    public UisClient(HttpClient http, URI url, Supplier<String> token, Duration readTimeout) {
        this.http = http;
        this.url = url;
        this.token = token;
        this.readTimeout = readTimeout;
    }

    /** Requests answered with a result (each costs one point). */
    public long pointsSpent() {
        return points.get();
    }

    public Optional<UisLimits> lastLimits() {
        return Optional.ofNullable(lastLimits.get());
    }

    /** Calls {@code method} with {@code params} (the token is added); throws {@link UisException} on any error. */
    public Answer call(String method, ObjectNode params) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("jsonrpc", "2.0");
        // Without an id UIS answers -32099 notifications_not_supported.
        request.put("id", IDS.incrementAndGet());
        request.put("method", method);
        ObjectNode p = params.deepCopy();
        p.put("access_token", token.get());
        request.set("params", p);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(readTimeout)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(request))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UisException(method + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UisException(method + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new UisException(method + ": HTTP " + response.statusCode(), null);
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UisException(method + ": answer is not JSON", e);
        }
        JsonNode error = body.path("error");
        if (error.isObject()) {
            JsonNode data = error.path("data");
            UisLimits.of(data.path("metadata")).ifPresent(lastLimits::set);
            throw new UisException(error.path("code").asInt(), data.path("mnemonic").asText(""),
                    method + ": " + error.path("message").asText("") + fieldOf(data));
        }
        JsonNode result = body.path("result");
        points.incrementAndGet();
        Optional<UisLimits> limits = UisLimits.of(result.path("metadata"));
        limits.ifPresent(lastLimits::set);
        // Reports answer result.data (+ metadata); some methods answer their object as result itself (create.tags:
        // result.id, per its documentation page), others as result.data.
        JsonNode data = result.has("data") ? result.get("data") : result;
        return new Answer(data, result.path("metadata").path("total_items").asLong(-1), limits);
    }

    private static String fieldOf(JsonNode data) {
        return data.hasNonNull("field") ? " (field " + data.get("field").asText() + ")" : "";
    }

    /**
     * Opens a recording ({@code …/system/media/talk/{communication_id}/{hash}/}, no token needed).
     *
     * @return empty when UIS has no file there yet (404: recordings appear minutes after the call)
     */
    public Optional<Download> download(URI recording) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(recording).timeout(readTimeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                response.body().close();
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new UisException("recording download: HTTP " + response.statusCode(), null);
            }
            return Optional.of(new Download(response.body(),
                    response.headers().firstValue("Content-Type").orElse("audio/mpeg"),
                    response.headers().firstValueAsLong("Content-Length").orElse(-1)));
        } catch (IOException e) {
            throw new UisException("recording download: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UisException("recording download interrupted", e);
        }
    }

    /** An open recording; the caller closes the stream. */
    public record Download(InputStream body, String contentType, long length) {
        public String extension() {
            String t = contentType.toLowerCase(java.util.Locale.ROOT);
            return t.contains("wav") ? "wav" : t.contains("ogg") ? "ogg" : "mp3";
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A recording's URL under the records base ({@code …/system/media/<kind>/<communication_id>/<hash>/}). Here, not
     * in the worker, so the Sheets writer's code package (no OpenAI client) can build links without loading it.
     */
    public static URI recordingUrl(URI base, String kind, long communicationId, String hash) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/system/media/" + kind + "/"
                + communicationId + "/" + hash + "/");
    }
}
