package kz.clinicai.console.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.clinicai.console.assistants.AssistantService;
import kz.clinicai.console.assistants.AssistantView;
import kz.clinicai.console.lifecycle.LifecycleStore;
import kz.clinicai.console.lifecycle.ModelChoice;
import kz.clinicai.console.lifecycle.ModelMigrations;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Модели" (admins): the last lifecycle check, the models the assistants use, and "replace model X with Y" for all
 * assistants that use X — offered after a side-by-side test dialog of X and Y, done as new versions, audited.
 */
@Controller
class ModelsController {

    static final int MAX_MESSAGE = 4000;

    private final AssistantService assistants;
    private final ModelMigrations migrations;
    private final LifecycleStore lifecycle;

    ModelsController(AssistantService assistants, ModelMigrations migrations, LifecycleStore lifecycle) {
        this.assistants = assistants;
        this.migrations = migrations;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/console/models")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String msg, Model model) {
        Messages.flash(msg, model);
        return render(model, from, to, null, Map.of());
    }

    /** One turn of the side-by-side dialog (old model left, new model right). */
    @PostMapping("/console/models/compare")
    String compare(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                   @RequestParam(defaultValue = "") String assistant, @RequestParam(defaultValue = "") String message,
                   @RequestParam(required = false) String oldConversation,
                   @RequestParam(required = false) String newConversation, Authentication auth, Model model) {
        String text = message.strip();
        if (text.isEmpty() || text.length() > MAX_MESSAGE) {
            return render(model, from, to, null, Map.of("message", "Сообщение пустое или длиннее " + MAX_MESSAGE
                    + " символов"));
        }
        try {
            ModelMigrations.Comparison c = migrations.compare(auth.getName(), assistant.strip(), from.strip(),
                    to.strip(), text, oldConversation, newConversation);
            model.addAttribute("lastMessage", text);
            return render(model, from.strip(), to.strip(), c, Map.of());
        } catch (AssistantService.Invalid e) {
            return render(model, from, to, null, e.errors());
        }
    }

    @PostMapping("/console/models/migrate")
    String migrate(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                   Authentication auth, Model model) {
        try {
            List<AssistantService.Migrated> done = migrations.replace(auth.getName(), from.strip(), to.strip());
            return "redirect:/console/models?msg=migrated&from=" + enc(from.strip()) + "&to=" + enc(to.strip())
                    + "&n=" + done.size();
        } catch (AssistantService.Invalid e) {
            return render(model, from, to, null, e.errors());
        }
    }

    private String render(Model model, String from, String to, ModelMigrations.Comparison comparison,
                          Map<String, String> errors) {
        List<AssistantView> all = assistants.all();
        Map<String, List<String>> byModel = new TreeMap<>();
        all.forEach(a -> byModel.computeIfAbsent(a.model(), m -> new java.util.ArrayList<>()).add(a.name()));
        var models = assistants.models().snapshot();
        Map<String, String> notes = new TreeMap<>();
        byModel.keySet().forEach(m -> {
            var s = models.status(m);
            notes.put(m, s.refused() ? s.russianReason() : java.util.Objects.requireNonNullElse(ModelChoice.note(s), ""));
        });
        String fromModel = from == null || from.isBlank() ? byModel.keySet().stream().findFirst().orElse("") : from;
        String toModel = to == null || to.isBlank() ? models.status(fromModel).replacement().orElse("") : to;
        model.addAttribute("findings", lifecycle.latest().orElse(null));
        model.addAttribute("byModel", byModel);
        model.addAttribute("notes", notes);
        model.addAttribute("assistantsList", all);
        model.addAttribute("choices", ModelChoice.offered(models));
        model.addAttribute("from", fromModel);
        model.addAttribute("to", toModel);
        model.addAttribute("comparison", comparison);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            model.addAttribute("error", String.join("; ", errors.values()));
        }
        model.addAttribute("audit", migrations.audit(20));
        return "models";
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
