package kz.clinicai.console.api;

import com.openai.errors.OpenAIServiceException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.console.ai.OpenAiGateway;
import kz.clinicai.console.assistants.AssistantService;
import kz.clinicai.console.assistants.AssistantView;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The earlier panel's API on today's OpenAI APIs: an assistant is our stored configuration, a thread is an OpenAI
 * conversation, a run is a background response in it. Callers authenticate with an API key or the console
 * session; each sees only the threads they created.
 */
@RestController
class ApiController {

    private static final Logger LOG = LoggerFactory.getLogger(ApiController.class);
    static final int MAX_MESSAGE = 32_000;
    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled", "incomplete");

    private final AssistantService assistants;
    private final ThreadStore threads;
    private final OpenAiGateway openAi;
    private final UsageRecorder usage;
    private final Clock clock;

    ApiController(AssistantService assistants, ThreadStore threads, OpenAiGateway openAi, UsageRecorder usage,
                  Clock clock) {
        this.assistants = assistants;
        this.threads = threads;
        this.openAi = openAi;
        this.usage = usage;
        this.clock = clock;
    }

    @GetMapping("/api/assistants")
    Map<String, Object> list() {
        return Map.of("object", "list", "data", assistants.all().stream().map(ApiController::assistant).toList());
    }

    @GetMapping("/api/assistants/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return assistant(assistants.find(id).orElseThrow(() -> new ApiProblem(404, "not_found", "Нет ассистента " + id)));
    }

    static Map<String, Object> assistant(AssistantView a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("object", "assistant");
        out.put("name", a.name());
        out.put("model", a.model());
        out.put("instructions", a.instructions());
        out.put("temperature", a.temperature());
        out.put("top_p", a.topP());
        out.put("version", a.version());
        out.put("created_at", a.updatedAt().getEpochSecond());
        out.put("tools", a.vectorStoreIds().isEmpty() ? List.of() : List.of(Map.of("type", "file_search")));
        out.put("tool_resources", Map.of("file_search", Map.of("vector_store_ids", a.vectorStoreIds())));
        return out;
    }

    @PostMapping("/api/threads")
    ResponseEntity<Map<String, Object>> createThread(Authentication auth) {
        String id = openAi.createConversation();
        threads.saveThread(id, auth.getName());
        return ResponseEntity.status(201).body(Map.of("thread_id", id, "object", "thread"));
    }

    @PostMapping("/api/threads/{threadId}/messages")
    ResponseEntity<Map<String, Object>> addMessage(@PathVariable String threadId, HttpServletRequest request,
                                                   Authentication auth) {
        owned(threadId, auth);
        ApiInput input = new ApiInput(request);
        String content = input.field("content");
        if (content == null) {
            content = input.field("message");
        }
        if (content == null || content.isBlank()) {
            throw new ApiProblem(400, "invalid_request", "Поле content (текст сообщения) обязательно");
        }
        if (content.length() > MAX_MESSAGE) {
            throw new ApiProblem(400, "invalid_request", "Сообщение длиннее " + MAX_MESSAGE + " символов");
        }
        // Kept until the next run, which sends it as the response's input (and so adds it to the conversation).
        threads.addPending(threadId, content);
        return ResponseEntity.status(201).body(Map.of("thread_id", threadId, "role", "user", "content", content));
    }

    @GetMapping("/api/threads/{threadId}/messages")
    Map<String, Object> messages(@PathVariable String threadId, Authentication auth) {
        owned(threadId, auth);
        List<Map<String, Object>> data = new java.util.ArrayList<>();
        openAi.messages(threadId).forEach(m -> data.add(Map.of("id", m.id(), "role", m.role(), "content", m.text())));
        threads.pending(threadId).forEach(p -> data.add(Map.of("id", "pending_" + p.key().hashCode(), "role", "user",
                "content", p.text(), "status", "pending")));
        return Map.of("object", "list", "thread_id", threadId, "data", data);
    }

