package kz.clinicai.local.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;

/**
 * Applies a service's injected latency and next queued fault to one request. The sandbox's HTTP server uses it,
 * and so does any service that runs its own server (InfoClinica's mutual-TLS endpoint), so faults behave alike.
 */
public final class FaultGate {

    private FaultGate() {
    }

    /** Wraps a request of a service-owned server; {@code path} is the path below that service's root. */
    public static SandboxExchange exchange(HttpExchange raw, String path) {
        return new SandboxExchange(raw, path);
    }

    /**
     * Waits the configured latency, then answers with the next queued fault if there is one.
     *
     * @return true when a fault answered the request (the caller must not answer it again)
     */
    public static boolean injure(Faults faults, String service, SandboxExchange exchange)
            throws IOException, InterruptedException {
        return injure(faults, service, null, exchange);
    }

    /** As {@link #injure(Faults, String, SandboxExchange)}, letting the service shape its status faults. */
    public static boolean injure(Faults faults, SandboxService service, SandboxExchange exchange)
            throws IOException, InterruptedException {
        return injure(faults, service.name(), service, exchange);
    }

    private static boolean injure(Faults faults, String service, SandboxService shaper, SandboxExchange exchange)
            throws IOException, InterruptedException {
        Duration latency = faults.latencyOf(service);
        if (!latency.isZero()) {
            Thread.sleep(latency);
        }
        Optional<Faults.Fault> fault = faults.next(service);
        if (fault.isEmpty()) {
            return false;
        }
        switch (fault.get()) {
            case Faults.Fault.Status s when shaper != null && shaper.answerFault(s, exchange) -> {
                // answered in the service's own error format
            }
            case Faults.Fault.Status s -> exchange.respond(s.status(), "application/json",
                    Json.mapper().writeValueAsBytes(Map.of("error", Map.of("message", "injected fault " + s.status(),
                            "type", "sandbox_fault", "code", s.status()))),
                    s.retryAfterSeconds() > 0 ? Map.of("Retry-After", String.valueOf(s.retryAfterSeconds())) : Map.of());
            case Faults.Fault.Timeout t -> {
                Thread.sleep(t.hold());
                exchange.raw().close();
            }
            case Faults.Fault.Malformed m -> exchange.text(200, "application/json", "{\"this is not\": ");
        }
        return true;
    }
}
