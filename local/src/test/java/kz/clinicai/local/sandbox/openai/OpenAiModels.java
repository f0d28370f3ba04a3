package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.ErrorObject;
import com.openai.models.admin.organization.usage.UsageCostsResponse;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionDiarized;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationDeletedResource;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ConversationItemList;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListPageResponse;
import com.openai.models.files.FileObject;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.inputitems.ResponseItemList;
import com.openai.models.vectorstores.VectorStore;
import com.openai.models.vectorstores.VectorStoreDeleted;
import com.openai.models.vectorstores.VectorStoreListPageResponse;
import com.openai.models.vectorstores.VectorStoreSearchPageResponse;
import com.openai.models.vectorstores.files.VectorStoreFile;
import com.openai.models.vectorstores.files.VectorStoreFileDeleted;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strict judge of the simulator's answers, always available: openai-java 4.101.0's model classes, generated from
 * OpenAI's OpenAPI document. Each JSON answer is read into the class the official client reads that operation's
 * answer into and {@code validate()}d, which throws when a field the document marks required is missing or has the
 * wrong type, a constant ({@code object}, {@code type}) has another value or a union member is none of its variants.
 * Error answers are read as the client reads them: {@code {"error": ErrorObject}}, the four fields present.
 * One requirement the client does not enforce is added by hand (output_text parts' {@code logprobs}, see
 * {@link #outputTextLogprobs}). What it cannot see: a {@code null} in an optional field the document does not let be null (openai-java reads it
 * as absent) and extra fields; {@link OpenAiSpec} does, when the published document is beside the project.
 */
final class OpenAiModels {

    /**
     * One operation the simulator serves (below {@code /v1}) and the class openai-java reads its answer into;
     * {@code model} is null where openai-java reads no JSON (audio, file contents, the body of DELETE /responses/{id},
     * which the client discards) and {@code note} says what is checked instead.
     */
    record Operation(String method, String template, Class<?> model, String note) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static final List<Operation> OPERATIONS = List.of(
            op("POST", "/responses", Response.class),
            op("GET", "/responses/{response_id}", Response.class),
            raw("DELETE", "/responses/{response_id}", "openai-java's responses().delete() discards the body"),
            op("POST", "/responses/{response_id}/cancel", Response.class),
            op("GET", "/responses/{response_id}/input_items", ResponseItemList.class),
            op("POST", "/conversations", Conversation.class),
            op("GET", "/conversations/{conversation_id}", Conversation.class),
            op("POST", "/conversations/{conversation_id}", Conversation.class),
            op("DELETE", "/conversations/{conversation_id}", ConversationDeletedResource.class),
            op("GET", "/conversations/{conversation_id}/items", ConversationItemList.class),
            op("POST", "/conversations/{conversation_id}/items", ConversationItemList.class),
            op("GET", "/conversations/{conversation_id}/items/{item_id}", ConversationItem.class),
            op("DELETE", "/conversations/{conversation_id}/items/{item_id}", Conversation.class),
            op("POST", "/files", FileObject.class),
            op("GET", "/files", FileListPageResponse.class),
            op("GET", "/files/{file_id}", FileObject.class),
            op("DELETE", "/files/{file_id}", FileDeleted.class),
            raw("GET", "/files/{file_id}/content", "the file's bytes (openai-java returns the raw HttpResponse)"),
            op("POST", "/vector_stores", VectorStore.class),
            op("GET", "/vector_stores", VectorStoreListPageResponse.class),
            op("GET", "/vector_stores/{vector_store_id}", VectorStore.class),
            op("POST", "/vector_stores/{vector_store_id}", VectorStore.class),
            op("DELETE", "/vector_stores/{vector_store_id}", VectorStoreDeleted.class),
            op("POST", "/vector_stores/{vector_store_id}/search", VectorStoreSearchPageResponse.class),
            op("POST", "/vector_stores/{vector_store_id}/files", VectorStoreFile.class),
            op("GET", "/vector_stores/{vector_store_id}/files",
                    com.openai.models.vectorstores.files.FileListPageResponse.class),
            op("GET", "/vector_stores/{vector_store_id}/files/{file_id}", VectorStoreFile.class),
            op("POST", "/vector_stores/{vector_store_id}/files/{file_id}", VectorStoreFile.class),
            op("DELETE", "/vector_stores/{vector_store_id}/files/{file_id}", VectorStoreFileDeleted.class),
            // The class depends on the request's response_format: see transcription().
            op("POST", "/audio/transcriptions", Transcription.class),
            raw("POST", "/audio/speech", "audio bytes (openai-java returns the raw HttpResponse)"),
            op("POST", "/realtime/client_secrets", ClientSecretCreateResponse.class),
            op("GET", "/organization/costs", UsageCostsResponse.class));

    private static final Pattern RESPONSE_FORMAT = Pattern.compile(
            "name=\"response_format\"\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n([a-z_]+)");

    private OpenAiModels() {
    }

    private static Operation op(String method, String template, Class<?> model) {
        return new Operation(method, template, model, null);
    }

    private static Operation raw(String method, String template, String note) {
        return new Operation(method, template, null, note);
    }

    /** The operation for {@code method} and {@code path} (below /v1, query ignored), literal segments preferred. */
    static Optional<Operation> operation(String method, String path) {
        String[] segments = segments(path.split("\\?")[0]);
        Operation best = null;
        int bestLiterals = -1;
        for (Operation op : OPERATIONS) {
            String[] parts = segments(op.template());
            if (!op.method().equalsIgnoreCase(method) || parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (!parts[i].startsWith("{")) {
                    matches = parts[i].equals(segments[i]);
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = op;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** What openai-java finds wrong with one answer; empty when its model class takes it whole. */
    static List<String> problems(String method, String path, byte[] request, int status, String contentType,
            byte[] body) {
        List<String> out = new ArrayList<>();
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String what = method + " " + path + " " + status;
        if (status >= 400) {
            error(what, type, body, out);
            return out;
        }
        Optional<Operation> operation = operation(method, path);
        if (operation.isEmpty()) {
            out.add(what + ": no operation openai-java knows among those the simulator serves");
            return out;
        }
        Operation op = operation.get();
        what = op + " " + status;
        if (status != 200) {
            out.add(what + ": OpenAI answers these operations with 200");
            return out;
        }
        Class<?> model = op.model();
        if (op.template().equals("/audio/transcriptions")) {
            String format = responseFormat(request);
            if (Arrays.asList("text", "srt", "vtt").contains(format)) {
                if (!type.equals("text/plain") || body.length == 0) {
                    out.add(what + ": response_format " + format + " answered as " + type + " with " + body.length
                            + " bytes, not text/plain");
                }
                return out;
            }
            model = switch (format) {
                case "verbose_json" -> TranscriptionVerbose.class;
                case "diarized_json" -> TranscriptionDiarized.class;
                default -> Transcription.class;
            };
        }
        if (model == null) {
            if (body.length == 0 || op.template().equals("/audio/speech") && !type.startsWith("audio/")) {
                out.add(what + ": " + body.length + " bytes of " + type + " where " + op.note());
            }
            return out;
        }
        if (!type.equals("application/json")) {
            out.add(what + ": content type " + type + ", openai-java reads application/json");
            return out;
        }
        validate(what, model, body, out);
        outputTextLogprobs(what, body, out);
        return out;
    }

    /**
     * The one requirement of the document openai-java 4.101.0 does not enforce for the answers the simulator gives:
     * the document's OutputTextContent requires {@code type, text, annotations, logprobs}, while ResponseOutputText
     * reads {@code logprobs} as optional (its validate() and builder require only the other three). Checked here
     * so an output_text part without it fails whether or not the published document is beside the project.
     */
    private static void outputTextLogprobs(String what, byte[] body, List<String> out) {
        JsonNode json;
        try {
            json = ObjectMappers.jsonMapper().readTree(body);
        } catch (IOException e) {
            return; // validate() has reported it
        }
        List<JsonNode> parts = json == null ? List.of() : json.findParents("type");
        for (JsonNode part : parts) {
            if ("output_text".equals(part.path("type").asText()) && !part.path("logprobs").isArray()) {
                out.add(what + ": an output_text part without the logprobs array OpenAI's document requires: " + part);
            }
        }
    }

    /** The error shape every openai-java exception is built from: {"error":{"message","type","param","code"}}. */
    private static void error(String what, String type, byte[] body, List<String> out) {
        if (!type.equals("application/json")) {
            out.add(what + ": an error answer as " + type + ", not application/json");
            return;
        }
        JsonNode json;
        try {
            json = ObjectMappers.jsonMapper().readTree(body);
        } catch (IOException e) {
            out.add(what + ": the error body is not JSON: " + e.getMessage());
            return;
        }
        JsonNode error = json == null ? null : json.get("error");
        if (error == null || !error.isObject()) {
            out.add(what + ": no \"error\" object in " + new String(body, StandardCharsets.UTF_8));
            return;
        }
        for (String field : List.of("message", "type", "param", "code")) {
            if (!error.has(field)) {
                out.add(what + ": the error has no \"" + field + "\" (null when it has none): " + error);
            }
        }
        if (!error.path("message").isTextual() || !error.path("type").isTextual()) {
            out.add(what + ": the error's message and type must be strings: " + error);
        }
        validate(what + " error", ErrorObject.class, error.toString().getBytes(StandardCharsets.UTF_8), out);
    }

    /** Reads {@code body} into {@code model} with openai-java's own mapper and validates it. */
    static void validate(String what, Class<?> model, byte[] body, List<String> out) {
        try {
            Object value = ObjectMappers.jsonMapper().readValue(body, model);
            if (value == null) {
                out.add(what + ": the body is null, openai-java wants a " + model.getSimpleName());
                return;
            }
            Method validate = model.getMethod("validate");
            validate.invoke(value);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            out.add(what + ": " + model.getName().replace("com.openai.models.", "") + ".validate(): "
                    + (cause instanceof OpenAIInvalidDataException ? cause.getMessage() : String.valueOf(cause)));
        } catch (IOException e) {
            out.add(what + ": openai-java cannot read the body as " + model.getSimpleName() + ": " + e.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validate()", e);
        }
    }

    private static String responseFormat(byte[] request) {
        Matcher m = RESPONSE_FORMAT.matcher(new String(request, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : "json";
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
