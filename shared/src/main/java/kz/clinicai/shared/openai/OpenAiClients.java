package kz.clinicai.shared.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.credential.BearerTokenCredential;
import java.time.Duration;

/** Builds the openai-java client for OpenAI and OpenAI-compatible APIs (YandexGPT, the local sandbox). */
public final class OpenAiClients {

    // A TCP/TLS handshake either completes in a few seconds or the endpoint is unreachable; the rest of the
    // timeout belongs to the model.
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private OpenAiClients() {
    }

    /**
     * A client with explicit timeouts and the SDK's own retry policy (retryable statuses only, exponential
     * backoff with jitter; a 429 insufficient_quota is not retried) that logs the x-request-id of every failed
     * attempt; build one per container and share it, it holds a connection pool.
     */
    public static OpenAIClient create(OpenAiSettings settings) {
        Duration timeout = settings.timeout();
        Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
        return OpenAIOkHttpClient.builder()
                // A supplier, not a string: each request takes the current (cached) secret value, so rotation needs
                // no redeploy and no new client.
                .credential(BearerTokenCredential.create(settings.apiKey()))
                .baseUrl(settings.baseUrl().toString())
                .timeout(Timeout.builder()
                        .connect(connect)
                        .read(timeout)
                        .write(timeout)
                        .request(timeout)
                        .build())
                .maxRetries(settings.maxRetries())
                // Logs each failed attempt with OpenAI's request id and keeps insufficient_quota from being retried.
                .addInterceptor(new FailedCallInterceptor())
                .project(settings.project())
                .build();
    }
}
