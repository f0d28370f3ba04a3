package kz.clinicai.local.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latency and faults injected per service, for tests and benchmarks. Queued faults answer the next requests
 * in order, one each; latency applies to every request until cleared.
 */
public final class Faults {

    /** What the next request to a service gets instead of its real answer. */
    public sealed interface Fault {
        /**
         * An HTTP error status, with Retry-After (seconds) when retryAfterSeconds > 0; {@code code} (may be null)
         * picks one of the service's own error kinds for that status (OpenAI 429: rate_limit_exceeded or
         * insufficient_quota).
         */
        record Status(int status, int retryAfterSeconds, String code) implements Fault {
            public Status(int status, int retryAfterSeconds) {
                this(status, retryAfterSeconds, null);
            }
        }

        /** No answer until the client gives up (the connection is held for {@code hold}, then closed). */
        record Timeout(Duration hold) implements Fault {
        }

        /** 200 with a body that is not what the protocol promises. */
        record Malformed() implements Fault {
        }
    }

    private record Plan(Duration latency, Deque<Fault> queued) {
    }

    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    public void latency(String service, Duration latency) {
        plans.compute(service, (k, p) -> new Plan(latency, p == null ? new ArrayDeque<>() : p.queued()));
    }

    public void enqueue(String service, List<Fault> faults) {
        plans.compute(service, (k, p) -> {
            Plan plan = p == null ? new Plan(Duration.ZERO, new ArrayDeque<>()) : p;
            synchronized (plan.queued()) {
                plan.queued().addAll(faults);
            }
            return plan;
        });
    }

    public void clear() {
        plans.clear();
    }

    public void clear(String service) {
        plans.remove(service);
    }

    Duration latencyOf(String service) {
        Plan plan = plans.get(service);
        return plan == null ? Duration.ZERO : plan.latency();
    }

    Optional<Fault> next(String service) {
        Plan plan = plans.get(service);
        if (plan == null) {
            return Optional.empty();
        }
        synchronized (plan.queued()) {
            return Optional.ofNullable(plan.queued().poll());
        }
    }
}
