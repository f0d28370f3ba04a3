package kz.clinicai.console.spend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.json.Json;

/**
 * OpenAI's organisation costs (Admin API, admin key): {@code GET /v1/organization/costs?start_time=…&bucket_width=1d}
 * → pages of daily buckets whose results carry {@code amount{value,currency}}. openai-java has no admin endpoints,
 * so this is plain HTTP with explicit timeouts.
 */
public final class OrgCostsClient {

    public record DailyCost(LocalDate day, double usd) {
    }

    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final Duration READ = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();

    /** @param baseUrl the OpenAI API root including /v1 */
    public OrgCostsClient(URI baseUrl) {
        String s = baseUrl.toString();
        this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Daily costs since {@code from} (UTC days), following pages; throws on any failure (the page shows a toast). */
    public List<DailyCost> daily(String adminKey, LocalDate from) throws IOException, InterruptedException {
        List<DailyCost> out = new ArrayList<>();
        long start = from.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String page = null;
        for (int i = 0; i < 10; i++) {
            String url = baseUrl + "/organization/costs?start_time=" + start + "&bucket_width=1d&limit=31"
                    + (page == null ? "" : "&page=" + java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(READ)
                    .header("Authorization", "Bearer " + adminKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("organization/costs answered " + response.statusCode());
            }
            JsonNode root = Json.mapper().readTree(response.body());
            for (JsonNode bucket : root.path("data")) {
                double usd = 0;
                for (JsonNode result : bucket.path("results")) {
                    usd += result.path("amount").path("value").asDouble(0);
                }
                out.add(new DailyCost(Instant.ofEpochSecond(bucket.path("start_time").asLong())
                        .atOffset(ZoneOffset.UTC).toLocalDate(), usd));
            }
            if (!root.path("has_more").asBoolean(false) || root.path("next_page").isNull()) {
                break;
            }
            page = root.path("next_page").asText();
        }
        return out;
    }
}
