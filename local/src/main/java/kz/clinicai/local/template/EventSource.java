package kz.clinicai.local.template;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** One entry of a function's Events (or its FunctionUrlConfig). */
public sealed interface EventSource {

    String name();

    static EventSource read(String functionId, String name, Map<String, Object> body) {
        String type = Maps.string(body.get("Type"));
        Map<String, Object> p = Maps.map(body.get("Properties"));
        if (type == null) {
            throw new TemplateException("Event " + name + " of " + functionId + " has no Type");
        }
        return switch (type) {
            case "HttpApi" -> new HttpApiRoute(name,
                    Maps.string(p.getOrDefault("Method", "ANY")).toUpperCase(),
                    Maps.string(p.getOrDefault("Path", "/$default")),
                    Maps.referencedId(p.get("ApiId")),
                    Maps.string(p.getOrDefault("PayloadFormatVersion", "2.0")));
            case "SQS" -> new SqsSource(name,
                    Maps.referencedId(p.get("Queue")),
                    Maps.integer(p.get("BatchSize"), 10),
                    Maps.integer(p.get("MaximumBatchingWindowInSeconds"), 0),
                    Maps.list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                    Maps.bool(p.get("Enabled"), true),
                    Maps.map(p.get("ScalingConfig")).get("MaximumConcurrency"));
            case "Schedule", "ScheduleV2" -> new ScheduleSource(name, type,
                    Maps.string(p.get(type.equals("Schedule") ? "Schedule" : "ScheduleExpression")),
                    Maps.bool(p.get("Enabled"), !"DISABLED".equals(p.get("State"))),
                    Maps.string(p.get("Input")));
            default -> new Other(name, type, p);
        };
    }

    /** @param apiId the HttpApi's logical id, or null for SAM's implicit API */
    record HttpApiRoute(String name, String method, String path, String apiId, String payloadFormatVersion)
            implements EventSource {
        public static final String IMPLICIT_API = "ServerlessHttpApi";

        public String api() {
            return apiId == null ? IMPLICIT_API : apiId;
        }

        /** Path segments; {@code {x}} is a parameter, {@code {x+}} takes the rest. */
        public List<String> segments() {
            return List.of(path.replaceFirst("^/", "").split("/", -1));
        }
    }

    /**
     * @param queueId            logical id of the queue ({@code !GetAtt Q.Arn}), null if it is not in this template
     * @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency} as written (a number or an intrinsic such
     *                           as {@code !Ref Parameter}), null when the mapping has none
     */
    record SqsSource(String name, String queueId, int batchSize, int maximumBatchingWindowSeconds,
                     boolean reportBatchItemFailures, boolean enabled, Object maximumConcurrency)
            implements EventSource {

        /** Lambda refuses a mapping whose MaximumConcurrency is outside 2–1000. */
        public static final int MIN_CONCURRENCY = 2;
        public static final int MAX_CONCURRENCY = 1000;

        /**
         * How many batches of this mapping may run at once ({@code ScalingConfig.MaximumConcurrency}, resolved);
         * empty when unlimited by the mapping.
         *
         * @throws TemplateException for a value Lambda refuses, as a deployment would fail on it
         */
        public OptionalInt concurrencyCap(Intrinsics intrinsics) {
            if (maximumConcurrency == null) {
                return OptionalInt.empty();
            }
            Object resolved = intrinsics.resolve(maximumConcurrency);
            int value = Maps.integer(resolved, 0);
            if (value < MIN_CONCURRENCY || value > MAX_CONCURRENCY) {
                throw new TemplateException("Event " + name + ": ScalingConfig.MaximumConcurrency is " + resolved
                        + "; Lambda accepts " + MIN_CONCURRENCY + " to " + MAX_CONCURRENCY);
            }
            return OptionalInt.of(value);
        }
    }

    /** @param expression {@code rate(5 minutes)} or {@code cron(0 3 * * ? *)} */
    record ScheduleSource(String name, String type, String expression, boolean enabled, String input)
            implements EventSource {
    }

    record Other(String name, String type, Map<String, Object> properties) implements EventSource {
    }
}
