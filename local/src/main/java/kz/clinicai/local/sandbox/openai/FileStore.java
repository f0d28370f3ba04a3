package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * Files ({@code /v1/files}) and vector stores ({@code /v1/vector_stores}, their files), in memory. Files are
 * "processed" and vector store files "completed" at once; the search behind the file_search tool is a word overlap,
 * deterministic by file and line order. Vector store files carry {@code attributes} (set when attached, changed
 * with {@code POST /v1/vector_stores/{id}/files/{file_id}}) that search filters match;
 * {@code POST /v1/vector_stores/{id}/search} answers a search results page.
 */
final class FileStore {

    private static final Set<String> PURPOSES = Set.of("assistants", "batch", "fine-tune", "vision", "user_data",
            "evals");

    /** A matching line: its file, a score in (0, 1] (share of the query's words it holds), the file's attributes. */
    record Hit(String fileId, String filename, String line, double score, ObjectNode attributes) {
    }

    private record StoredFile(ObjectNode object, byte[] content) {
    }

    private record VectorStore(ObjectNode object, Map<String, ObjectNode> files) {
    }

    private final Clock clock;
    private final Ids ids;
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final Map<String, VectorStore> stores = new LinkedHashMap<>();

    FileStore(Clock clock, Ids ids) {
        this.clock = clock;
        this.ids = ids;
    }

    synchronized void reset() {
        files.clear();
        stores.clear();
    }

    /** Answers /v1/files… and /v1/vector_stores…; false when the path is neither. */
    boolean handle(Call call) throws IOException {
        List<String> s = call.segments();
        if (s.isEmpty()) {
            return false;
        }
        if (s.getFirst().equals("files")) {
            files(call);
            return true;
        }
        if (s.getFirst().equals("vector_stores")) {
            vectorStores(call);
            return true;
        }
        return false;
    }

    private void files(Call call) throws IOException {
        if (call.is("POST", 1)) {
            Multipart form = call.multipart();
            Multipart.Part file = form.part("file").orElseThrow(() -> OpenAiError.missing("file"));
            String purpose = form.field("purpose").orElseThrow(() -> OpenAiError.missing("purpose"));
            if (!PURPOSES.contains(purpose)) {
                throw OpenAiError.invalid("Invalid value for 'purpose': '" + purpose + "'.", "purpose", "invalid_value");
            }
            // openai-java sends byte[] uploads without a filename; the API then names the file "upload".
            call.ok(upload(file.filename() == null ? "upload" : file.filename(), purpose, file.content()));
        } else if (call.is("GET", 1)) {
            String purpose = call.query().get("purpose");
            List<ObjectNode> all;
            synchronized (this) {
                all = files.values().stream().map(StoredFile::object)
                        .filter(f -> purpose == null || f.path("purpose").asText().equals(purpose))
                        .map(ObjectNode::deepCopy).toList();
            }
            call.ok(Pages.page(all, call.query(), 10_000, "desc"));
        } else if (call.is("GET", 2)) {
            call.ok(file(call.segment(1)).object().deepCopy());
        } else if (call.is("DELETE", 2)) {
            String id = call.segment(1);
            synchronized (this) {
                file(id);
                files.remove(id);
            }
            call.ok(deleted(id, "file"));
        } else if (call.is("GET", 3) && call.segment(2).equals("content")) {
            call.exchange().respond(200, "application/octet-stream", file(call.segment(1)).content(), Map.of());
        }
    }

    synchronized ObjectNode upload(String filename, String purpose, byte[] content) {
        ObjectNode f = Json.mapper().createObjectNode();
        String id = ids.next("file-");
        f.put("id", id);
        f.put("object", "file");
        f.put("bytes", content.length);
        f.put("created_at", clock.instant().getEpochSecond());
        f.put("filename", filename);
        f.put("purpose", purpose);
        f.put("status", "processed");
        // status_details (deprecated) and expires_at are optional and not nullable in OpenAI's OpenAPI document: a
        // file that never expires has no expires_at.
        files.put(id, new StoredFile(f, content.clone()));
        return f.deepCopy();
    }

