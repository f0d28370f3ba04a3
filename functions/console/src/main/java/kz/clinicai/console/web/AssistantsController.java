package kz.clinicai.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kz.clinicai.console.ai.OpenAiGateway;
import kz.clinicai.console.assistants.AssistantForm;
import kz.clinicai.console.assistants.AssistantService;
import kz.clinicai.console.assistants.AssistantView;
import kz.clinicai.console.assistants.LineDiff;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;
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

/** "Управление ассистентами": list, search, pages, create, edit (new version), history, diff, rollback, test chat. */
@Controller
class AssistantsController {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantsController.class);
    static final int PAGE_SIZE = 10;
    static final int MAX_TEST_MESSAGE = 4000;

    private final AssistantService assistants;
    private final OpenAiGateway openAi;
    private final UsageRecorder usage;
    private final Clock clock;

    AssistantsController(AssistantService assistants, OpenAiGateway openAi, UsageRecorder usage, Clock clock) {
        this.assistants = assistants;
        this.openAi = openAi;
        this.usage = usage;
        this.clock = clock;
    }

    @GetMapping("/console/assistants")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                @RequestParam(required = false) String msg, Model model) {
        model.addAttribute("page", assistants.search(q, page, PAGE_SIZE));
        Messages.flash(msg, model);
        return "assistants";
    }

    @GetMapping("/console/assistants/new")
    String createForm(Model model) {
        return form(new AssistantForm(), null, Map.of(), model);
    }

    @PostMapping("/console/assistants")
    String create(jakarta.servlet.http.HttpServletRequest request, Model model) {
        AssistantForm form = form(request);
        try {
            AssistantView created = assistants.create(form);
            LOG.info("assistant {} created", created.id());
            return "redirect:/console/assistants/" + created.id() + "?msg=created";
        } catch (AssistantService.Invalid e) {
            return form(form, null, e.errors(), model);
        }
    }

    @GetMapping("/console/assistants/{id}")
    String edit(@PathVariable String id, @RequestParam(required = false) String msg, Model model) {
        AssistantView a = assistants.find(id).orElseThrow(() -> new AssistantService.NotFound("Нет ассистента " + id));
        AssistantForm form = new AssistantForm();
        form.setName(a.name());
        form.setModel(a.model());
        form.setInstructions(a.instructions());
        form.setTemperature(a.temperatureText());
        form.setTopP(a.topPText());
        form.setVectorStoreIds(a.vectorStoreIds());
        Messages.flash(msg, model);
        return form(form, a, Map.of(), model);
    }

    @PostMapping("/console/assistants/{id}")
    String update(@PathVariable String id, jakarta.servlet.http.HttpServletRequest request, Model model) {
        AssistantForm form = form(request);
        try {
            AssistantView saved = assistants.update(id, form);
            LOG.info("assistant {} saved as version {}", id, saved.version());
            return "redirect:/console/assistants/" + id + "?msg=saved";
        } catch (AssistantService.Invalid e) {
            return form(form, assistants.find(id).orElse(null), e.errors(), model);
        }
    }

    /**
     * The form's fields read one by one: the Lambda servlet container lists only query parameters in
     * getParameterNames(), which Spring's data binding relies on, while getParameter() sees the form body.
     */
    static AssistantForm form(jakarta.servlet.http.HttpServletRequest request) {
        AssistantForm form = new AssistantForm();
        form.setName(request.getParameter("name"));
        form.setModel(request.getParameter("model"));
        form.setInstructions(request.getParameter("instructions"));
        form.setTemperature(request.getParameter("temperature"));
        form.setTopP(request.getParameter("topP"));
        String[] stores = request.getParameterValues("vectorStoreIds");
        form.setVectorStoreIds(stores == null ? List.of() : List.of(stores));
        return form;
    }

    private String form(AssistantForm form, AssistantView assistant, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("assistant", assistant);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            model.addAttribute("error", String.join("; ", errors.values()));
        }
        List<OpenAiGateway.VectorStoreInfo> stores = List.of();
        try {
            stores = openAi.vectorStores();
        } catch (RuntimeException e) {
            LOG.warn("vector stores unavailable: {}", e.toString());
            model.addAttribute("error", "Не удалось получить векторные хранилища OpenAI");
        }
        model.addAttribute("stores", stores);
        // Live models only, each marked with its shutdown date and replacement when it has one.
        model.addAttribute("models", kz.clinicai.console.lifecycle.ModelChoice.offered(assistants.models()));
        return "assistant-form";
    }

    @PostMapping("/console/assistants/{id}/delete")
    String delete(@PathVariable String id) {
        boolean deleted = assistants.delete(id);
        LOG.info("assistant {} deleted: {}", id, deleted);
        return "redirect:/console/assistants?msg=" + (deleted ? "deleted" : "missing");
    }

    @GetMapping("/console/assistants/{id}/versions")
    String versions(@PathVariable String id, @RequestParam(required = false) Integer from,
                    @RequestParam(required = false) Integer to, @RequestParam(required = false) String msg,
                    Model model) {
        AssistantView a = assistants.find(id).orElseThrow(() -> new AssistantService.NotFound("Нет ассистента " + id));
        List<AssistantView> versions = assistants.versions(id);
        model.addAttribute("assistant", a);
        model.addAttribute("versions", versions);
        int toVersion = to == null ? a.version() : to;
        int fromVersion = from == null ? toVersion - 1 : from;
        if (fromVersion >= 1) {
            AssistantView before = assistants.version(id, fromVersion).orElse(null);
            AssistantView after = assistants.version(id, toVersion).orElse(null);
            if (before != null && after != null) {
                model.addAttribute("from", before);
                model.addAttribute("to", after);
                model.addAttribute("diff", LineDiff.of(before.instructions(), after.instructions()));
                model.addAttribute("fieldChanges", fieldChanges(before, after));
            }
        }
        Messages.flash(msg, model);
        return "assistant-versions";
    }

    static List<String> fieldChanges(AssistantView a, AssistantView b) {
        List<String> out = new ArrayList<>();
        if (!a.model().equals(b.model())) {
            out.add("model: " + a.model() + " → " + b.model());
        }
        if (!Objects.equals(a.temperature(), b.temperature())) {
            out.add("temperature: " + a.temperatureText() + " → " + b.temperatureText());
        }
        if (!Objects.equals(a.topP(), b.topP())) {
            out.add("top_p: " + a.topPText() + " → " + b.topPText());
        }
        if (!a.vectorStoreIds().equals(b.vectorStoreIds())) {
            out.add("vector stores: " + a.vectorStoreIds() + " → " + b.vectorStoreIds());
        }
        if (out.isEmpty() && a.instructions().equals(b.instructions())) {
            out.add("без изменений");
        }
        return out;
    }

    @PostMapping("/console/assistants/{id}/rollback")
    String rollback(@PathVariable String id, @RequestParam int version) {
        AssistantView saved = assistants.rollback(id, version);
        LOG.info("assistant {} rolled back to version {} as version {}", id, version, saved.version());
        return "redirect:/console/assistants/" + id + "/versions?msg=rolledback";
    }

    /** The test dialog: one conversation per dialog (created on the first message), answered at once. */
    @PostMapping("/console/assistants/{id}/test")
    @ResponseBody
    ResponseEntity<Map<String, Object>> test(@PathVariable String id, @RequestBody JsonNode body) {
        AssistantView a = assistants.find(id).orElseThrow(() -> new AssistantService.NotFound("Нет ассистента " + id));
        String message = body.path("message").asText("").strip();
        if (message.isEmpty() || message.length() > MAX_TEST_MESSAGE) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                    "message", "Сообщение пустое или длиннее " + MAX_TEST_MESSAGE + " символов"));
        }
        String conversation = body.path("conversation_id").isTextual() ? body.path("conversation_id").asText()
                : openAi.createConversation();
        OpenAiGateway.Run run = openAi.reply(conversation, new OpenAiGateway.RunSpec(a.model(), a.instructions(),
                a.temperature(), a.topP(), a.vectorStoreIds()), message);
        usage.record(Usage.tokens(Usage.Channel.CONSOLE, a.name(), run.model(), run.inputTokens(), run.outputTokens(),
                clock.instant()));
        return ResponseEntity.ok(Map.of("conversation_id", conversation, "reply", run.outputText().orElse(""),
                "status", run.status()));
    }

    @PostMapping("/console/assistants/{id}/test/clear")
    @ResponseBody
    Map<String, Object> clear(@PathVariable String id, @RequestBody JsonNode body) {
        String conversation = body.path("conversation_id").asText("");
        if (conversation.startsWith("conv_")) {
            try {
                openAi.deleteConversation(conversation);
            } catch (RuntimeException e) {
                // The dialog starts afresh either way; a conversation left behind holds only test messages.
                LOG.info("test conversation not deleted: {}", e.toString());
            }
        }
        return Map.of("cleared", true);
    }
}
