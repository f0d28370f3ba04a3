package kz.clinicai.calls.webhook;

import kz.clinicai.shared.retry.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import kz.clinicai.calls.call.Call;
import kz.clinicai.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional after-call notification to the customer's URL: the call's result as JSON, signed like the scenario's
 * requests ({@code x-clinicai-signature: t=…,n=…,s=HMAC-SHA256(key, t.n.body)}) with the customer's own key, so the
 * customer can check it and drop replays. Retried on 5xx and timeouts (twice, backoff with jitter); a failure is
 * logged, never fails the call.
 */
public final class ResultWebhook {
    // 250–500 ms, then 500 ms–1 s: the shared jittered backoff.
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(1));

    private static final Logger LOG = LoggerFactory.getLogger(ResultWebhook.class);

    private final Optional<URI> url;
    private final Supplier<String> key;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public ResultWebhook(Optional<URI> url, Supplier<String> key, Clock clock) {
        this.url = url;
        this.key = key;
        this.clock = clock;
    }

    public static ResultWebhook none() {
        return new ResultWebhook(Optional.empty(), () -> "", Clock.systemUTC());
    }

    /** @return true when delivered (or nothing is configured) */
    boolean send(Call call) {
        if (url.isEmpty()) {
            return true;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("call_id", call.id());
        body.put("phone", call.phone());
        body.put("status", call.status().wire());
        body.put("summary", call.summary());
        try {
            body.put("outcome", call.outcome() == null ? null : Json.mapper().readTree(call.outcome()));
            body.put("metadata", call.metadata());
            body.put("turns", call.turns());
            String json = Json.write(body);
            for (int attempt = 0; attempt < 3; attempt++) {
                if (attempt > 0 && !BACKOFF.sleepBefore(attempt)) {
                    return false;
                }
                String signature = WebhookSignature.sign(key.get(), clock.instant().getEpochSecond(),
                        UUID.randomUUID().toString().replace("-", ""), json);
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url.get()).timeout(Duration.ofSeconds(5))
                            .header("content-type", "application/json").header(WebhookSignature.HEADER, signature)
                            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() / 100 == 2) {
                        return true;
                    }
                    if (r.statusCode() < 500 && r.statusCode() != 429) {
                        LOG.warn("Result webhook refused call {}: HTTP {}", call.id(), r.statusCode());
                        return false;
                    }
                } catch (HttpTimeoutException e) {
                    LOG.info("Result webhook timed out for call {} (attempt {})", call.id(), attempt + 1);
                } catch (IOException e) {
                    LOG.info("Result webhook unreachable for call {}: {}", call.id(), e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Result webhook body for call {} could not be written (its outcome is not JSON)", call.id(), e);
        }
        LOG.warn("Result webhook gave up on call {}", call.id());
        return false;
    }
}