    private synchronized StoredFile file(String id) {
        StoredFile f = files.get(id);
        if (f == null) {
            throw OpenAiError.notFound("No such File object: " + id, "id", null);
        }
        return f;
    }

    private void vectorStores(Call call) throws IOException {
        List<String> s = call.segments();
        if (call.is("POST", 1)) {
            JsonNode body = call.json();
            ObjectNode created;
            synchronized (this) {
                List<String> fileIds = new ArrayList<>();
                body.path("file_ids").forEach(id -> fileIds.add(file(id.asText()).object().path("id").asText()));
                String id = ids.next("vs_");
                ObjectNode v = Json.mapper().createObjectNode();
                v.put("id", id);
                v.put("object", "vector_store");
                v.put("created_at", clock.instant().getEpochSecond());
                v.put("name", body.path("name").asText(""));
                v.set("description", body.path("description").isMissingNode() ? null : body.get("description"));
                v.set("metadata", body.path("metadata").isObject() ? body.get("metadata") : Json.mapper().createObjectNode());
                v.put("status", "completed");
                if (body.path("expires_after").isObject()) { // optional, not nullable in OpenAI's OpenAPI document
                    v.set("expires_after", body.get("expires_after"));
                }
                v.putNull("expires_at");
                VectorStore store = new VectorStore(v, new LinkedHashMap<>());
                stores.put(id, store);
                fileIds.forEach(f -> attach(store, f));
                created = view(store);
            }
            call.ok(created);
        } else if (call.is("GET", 1)) {
            List<ObjectNode> all;
            synchronized (this) {
                all = stores.values().stream().map(this::view).toList();
            }
            call.ok(Pages.page(all, call.query(), 20, "desc"));
        } else if (call.is("GET", 2)) {
            synchronized (this) {
                call.ok(view(store(call.segment(1))));
            }
        } else if (call.is("POST", 2)) {
            JsonNode body = call.json();
            synchronized (this) {
                VectorStore store = store(call.segment(1));
                if (body.hasNonNull("name")) {
                    store.object().put("name", body.get("name").asText());
                }
                if (body.path("metadata").isObject()) {
                    store.object().set("metadata", body.get("metadata"));
                }
                call.ok(view(store));
            }
        } else if (call.is("DELETE", 2)) {
            synchronized (this) {
                store(call.segment(1));
                stores.remove(call.segment(1));
            }
            call.ok(deleted(call.segment(1), "vector_store.deleted"));
        } else if (call.is("POST", 3) && s.get(2).equals("search")) {
            call.ok(searchPage(call.segment(1), call.json()));
        } else if (s.size() >= 3 && s.get(2).equals("files")) {
            storeFiles(call);
        }
    }

    private void storeFiles(Call call) throws IOException {
        if (call.is("POST", 3)) {
            JsonNode body = call.json();
            String fileId = body.path("file_id").asText(null);
            if (fileId == null) {
                throw OpenAiError.missing("file_id");
            }
            ObjectNode attributes = attributes(body.path("attributes"));
            synchronized (this) {
                VectorStore store = store(call.segment(1));
                file(fileId);
                ObjectNode vf = attach(store, fileId);
                vf.set("attributes", attributes);
                call.ok(vf.deepCopy());
            }
        } else if (call.is("GET", 3)) {
            List<ObjectNode> all;
            synchronized (this) {
                all = store(call.segment(1)).files().values().stream().map(ObjectNode::deepCopy).toList();
            }
            call.ok(Pages.page(all, call.query(), 20, "desc"));
        } else if (call.is("GET", 4)) {
            synchronized (this) {
                call.ok(storeFile(store(call.segment(1)), call.segment(3)).deepCopy());
            }
        } else if (call.is("POST", 4)) {
            JsonNode body = call.json();
            if (!body.has("attributes")) {
                throw OpenAiError.missing("attributes");
            }
            ObjectNode attributes = attributes(body.get("attributes"));
            synchronized (this) {
                ObjectNode vf = storeFile(store(call.segment(1)), call.segment(3));
                vf.set("attributes", attributes);
                call.ok(vf.deepCopy());
            }
        } else if (call.is("DELETE", 4)) {
            synchronized (this) {
                VectorStore store = store(call.segment(1));
                storeFile(store, call.segment(3));
                store.files().remove(call.segment(3));
            }
            call.ok(deleted(call.segment(3), "vector_store.file.deleted"));
        }
    }

