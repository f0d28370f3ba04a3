package kz.clinicai.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import kz.clinicai.console.ai.OpenAiGateway;
import kz.clinicai.console.assistants.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * "File Search": vector stores (create, list with search and pages) and their files with processing status. A
 * Lambda invocation carries at most 6 MB, so a file up to {@link #INLINE_LIMIT} comes as base64 JSON, and a larger
 * one goes to S3 through a presigned PUT, from where the console passes it on to OpenAI.
 */
@Controller
class FilesController {

    private static final Logger LOG = LoggerFactory.getLogger(FilesController.class);
    /** base64 adds a third: 4 MB of file is ~5.4 MB of request, under the 6 MB invocation limit. */
    static final int INLINE_LIMIT = 4 * 1024 * 1024;
    /** The console holds a file in memory while passing it on (2 GB function): 100 MB, under OpenAI's 512 MB. */
    static final long MAX_FILE = 100L * 1024 * 1024;
    static final int PAGE_SIZE = 10;
    private static final Pattern STORE_ID = Pattern.compile("vs_[A-Za-z0-9_-]{1,100}");
    private static final Pattern FILENAME = Pattern.compile("[^/\\\\\\x00-\\x1f]{1,200}");

    private final OpenAiGateway openAi;
    private final Uploads uploads;

    FilesController(OpenAiGateway openAi, Uploads uploads) {
        this.openAi = openAi;
        this.uploads = uploads;
    }

    @GetMapping("/console/files")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                @RequestParam(required = false) String msg, Model model) {
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<OpenAiGateway.VectorStoreInfo> hits = openAi.vectorStores().stream()
                .filter(v -> query.isEmpty() || v.name().toLowerCase(Locale.ROOT).contains(query)
                        || v.id().toLowerCase(Locale.ROOT).contains(query))
                .sorted(java.util.Comparator.comparing((OpenAiGateway.VectorStoreInfo v) ->
                        v.name().toLowerCase(Locale.ROOT)))
                .toList();
        model.addAttribute("page", Page.of(hits, page, PAGE_SIZE, q.strip()));
        Messages.flash(msg, model);
        return "files";
    }

    @PostMapping("/console/files")
    String create(@RequestParam(defaultValue = "") String name, Model model) {
        String n = name.strip();
        if (n.isEmpty() || n.length() > 100) {
            model.addAttribute("error", "Название хранилища: от 1 до 100 символов");
            return list("", 1, null, model);
        }
        OpenAiGateway.VectorStoreInfo created = openAi.createVectorStore(n);
        LOG.info("vector store {} created", created.id());
        return "redirect:/console/files/" + created.id() + "?msg=store";
    }

    @GetMapping("/console/files/{storeId}")
    String store(@PathVariable String storeId, @RequestParam(required = false) String msg, Model model) {
        checkStore(storeId);
        OpenAiGateway.VectorStoreInfo store = openAi.vectorStores().stream().filter(v -> v.id().equals(storeId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("нет хранилища " + storeId));
        model.addAttribute("store", store);
        model.addAttribute("files", openAi.vectorStoreFiles(storeId));
        model.addAttribute("inlineLimit", INLINE_LIMIT);
        model.addAttribute("inlineLimitMb", INLINE_LIMIT / 1024 / 1024);
        Messages.flash(msg, model);
        return "store";
    }

    /** A small file as base64 JSON: {@code {"filename", "content_base64"}}. */
    @PostMapping("/console/files/{storeId}/upload")
    @ResponseBody
    ResponseEntity<Map<String, Object>> upload(@PathVariable String storeId, @RequestBody JsonNode body) {
        checkStore(storeId);
        String filename = filename(body.path("filename").asText(""));
        byte[] content;
        try {
            content = Base64.getDecoder().decode(body.path("content_base64").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content_base64 — не base64");
        }
        if (content.length == 0 || content.length > INLINE_LIMIT) {
            throw new IllegalArgumentException("файл пустой или больше " + INLINE_LIMIT + " байт: используйте upload-url");
        }
        String fileId = openAi.uploadToVectorStore(storeId, filename, content);
        LOG.info("file {} added to vector store {}", fileId, storeId);
        return ResponseEntity.status(201).body(Map.of("file_id", fileId, "vector_store_id", storeId));
    }

    /** A presigned S3 PUT for a large file: {@code {"filename", "size"}} → {@code {"url", "key"}}. */
    @PostMapping("/console/files/{storeId}/upload-url")
    @ResponseBody
    Map<String, Object> uploadUrl(@PathVariable String storeId, @RequestBody JsonNode body) {
        checkStore(storeId);
        String filename = filename(body.path("filename").asText(""));
        long size = body.path("size").asLong(-1);
        if (size <= 0 || size > MAX_FILE) {
            throw new IllegalArgumentException("размер файла: от 1 байта до 100 МБ");
        }
        String key = "uploads/" + storeId + "/" + UUID.randomUUID() + "/" + filename;
        return Map.of("url", uploads.presignPut(key, Duration.ofMinutes(15)), "key", key, "expires_in", 900);
    }

    /** Passes an uploaded S3 object on to OpenAI: {@code {"key", "filename"}}. */
    @PostMapping("/console/files/{storeId}/from-s3")
    @ResponseBody
    ResponseEntity<Map<String, Object>> fromS3(@PathVariable String storeId, @RequestBody JsonNode body) {
        checkStore(storeId);
        String key = body.path("key").asText("");
        if (!key.startsWith("uploads/" + storeId + "/") || key.contains("..")) {
            throw new IllegalArgumentException("ключ не из upload-url этого хранилища");
        }
        String filename = filename(body.path("filename").asText(key.substring(key.lastIndexOf('/') + 1)));
        byte[] content = uploads.read(key);
        String fileId = openAi.uploadToVectorStore(storeId, filename, content);
        uploads.delete(key);
        LOG.info("file {} ({} bytes via S3) added to vector store {}", fileId, content.length, storeId);
        return ResponseEntity.status(201).body(Map.of("file_id", fileId, "vector_store_id", storeId,
                "bytes", content.length));
    }

    private static void checkStore(String storeId) {
        if (!STORE_ID.matcher(storeId).matches()) {
            throw new IllegalArgumentException("неверный id хранилища");
        }
    }

    private static String filename(String name) {
        String n = name.strip();
        if (!FILENAME.matcher(n).matches()) {
            throw new IllegalArgumentException("неверное имя файла");
        }
        return n;
    }
}
