package kz.clinicai.shared.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Typed access to a function's environment variables. A composition root reads them once, at init.
 *
 * <p>All handlers of the local stack share one JVM, so each must see its own variables from
 * template.yaml: {@link #scoped} runs a handler's construction with a given map, and records what it read
 * (the template contract test compares that with what the template declares).
 */
public final class Env {

    /**
     * Names that the Lambda runtime or the local stack provide; a function may read them without declaring
     * them in template.yaml.
     */
    public static final Set<String> PLATFORM_PROVIDED = Set.of(
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_S3",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL_SSM");

    private static final ThreadLocal<Env> SCOPED = new ThreadLocal<>();

    private final Map<String, String> values;
    private final Set<String> read = Collections.synchronizedSet(new LinkedHashSet<>());

    private Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The environment of this function: the scoped one during a local-stack init, else the process's. */
    public static Env current() {
        Env scoped = SCOPED.get();
        return scoped != null ? scoped : new Env(System.getenv());
    }

    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    /** Runs {@code init} on this thread with {@code values} as {@link #current()}; returns what it built and read. */
    public static <T> Scoped<T> scoped(Map<String, String> values, Supplier<T> init) {
        Env env = new Env(values);
        Env previous = SCOPED.get();
        SCOPED.set(env);
        try {
            return new Scoped<>(init.get(), env.namesRead());
        } finally {
            if (previous == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(previous);
            }
        }
    }

    public record Scoped<T>(T value, Set<String> namesRead) {
    }

    public String required(String name) {
        String value = lookup(name);
        if (value == null || value.isBlank()) {
            throw new MissingEnvironmentException(name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        String value = lookup(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String get(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int intValue(String name, int defaultValue) {
        return optional(name).map(v -> parse(name, v, Integer::parseInt, "an integer")).orElse(defaultValue);
    }

    public boolean flag(String name, boolean defaultValue) {
        return optional(name).map(v -> switch (v.trim().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidEnvironmentException(name, v, "true or false");
        }).orElse(defaultValue);
    }

    /** A duration given in seconds (fractions allowed: "0.5"). */
    public Duration seconds(String name, Duration defaultValue) {
        return optional(name)
                .map(v -> parse(name, v, s -> Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000)), "seconds"))
                .orElse(defaultValue);
    }

    public Optional<URI> uri(String name) {
        return optional(name).map(v -> parse(name, v, s -> {
            URI uri = URI.create(s);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        }, "an absolute URL"));
    }

    /**
     * This environment with some variables replaced (SnapStart priming points a twin of the function at a loopback
     * server this way); reads of the copy are not counted as reads of this one.
     */
    public Env with(Map<String, String> overrides) {
        Map<String, String> merged = new java.util.HashMap<>(values);
        merged.putAll(overrides);
        return new Env(merged);
    }

    /** Names read so far through this instance, in order. */
    public Set<String> namesRead() {
        synchronized (read) {
            // Set.copyOf would lose the order the javadoc promises.
            return Collections.unmodifiableSet(new LinkedHashSet<>(read));
        }
    }

    private String lookup(String name) {
        read.add(name);
        return values.get(name);
    }

    private interface Parser<T> {
        T parse(String value) throws Exception;
    }

    private static <T> T parse(String name, String value, Parser<T> parser, String expected) {
        try {
            return parser.parse(value.trim());
        } catch (Exception e) {
            throw new InvalidEnvironmentException(name, value, expected);
        }
    }
}
