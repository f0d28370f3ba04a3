package kz.clinicai.calls.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import kz.clinicai.shared.json.Json;

/** {@code POST {base}/realtime/client_secrets} → {@code value} (an {@code ek_…} key valid for ten minutes). */
public final class OpenAiRealtimeKeys implements RealtimeKeys {

    private final Supplier<String> apiKey;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public OpenAiRealtimeKeys(Supplier<String> apiKey, URI base) {
        this.apiKey = apiKey;
        this.base = base;
    }

    @Override
    public String mint(String model) {
        try {
            String body = Json.write(Map.of("expires_after", Map.of("anchor", "created_at",
                    "seconds", 600), "session", Map.of("type", "realtime", "model", model)));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/realtime/client_secrets"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + apiKey.get())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode answer = Json.mapper().readTree(r.body());
            if (r.statusCode() != 200 || !answer.hasNonNull("value")) {
                throw new ModelUnavailableException("client secret refused: HTTP " + r.statusCode(), null);
            }
            return answer.get("value").asText();
        } catch (IOException e) {
            throw new ModelUnavailableException("client secret unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("interrupted", e);
        }
    }
}