    private ObjectNode attach(VectorStore store, String fileId) {
        StoredFile f = files.get(fileId);
        ObjectNode vf = Json.mapper().createObjectNode();
        vf.put("id", fileId);
        vf.put("object", "vector_store.file");
        vf.put("created_at", clock.instant().getEpochSecond());
        vf.put("usage_bytes", f.content().length);
        vf.put("vector_store_id", store.object().path("id").asText());
        vf.put("status", "completed");
        vf.putNull("last_error");
        vf.putObject("chunking_strategy").put("type", "static").putObject("static")
                .put("max_chunk_size_tokens", 800).put("chunk_overlap_tokens", 400);
        vf.putObject("attributes");
        store.files().put(fileId, vf);
        return vf;
    }

    private VectorStore store(String id) {
        VectorStore store = stores.get(id);
        if (store == null) {
            throw OpenAiError.notFound("No vector store found with id '" + id + "'.", "vector_store_id", null);
        }
        return store;
    }

    private static ObjectNode storeFile(VectorStore store, String fileId) {
        ObjectNode vf = store.files().get(fileId);
        if (vf == null) {
            throw OpenAiError.notFound("No file found with id '" + fileId + "' in vector store '"
                    + store.object().path("id").asText() + "'.", "file_id", null);
        }
        return vf;
    }

    /** The vector store object with its counters computed from the attached files. */
    private ObjectNode view(VectorStore store) {
        ObjectNode v = store.object().deepCopy();
        int n = store.files().size();
        long bytes = store.files().values().stream().mapToLong(f -> f.path("usage_bytes").asLong()).sum();
        v.put("usage_bytes", bytes);
        ObjectNode counts = v.putObject("file_counts");
        counts.put("in_progress", 0);
        counts.put("completed", n);
        counts.put("failed", 0);
        counts.put("cancelled", 0);
        counts.put("total", n);
        v.put("last_active_at", v.path("created_at").asLong());
        return v;
    }

    private static ObjectNode deleted(String id, String object) {
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("id", id);
        d.put("object", object);
        d.put("deleted", true);
        return d;
    }

    /** Whether every id names a vector store (404 otherwise, as the API answers an unknown store in a tool). */
    synchronized void requireStores(JsonNode storeIds) {
        storeIds.forEach(id -> store(id.asText()));
    }

