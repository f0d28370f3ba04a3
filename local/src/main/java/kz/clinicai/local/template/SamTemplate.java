package kz.clinicai.local.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of template.yaml that the local stack runs and the contract test checks: functions with their
 * events, tables, queues, buckets and parameters. Values that hold intrinsics stay raw here; {@link Intrinsics}
 * resolves them against whichever world (local stack, test) asks.
 */
public final class SamTemplate {

    /** SAM's own default when neither the function nor Globals sets a Timeout. */
    static final int SAM_DEFAULT_TIMEOUT_SECONDS = 3;
    static final int SAM_DEFAULT_MEMORY_MB = 128;

    private final Path file;
    private final Map<String, Object> raw;
    private final Map<String, Resource> resources;
    private final Map<String, Parameter> parameters;
    private final List<FunctionDef> functions;
    private final List<TableDef> tables;
    private final List<QueueDef> queues;
    private final List<BucketDef> buckets;

    private SamTemplate(Path file, Map<String, Object> raw) {
        this.file = file;
        this.raw = raw;
        this.resources = readResources(raw);
        this.parameters = readParameters(raw);
        Map<String, Object> functionGlobals = Maps.map(Maps.map(raw.get("Globals")).get("Function"));
        List<FunctionDef> fs = new ArrayList<>();
        List<TableDef> ts = new ArrayList<>();
        List<QueueDef> qs = new ArrayList<>();
        List<BucketDef> bs = new ArrayList<>();
        for (Resource resource : resources.values()) {
            switch (resource.type()) {
                case "AWS::Serverless::Function" -> fs.add(FunctionDef.read(resource, functionGlobals));
                case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> ts.add(TableDef.read(resource));
                case "AWS::SQS::Queue" -> qs.add(QueueDef.read(resource));
                case "AWS::S3::Bucket" -> bs.add(BucketDef.read(resource));
                default -> {
                }
            }
        }
        this.functions = List.copyOf(fs);
        this.tables = List.copyOf(ts);
        this.queues = List.copyOf(qs);
        this.buckets = List.copyOf(bs);
    }

    public static SamTemplate load(Path file) {
        try {
            return new SamTemplate(file.toAbsolutePath().normalize(), CfnYaml.load(file));
        } catch (IOException e) {
            throw new TemplateException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof TemplateException te) {
                throw te;
            }
            throw new TemplateException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The folder CodeUri and events/ paths are relative to. */
    public Path projectDir() {
        return file.getParent();
    }

    public Map<String, Object> raw() {
        return raw;
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    public Optional<Resource> resource(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId));
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    public Map<String, Object> conditions() {
        return Maps.map(raw.get("Conditions"));
    }

    public Map<String, Object> outputs() {
        return Maps.map(raw.get("Outputs"));
    }

    public List<FunctionDef> functions() {
        return functions;
    }

    public Optional<FunctionDef> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    public List<TableDef> tables() {
        return tables;
    }

    public List<QueueDef> queues() {
        return queues;
    }

    public Optional<QueueDef> queue(String logicalId) {
        return queues.stream().filter(q -> q.logicalId().equals(logicalId)).findFirst();
    }

    public List<BucketDef> buckets() {
        return buckets;
    }

    /** The logical id of every HTTP API, including SAM's implicit one when an HttpApi event names none. */
    public List<String> httpApiIds() {
        List<String> ids = new ArrayList<>();
        resources.values().stream().filter(r -> r.type().equals("AWS::Serverless::HttpApi"))
                .forEach(r -> ids.add(r.logicalId()));
        boolean implicit = functions.stream().flatMap(f -> f.events().stream())
                .anyMatch(e -> e instanceof EventSource.HttpApiRoute route && route.apiId() == null);
        if (implicit) {
            ids.add(EventSource.HttpApiRoute.IMPLICIT_API);
        }
        return ids;
    }

    /**
     * The CorsConfiguration of an HTTP API as written (intrinsics unresolved): the AWS::Serverless::HttpApi's own,
     * else Globals.HttpApi's (which SAM applies to every HTTP API, the implicit one included); null when none.
     */
    public Object httpApiCors(String apiId) {
        Object own = resource(apiId).filter(r -> r.type().equals("AWS::Serverless::HttpApi"))
                .map(r -> r.properties().get("CorsConfiguration")).orElse(null);
        return own != null ? own : Maps.map(Maps.map(raw.get("Globals")).get("HttpApi")).get("CorsConfiguration");
    }

    private static Map<String, Resource> readResources(Map<String, Object> raw) {
        Map<String, Resource> out = new LinkedHashMap<>();
        Maps.map(raw.get("Resources")).forEach((id, value) -> {
            Map<String, Object> body = Maps.map(value);
            Object type = body.get("Type");
            if (!(type instanceof String typeName)) {
                throw new TemplateException("Resource " + id + " has no Type");
            }
            out.put(id, new Resource(id, typeName, Maps.map(body.get("Properties")), body));
        });
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Parameter> readParameters(Map<String, Object> raw) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Maps.map(raw.get("Parameters")).forEach((name, value) -> {
            Map<String, Object> body = Maps.map(value);
            out.put(name, new Parameter(name, Maps.string(body.get("Type")),
                    body.get("Default") == null ? null : String.valueOf(body.get("Default")),
                    "true".equalsIgnoreCase(String.valueOf(body.get("NoEcho")))));
        });
        return Collections.unmodifiableMap(out);
    }

    /** A resource as written: its type, its Properties, and its whole body (DependsOn, Condition...). */
    public record Resource(String logicalId, String type, Map<String, Object> properties, Map<String, Object> body) {
    }

    public record Parameter(String name, String type, String defaultValue, boolean noEcho) {
    }
}
