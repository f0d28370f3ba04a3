package kz.clinicai.local.sandbox;

import java.io.IOException;
import java.util.Map;

/**
 * One simulated external service. The sandbox mounts it under {@code /{name}} on its HTTP server, applies the
 * injected latency and faults before calling {@link #handle}, and lists its pages on the index page.
 * Behaviour must be deterministic: the same requests give the same answers.
 */
public interface SandboxService extends AutoCloseable {

    /** Path segment and key, e.g. "openai". */
    String name();

    /** One line for the startup banner and the index page, saying it is a simulator. */
    String summary();

    /** Called once before the first request; a service that needs its own server (TLS) starts it here. */
    default void start(SandboxContext context) throws IOException {
    }

    /**
     * Settings the platform needs to reach this service, by key ({@code openai.baseUrl} → ".../openai/v1").
     * The local stack maps them onto template parameters.
     */
    Map<String, String> settings(String mountedBaseUrl);

    /** Answers one request below the mount point. */
    void handle(SandboxExchange exchange) throws IOException;

    /** Human pages below the mount point, title → relative path (e.g. "Operator chat" → "ui"). */
    default Map<String, String> pages() {
        return Map.of();
    }

    /**
     * Answers an injected status fault in this service's own error format (body and headers as the real service
     * sends them for that status); false leaves it to the sandbox's generic JSON body.
     */
    default boolean answerFault(Faults.Fault.Status fault, SandboxExchange exchange) throws IOException {
        return false;
    }

    /** Forgets every recorded request and shaped state (between tests). */
    default void reset() {
    }

    @Override
    default void close() {
    }
}
