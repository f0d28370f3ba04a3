package kz.clinicai.shared.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * How to reach an OpenAI-compatible API: OpenAI itself, YandexGPT's compatible endpoint, or the local sandbox.
 *
 * @param apiKey     the current key: read from Secrets Manager (cached with a TTL) on each request, so a rotated
 *                   key is used without a deploy
 * @param baseUrl    the API root including {@code /v1} (the SDK appends {@code /responses} etc. to it)
 * @param timeout    the longest one HTTP attempt may take
 * @param maxRetries retries after the first attempt, for the SDK's retryable errors (408/409/429/5xx, I/O)
 * @param project    sent as the {@code OpenAI-Project} header; YandexGPT reads its folder id from it
 */
public record OpenAiSettings(Supplier<String> apiKey, URI baseUrl, Duration timeout, int maxRetries, Optional<String> project) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_RETRIES = 2;

    /** The secret (JSON with key {@code api_key}) that holds the key; template parameter OpenAiSecretName. */
    public static final String SECRET_KEY = "api_key";

    public OpenAiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!hasV1Root(baseUrl)) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL ending in /v1: " + baseUrl);
        }
        String url = baseUrl.toString();
        baseUrl = url.endsWith("/") ? URI.create(url.substring(0, url.length() - 1)) : baseUrl;
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        }
        project = Objects.requireNonNull(project, "project").filter(p -> !p.isBlank());
    }

    /** A fixed key (tests, tools). */
    public OpenAiSettings(String apiKey, URI baseUrl, Duration timeout, int maxRetries, Optional<String> project) {
        this(fixed(apiKey), baseUrl, timeout, maxRetries, project);
    }

    private static Supplier<String> fixed(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is blank");
        }
        return () -> apiKey;
    }

    /**
     * Reads {@code OPENAI_SECRET_NAME} (required: the Secrets Manager secret whose {@code api_key} is the key; the
     * environment never holds the key itself), {@code OPENAI_BASE_URL}, {@code OPENAI_TIMEOUT_SECONDS},
     * {@code OPENAI_MAX_RETRIES} and {@code OPENAI_PROJECT}.
     */
    public static OpenAiSettings fromEnv(Env env, SecretStore secrets) {
        Supplier<String> apiKey = secrets.fieldSupplier(env.required("OPENAI_SECRET_NAME"), SECRET_KEY);
        URI baseUrl = env.uri("OPENAI_BASE_URL").orElse(DEFAULT_BASE_URL);
        if (!hasV1Root(baseUrl)) {
            throw new InvalidEnvironmentException("OPENAI_BASE_URL", baseUrl.toString(),
                    "an http(s) URL ending in /v1");
        }
        Duration timeout = env.seconds("OPENAI_TIMEOUT_SECONDS", DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidEnvironmentException("OPENAI_TIMEOUT_SECONDS", timeout.toString(), "positive seconds");
        }
        int maxRetries = env.intValue("OPENAI_MAX_RETRIES", DEFAULT_MAX_RETRIES);
        if (maxRetries < 0) {
            throw new InvalidEnvironmentException("OPENAI_MAX_RETRIES", Integer.toString(maxRetries),
                    "an integer >= 0");
        }
        return new OpenAiSettings(apiKey, baseUrl, timeout, maxRetries, env.optional("OPENAI_PROJECT"));
    }

    // Without /v1 the SDK posts to /responses and gets a 404 that looks like a model problem.
    private static boolean hasV1Root(URI url) {
        String scheme = url.getScheme();
        String path = url.getPath() == null ? "" : url.getPath();
        return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                && url.getHost() != null
                && url.getQuery() == null
                && (path.endsWith("/v1") || path.endsWith("/v1/"));
    }

    /** Never prints the key: settings end up in init logs. */
    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", project=" + project.orElse("-") + "]";
    }
}