    @PostMapping("/api/threads/{threadId}/run")
    ResponseEntity<Map<String, Object>> run(@PathVariable String threadId, HttpServletRequest request,
                                            Authentication auth) {
        owned(threadId, auth);
        String assistantId = new ApiInput(request).field("assistant_id");
        if (assistantId == null || assistantId.isBlank()) {
            throw new ApiProblem(400, "invalid_request", "Поле assistant_id обязательно");
        }
        AssistantView a = assistants.find(assistantId.strip())
                .orElseThrow(() -> new ApiProblem(404, "not_found", "Нет ассистента " + assistantId));
        List<ThreadStore.Pending> pending = threads.pending(threadId);
        if (pending.isEmpty()) {
            throw new ApiProblem(400, "invalid_request", "Нет новых сообщений: добавьте сообщение перед запуском");
        }
        OpenAiGateway.Run run = openAi.startBackground(threadId, new OpenAiGateway.RunSpec(a.model(), a.instructions(),
                a.temperature(), a.topP(), a.vectorStoreIds()), pending.stream().map(ThreadStore.Pending::text).toList());
        threads.clearPending(threadId, pending);
        threads.saveRun(new ThreadStore.RunRecord(threadId, run.id(), a.id(), a.name(), auth.getName()));
        LOG.info("run {} started in thread {} with assistant {}", run.id(), threadId, a.id());
        return ResponseEntity.status(201).body(runBody(threadId, a.id(), record(threadId, a.name(), run)));
    }

    @GetMapping("/api/threads/{threadId}/runs/{runId}")
    Map<String, Object> runStatus(@PathVariable String threadId, @PathVariable String runId, Authentication auth) {
        ThreadStore.RunRecord record = ownedRun(threadId, runId, auth);
        return runBody(threadId, record.assistantId(), record(threadId, record.assistantName(), openAi.retrieve(runId)));
    }

    @PostMapping("/api/threads/{threadId}/runs/{runId}/cancel")
    Map<String, Object> cancel(@PathVariable String threadId, @PathVariable String runId, Authentication auth) {
        ThreadStore.RunRecord record = ownedRun(threadId, runId, auth);
        OpenAiGateway.Run run = openAi.retrieve(runId);
        if (!FINISHED.contains(run.status())) {
            run = openAi.cancel(runId);
        }
        return runBody(threadId, record.assistantId(), record(threadId, record.assistantName(), run));
    }

    /** Meters a finished run once (whichever status poll sees it finish first). */
    private OpenAiGateway.Run record(String threadId, String assistantName, OpenAiGateway.Run run) {
        if (FINISHED.contains(run.status()) && (run.inputTokens() > 0 || run.outputTokens() > 0)
                && threads.claimUsage(threadId, run.id())) {
            usage.record(Usage.tokens(Usage.Channel.CONSOLE, assistantName, run.model(), run.inputTokens(),
                    run.outputTokens(), clock.instant()));
        }
        return run;
    }

    private static Map<String, Object> runBody(String threadId, String assistantId, OpenAiGateway.Run run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", run.id());
        out.put("object", "thread.run");
        out.put("thread_id", threadId);
        out.put("assistant_id", assistantId);
        out.put("status", run.status());
        run.outputText().ifPresent(t -> out.put("output", t));
        run.error().ifPresent(e -> out.put("last_error", e));
        return out;
    }

    private void owned(String threadId, Authentication auth) {
        if (!threads.ownedBy(threadId, auth.getName())) {
            throw new ApiProblem(404, "not_found", "Нет треда " + threadId);
        }
    }

    private ThreadStore.RunRecord ownedRun(String threadId, String runId, Authentication auth) {
        owned(threadId, auth);
        return threads.run(threadId, runId).filter(r -> r.owner().equals(auth.getName()))
                .orElseThrow(() -> new ApiProblem(404, "not_found", "Нет запуска " + runId));
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Map<String, String>> problem(ApiProblem e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.code(), "message", e.getMessage()));
    }

    @ExceptionHandler(OpenAIServiceException.class)
    ResponseEntity<Map<String, String>> openAi(OpenAIServiceException e) {
        LOG.warn("OpenAI refused an API call: {} {}", e.statusCode(), e.getMessage());
        int status = e.statusCode() == 404 ? 404 : e.statusCode() == 400 ? 400 : 502;
        return ResponseEntity.status(status).body(Map.of("error", status == 502 ? "upstream_error" : "openai_refused",
                "message", "OpenAI: " + e.getMessage()));
    }

    @ExceptionHandler(com.openai.errors.OpenAIException.class)
    ResponseEntity<Map<String, String>> openAiDown(com.openai.errors.OpenAIException e) {
        LOG.warn("OpenAI unreachable: {}", e.toString());
        return ResponseEntity.status(502).body(Map.of("error", "upstream_error", "message", "OpenAI недоступен"));
    }
}
