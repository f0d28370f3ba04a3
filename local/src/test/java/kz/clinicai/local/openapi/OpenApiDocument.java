package kz.clinicai.local.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.clinicai.shared.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/openapi.yaml as the tests read it: its operations by route key ("POST /calls", "ANY /console",
 * "POST / (function URL CallsWebhookFunction)"), and JSON bodies validated against an operation's schemas by the
 * networknt JSON Schema validator (draft 2020-12, the dialect of OpenAPI 3.1's Schema Object). Schemas are
 * validated in place — the whole document is the validator's root with a {@code $ref} to the schema — so
 * {@code #/components/schemas/…} references resolve as any OpenAPI tool resolves them.
 */
final class OpenApiDocument {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** AWS's OpenAPI extension for an HttpApi route with Method ANY. */
    static final String ANY_METHOD = "x-amazon-apigateway-any-method";
    /** Our extension on a path item served by a Lambda function URL (not the HTTP API): the function's logical id. */
    static final String FUNCTION_URL = "x-function-url";

    /** One operation: {@code key} is "METHOD /path" or "METHOD url:FunctionId" for a function URL. */
    record Operation(String key, String method, String path, String functionUrl, String pointer, JsonNode node) {
    }

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode root;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String functionUrl = path.getValue().path(FUNCTION_URL).asText(null);
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().equals(ANY_METHOD) ? "ANY"
                        : METHODS.contains(op.getKey()) ? op.getKey().toUpperCase(Locale.ROOT) : null;
                if (method == null) {
                    continue;
                }
                String key = functionUrl == null ? method + " " + path.getKey() : method + " url:" + functionUrl;
                operations.put(key, new Operation(key, method, path.getKey(), functionUrl,
                        "/paths/" + escape(path.getKey()) + "/" + escape(op.getKey()), op.getValue()));
            }
        }
    }

    static Path file() {
        return kz.clinicai.local.ProjectRoot.find(Path.of("")).resolve("docs/openapi.yaml");
    }

    static OpenApiDocument load() {
        try (Reader reader = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new OpenApiDocument(Json.mapper().valueToTree(yaml));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file(), e);
        }
    }

    JsonNode root() {
        return root;
    }

    Map<String, Operation> operations() {
        return operations;
    }

    Optional<Operation> operation(String method, String path) {
        Operation exact = operations.get(method + " " + path);
        return Optional.ofNullable(exact != null ? exact : operations.get("ANY " + path));
    }

    Optional<Operation> functionUrl(String method, String functionId) {
        return Optional.ofNullable(operations.get(method + " url:" + functionId));
    }

    /** The documented statuses of an operation ("200", "404"…). */
    List<String> statuses(Operation op) {
        List<String> out = new ArrayList<>();
        op.node().path("responses").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Pointer of the response object for {@code status}, following a {@code $ref} to components/responses. */
    Optional<String> responsePointer(Operation op, int status) {
        JsonNode response = op.node().path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            return Optional.empty();
        }
        String ref = response.path("$ref").asText(null);
        return Optional.of(ref != null ? ref.substring(1) : op.pointer() + "/responses/" + status);
    }

    /** The media types documented for a response (empty: the response has no body). */
    List<String> mediaTypes(String responsePointer) {
        List<String> out = new ArrayList<>();
        root.at(responsePointer).path("content").fieldNames().forEachRemaining(out::add);
        return out;
    }

    Optional<String> requestSchemaPointer(Operation op) {
        JsonNode body = op.node().path("requestBody");
        if (body.isMissingNode()) {
            return Optional.empty();
        }
        String ref = body.path("$ref").asText(null);
        String pointer = ref != null ? ref.substring(1) : op.pointer() + "/requestBody";
        return root.at(pointer + "/content/application~1json/schema").isMissingNode() ? Optional.empty()
                : Optional.of(pointer + "/content/application~1json/schema");
    }

    /** Validation errors of {@code value} against the schema at {@code schemaPointer} (empty: valid). */
    List<String> validate(String schemaPointer, JsonNode value) {
        if (root.at(schemaPointer).isMissingNode()) {
            throw new IllegalArgumentException("no schema at " + schemaPointer);
        }
        ObjectNode wrapper = root.deepCopy();
        wrapper.put("$ref", "#" + schemaPointer);
        return SCHEMAS.getSchema(wrapper).validate(value).stream().map(Error::toString).toList();
    }

    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
