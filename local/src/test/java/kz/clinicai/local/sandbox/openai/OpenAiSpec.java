package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.shared.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * OpenAI's published OpenAPI document as a second judge of answers, beside the strict one by openai-java's model
 * classes ({@link OpenAiModels}). It is read from {@code ../shared/reference/openai-openapi.yaml} beside the project
 * when the steering side has put it there (never copied into the project); {@link #published()} is empty otherwise.
 * It finds the operation of a method and path and validates a body against the response schema the
 * document gives for that status (JSON Schema 2020-12, which OpenAPI 3.1 schemas are). Error answers, for which most
 * operations declare no body, are judged by the document's {@code ErrorResponse}.
 */
final class OpenAiSpec {

    private static final String BASE = "https://openai-openapi.test/openapi.json";
    private static volatile Optional<OpenAiSpec> published;

    /** One operation of the document: its method and path template (below {@code /v1}). */
    record Operation(String method, String template) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenAiSpec(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(20 * 1024 * 1024);
            options.setMaxAliasesForCollections(1000);
            Object tree = new Yaml(options).load(in);
            document = Json.mapper().valueToTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = document.toString();
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(BASE, text)));
    }

    /** Where the published document is looked for: beside the project, as voxengine.d.ts is. */
    static Path location() {
        return ProjectRoot.find(Path.of("")).getParent().resolve("shared/reference/openai-openapi.yaml").normalize();
    }

    /** The published document when it is beside the project; read once. */
    static Optional<OpenAiSpec> published() {
        Optional<OpenAiSpec> spec = published;
        if (spec == null) {
            synchronized (OpenAiSpec.class) {
                if (published == null) {
                    Path file = location();
                    published = Files.isRegularFile(file) ? Optional.of(new OpenAiSpec(file)) : Optional.empty();
                }
                spec = published;
            }
        }
        return spec;
    }

    String version() {
        return document.path("info").path("version").asText();
    }

    /** The document's operation for {@code method} and {@code path} (below /v1), literal segments preferred. */
    Optional<Operation> operation(String method, String path) {
        String[] segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        Operation best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            if (template.contains("?") || !document.path("paths").path(template).has(method.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String[] parts = Arrays.stream(template.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (parts[i].startsWith("{")) {
                    continue;
                }
                matches = parts[i].equals(segments[i]);
                literals++;
            }
            if (matches && literals > bestLiterals) {
                best = new Operation(method.toUpperCase(Locale.ROOT), template);
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * What is wrong with an answer by the document: an operation it does not have, a success status or content type
     * it does not declare, a JSON body its schema refuses. Empty when the answer is what the document describes.
     */
    List<String> problems(String method, String path, int status, String contentType, byte[] body) {
        List<String> out = new ArrayList<>();
        Optional<Operation> operation = operation(method, path);
        if (operation.isEmpty()) {
            out.add("no operation " + method + " " + path + " in the document");
            return out;
        }
        Operation op = operation.get();
        JsonNode responses = document.path("paths").path(op.template()).path(op.method().toLowerCase(Locale.ROOT))
                .path("responses");
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (status >= 400) {
            // Most operations declare no error body; the two that do name the bare Error object, while the wire (and
            // every SDK built from this document) carries it as {"error": Error}: the document's ErrorResponse.
            String pointer = "#/components/schemas/ErrorResponse";
            if (!type.equals("application/json")) {
                out.add(op + " " + status + ": an error answer as " + type + ", not application/json");
                return out;
            }
            validate(op + " " + status, pointer, body, out);
            return out;
        }
        JsonNode response = responses.path(String.valueOf(status));
        if (response.isMissingNode()) {
            out.add(op + ": status " + status + " is not among the document's answers " + names(responses));
            return out;
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            // No schema (DELETE /responses/{id}): the operation's example answer in x-oaiMeta is all the document says.
            example(op).ifPresentOrElse(example -> sameShape(op + " " + status, example, body, out), () -> {
                if (body.length > 0) {
                    out.add(op + " " + status + ": the document declares no body, the answer has " + body.length
                            + " bytes");
                }
            });
            return out;
        }
        JsonNode json = content.path("application/json").path("schema");
        if (content.size() == 1 && json.size() == 1 && json.path("type").asText().equals("string")) {
            // File contents (GET /files/{id}/content): declared as a JSON string, answered as the file's own bytes.
            return out;
        }
        if (!content.has(type) && content.has("application/octet-stream") && type.startsWith("audio/")) {
            // Speech: the document says application/octet-stream, the service labels the audio by its format
            // (audio/mpeg, audio/flac, …): openai/openai-openapi issue 141, open and labelled a specification bug.
            if (body.length == 0) {
                out.add(op + " " + status + ": empty " + type + " body");
            }
            return out;
        }
        if (!content.has(type)) {
            out.add(op + " " + status + ": content type " + type + " is not among " + names(content));
            return out;
        }
        if (type.equals("application/json")) {
            validate(op + " " + status, pointer(op, String.valueOf(status), type), body, out);
        } else if (body.length == 0) {
            out.add(op + " " + status + ": empty " + type + " body");
        }
        return out;
    }

    private void validate(String what, String pointer, byte[] body, List<String> out) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            out.add(what + ": the body is not JSON: " + e.getMessage());
            return;
        }
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + p)));
        List<Error> errors = schema.validate(json);
        // Some oneOf lists of the document overlap (a whisper verbose_json or a diarized transcription is also a
        // valid plain transcription: no discriminator, no additionalProperties:false), so an answer valid against
        // one alternative is "valid against 2". That, and the failing alternatives' details below it, is the
        // document's ambiguity, not a wrong answer; "0 are valid" stays an error.
        List<String> overlapping = errors.stream().filter(e -> "oneOf".equals(e.getKeyword())
                        && !e.getMessage().contains("but 0 are valid"))
                .map(e -> e.getInstanceLocation().toString()).toList();
        errors = errors.stream().filter(e -> overlapping.stream()
                .noneMatch(at -> e.getInstanceLocation().toString().startsWith(at))).toList();
        for (Error e : errors) {
            out.add(what + ": " + e + "  [schema " + pointer + "]");
        }
    }

    private Optional<JsonNode> example(Operation op) {
        JsonNode text = document.path("paths").path(op.template()).path(op.method().toLowerCase(Locale.ROOT))
                .path("x-oaiMeta").path("examples").path("response");
        if (!text.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.mapper().readTree(text.asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The same field names with the same JSON types as the document's example, and the same {@code object}. */
    private static void sameShape(String what, JsonNode example, byte[] body, List<String> out) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            out.add(what + ": the body is not JSON: " + e.getMessage());
            return;
        }
        List<String> expected = names(example);
        List<String> actual = json == null ? List.of() : names(json);
        if (!new java.util.TreeSet<>(expected).equals(new java.util.TreeSet<>(actual))) {
            out.add(what + ": fields " + actual + ", the document's example has " + expected);
            return;
        }
        for (String field : expected) {
            if (example.get(field).getNodeType() != json.get(field).getNodeType()) {
                out.add(what + ": " + field + " is " + json.get(field).getNodeType() + ", the document's example has "
                        + example.get(field).getNodeType());
            }
        }
        if (example.has("object") && !example.get("object").equals(json.get("object"))) {
            out.add(what + ": object " + json.get("object") + ", the document's example has " + example.get("object"));
        }
    }

    private static String pointer(Operation op, String status, String type) {
        return "#/paths/" + escape(op.template()) + "/" + op.method().toLowerCase(Locale.ROOT) + "/responses/" + status
                + "/content/" + escape(type) + "/schema";
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