    /**
     * Lines sharing a word of three or more letters with the question, best score first (ties in store, file and
     * line order), one hit per file, at most {@code max}; files whose content is not text simply never match.
     *
     * @param filters an attribute filter (comparison or compound, as the API takes them) or null
     */
    synchronized List<Hit> search(String question, List<String> storeIds, int max, JsonNode filters) {
        Set<String> wanted = new HashSet<>();
        RuleModel.words(question).stream().filter(w -> w.length() >= 3).forEach(wanted::add);
        List<Hit> hits = new ArrayList<>();
        if (wanted.isEmpty()) {
            return hits;
        }
        for (String storeId : storeIds) {
            VectorStore store = stores.get(storeId);
            if (store == null) {
                continue;
            }
            for (Map.Entry<String, ObjectNode> attached : store.files().entrySet()) {
                StoredFile f = files.get(attached.getKey());
                ObjectNode attributes = (ObjectNode) attached.getValue().path("attributes");
                if (f == null || (filters != null && filters.isObject() && !Filters.matches(filters, attributes))) {
                    continue;
                }
                Hit best = null;
                for (String line : new String(f.content(), StandardCharsets.UTF_8).split("\\R")) {
                    Set<String> words = new HashSet<>(RuleModel.words(line));
                    long shared = wanted.stream().filter(words::contains).count();
                    double score = shared / (double) wanted.size();
                    if (shared > 0 && (best == null || score > best.score())) {
                        best = new Hit(attached.getKey(), f.object().path("filename").asText(), line.strip(),
                                Math.round(score * 10_000) / 10_000.0, attributes.deepCopy());
                    }
                }
                if (best != null) {
                    hits.add(best);
                }
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.size() > max ? hits.subList(0, max) : hits;
    }

    /** {@code POST /v1/vector_stores/{id}/search}: a vector_store.search_results.page. */
    private ObjectNode searchPage(String storeId, JsonNode body) {
        JsonNode query = body.path("query");
        List<String> queries = new ArrayList<>();
        if (query.isTextual()) {
            queries.add(query.asText());
        } else if (query.isArray()) {
            query.forEach(q -> queries.add(q.asText()));
        }
        if (queries.isEmpty()) {
            throw OpenAiError.missing("query");
        }
        int max = body.path("max_num_results").asInt(10);
        if (max < 1 || max > 50) {
            throw OpenAiError.invalid("Invalid 'max_num_results': expected a value between 1 and 50, but got " + max
                    + " instead.", "max_num_results", "invalid_value");
        }
        JsonNode filters = body.path("filters");
        if (!filters.isMissingNode() && !filters.isNull()) {
            Filters.validate(filters, "filters");
        }
        List<Hit> hits;
        synchronized (this) {
            store(storeId);
            hits = search(String.join(" ", queries), List.of(storeId), max, filters);
        }
        ObjectNode page = Json.mapper().createObjectNode();
        page.put("object", "vector_store.search_results.page");
        ArrayNode searched = page.putArray("search_query");
        queries.forEach(searched::add);
        ArrayNode data = page.putArray("data");
        for (Hit h : hits) {
            ObjectNode r = data.addObject();
            r.put("file_id", h.fileId());
            r.put("filename", h.filename());
            r.put("score", h.score());
            r.set("attributes", h.attributes());
            r.putArray("content").addObject().put("type", "text").put("text", h.line());
        }
        page.put("has_more", false);
        page.putNull("next_page");
        return page;
    }

    /** File attributes as the API limits them: at most 16 keys of up to 64 characters; strings up to 512, numbers, booleans. */
    static ObjectNode attributes(JsonNode raw) {
        ObjectNode out = Json.mapper().createObjectNode();
        if (raw == null || raw.isMissingNode() || raw.isNull()) {
            return out;
        }
        if (!raw.isObject()) {
            throw OpenAiError.invalid("Invalid type for 'attributes': expected an object.", "attributes", "invalid_type");
        }
        if (raw.size() > 16) {
            throw OpenAiError.invalid("Invalid 'attributes': too many properties. Expected an object with at most 16 "
                    + "properties, but got an object with " + raw.size() + " properties instead.", "attributes",
                    "object_above_max_properties");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().length() > 64) {
                throw OpenAiError.invalid("Invalid 'attributes': keys are at most 64 characters.", "attributes",
                        "invalid_value");
            }
            if (v.isTextual() && v.asText().length() > 512) {
                throw OpenAiError.invalid("Invalid 'attributes." + e.getKey() + "': string too long. Expected a string "
                        + "with maximum length 512, but got a string with length " + v.asText().length()
                        + " instead.", "attributes." + e.getKey(), "string_above_max_length");
            }
            if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
                throw OpenAiError.invalid("Invalid type for 'attributes." + e.getKey() + "': expected a string, number "
                        + "or boolean.", "attributes." + e.getKey(), "invalid_type");
            }
            out.set(e.getKey(), v.deepCopy());
        }
        return out;
    }
}
