package kz.clinicai.local.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.template.TemplateContract.Trigger;
import kz.clinicai.local.template.TemplateContract.Violation;

/** One check of a template: what every rule family reads, and the violations they find, in the order found. */
final class ContractRun {

    /** Port 1 on loopback: anything that tries to connect during init fails at once instead of going out. */
    static final String DEAD_END = "http://127.0.0.1:1";
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    final SamTemplate template;
    final ClassLoader loader;
    /** Resolves intrinsics to placeholder names and dead-end URLs (environment values, CORS parameters). */
    final Intrinsics intrinsics;
    /** The event kind each function's triggers deliver: found by the handler rules, read by the sample-event rules. */
    final Map<String, Trigger> triggers = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();

    ContractRun(SamTemplate template, ClassLoader loader) {
        this.template = template;
        this.loader = loader;
        this.intrinsics = new Intrinsics(template, new PlaceholderWorld());
    }

    void fail(String resource, String message) {
        violations.add(new Violation(resource, message));
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Names that resolve to what the resource would be called, with local-looking URLs and ARNs. */
    private final class PlaceholderWorld implements Intrinsics.World {

        @Override
        public String ref(String name) {
            Optional<String> pseudo = Intrinsics.pseudoParameter(name, REGION, ACCOUNT, "clinicai");
            if (pseudo.isPresent()) {
                return pseudo.get();
            }
            if (name.startsWith("AWS::")) {
                return "placeholder";
            }
            SamTemplate.Parameter parameter = template.parameters().get(name);
            if (parameter != null) {
                if (parameter.defaultValue() != null) {
                    return parameter.defaultValue();
                }
                return "Number".equals(parameter.type()) ? "1" : "placeholder-" + name;
            }
            return template.resource(name)
                    .map(r -> r.type().equals("AWS::SQS::Queue") ? queueUrl(r) : physicalName(r))
                    .orElse(name);
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            Optional<SamTemplate.Resource> resource = template.resource(logicalId);
            if (resource.isEmpty()) {
                return logicalId + "." + attribute;
            }
            SamTemplate.Resource r = resource.get();
            return switch (attribute) {
                case "Arn", "StreamArn" -> "arn:aws:" + service(r.type()) + ":" + REGION + ":" + ACCOUNT + ":"
                        + physicalName(r);
                case "QueueUrl" -> queueUrl(r);
                case "FunctionUrl", "ApiEndpoint", "WebsiteURL" -> DEAD_END + "/";
                default -> physicalName(r);
            };
        }

        private String queueUrl(SamTemplate.Resource r) {
            return DEAD_END + "/" + ACCOUNT + "/" + physicalName(r);
        }

        private String physicalName(SamTemplate.Resource r) {
            for (String key : List.of("TableName", "QueueName", "BucketName", "FunctionName", "Name")) {
                Object value = r.properties().get(key);
                if (value != null) {
                    try {
                        return intrinsics.string(value);
                    } catch (RuntimeException e) {
                        return r.logicalId();
                    }
                }
            }
            return r.logicalId();
        }

        private String service(String type) {
            String[] parts = type.split("::");
            return parts.length > 1 ? parts[1].toLowerCase() : "unknown";
        }
    }
}
