package kz.clinicai.shared.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Secret values read from Secrets Manager at run time and cached for a while, so that a function's environment
 * holds only secret names and a rotated secret is picked up without a deploy (DESIGN §3).
 *
 * <p>A value older than the TTL is read again on next use; if that read fails, the stale value is kept (the old
 * key usually stays valid for the rotation's overlap) and the failure is retried on the following use.
 */
public final class SecretStore {

    /** Long enough that a warm function reads each secret a few times an hour, short enough for rotation. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final Function<String, String> fetch;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param fetch reads a secret's SecretString by name or ARN */
    public SecretStore(Function<String, String> fetch, Clock clock, Duration ttl) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl is negative: " + ttl);
        }
        this.ttl = ttl;
    }

    /**
     * The store of a function: the Secrets Manager client wired from its {@link AwsClients} (region, credentials,
     * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}), {@link #DEFAULT_TTL}. Builds no connection until first use.
     */
    public static SecretStore from(AwsClients aws) {
        SecretsManagerClient client = aws.configured(SecretsManagerClient.builder(), "SECRETS_MANAGER").build();
        return new SecretStore(
                id -> client.getSecretValue(GetSecretValueRequest.builder().secretId(id).build()).secretString(),
                Clock.systemUTC(), DEFAULT_TTL);
    }

    /** A store over fixed values (tests, tools): {@code name → SecretString}. */
    public static SecretStore of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new SecretStore(id -> {
            String value = copy.get(id);
            if (value == null) {
                throw new SecretUnavailableException(id, "no such secret");
            }
            return value;
        }, Clock.systemUTC(), DEFAULT_TTL);
    }

    /** The whole SecretString. */
    public String string(String secretId) {
        Objects.requireNonNull(secretId, "secretId");
        Instant now = clock.instant();
        Cached cached = cache.get(secretId);
        if (cached != null && now.isBefore(cached.readAt.plus(ttl))) {
            return cached.value;
        }
        try {
            String value = fetch.apply(secretId);
            if (value == null) {
                throw new SecretUnavailableException(secretId, "it has no SecretString");
            }
            cache.put(secretId, new Cached(value, now));
            return value;
        } catch (SecretUnavailableException e) {
            if (cached != null) {
                return cached.value;
            }
            throw e;
        } catch (RuntimeException e) {
            if (cached != null) {
                return cached.value;
            }
            throw new SecretUnavailableException(secretId, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** One key of a JSON SecretString ({@code {"api_key":"..."}}), as text. */
    public String field(String secretId, String key) {
        String json = string(secretId);
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            // Never put the value itself in the message.
            throw new SecretUnavailableException(secretId, "its SecretString is not JSON, so it has no key " + key);
        }
        JsonNode value = node == null ? null : node.get(key);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new SecretUnavailableException(secretId, "it has no key " + key);
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** A supplier that always answers the current value of {@code secretId}'s {@code key} (cached by the TTL). */
    public Supplier<String> fieldSupplier(String secretId, String key) {
        return () -> field(secretId, key);
    }

    private record Cached(String value, Instant readAt) {
    }
}
