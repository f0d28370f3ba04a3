package kz.clinicai.console.web;

import java.util.ArrayList;
import java.util.List;
import kz.clinicai.console.assistants.AssistantForm;
import kz.clinicai.console.assistants.AssistantService;
import kz.clinicai.console.assistants.AssistantView;
import kz.clinicai.console.assistants.LegacyImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Import of a legacy assistants export: all validated first, then created in one step. */
@Controller
class ImportController {

    private static final Logger LOG = LoggerFactory.getLogger(ImportController.class);

    private final AssistantService assistants;

    ImportController(AssistantService assistants) {
        this.assistants = assistants;
    }

    @GetMapping("/console/import")
    String page() {
        return "import";
    }

    @PostMapping("/console/import")
    String run(@RequestParam(defaultValue = "") String json, Model model) {
        model.addAttribute("json", json);
        LegacyImport.Parsed parsed = LegacyImport.parse(json, assistants.models());
        List<String> problems = new ArrayList<>(parsed.problems());
        for (AssistantForm f : parsed.forms()) {
            if (assistants.all().stream().anyMatch(a -> a.name().equals(f.getName().strip()))) {
                problems.add("«" + f.getName() + "»: ассистент с таким названием уже есть");
            }
        }
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            model.addAttribute("error", "Импорт не выполнен: " + problems.size() + " ошибок");
            return "import";
        }
        List<AssistantView> created = new ArrayList<>();
        for (AssistantForm f : parsed.forms()) {
            created.add(assistants.create(f));
        }
        LOG.info("imported {} assistants", created.size());
        model.addAttribute("imported", created);
        model.addAttribute("message", "Импортировано ассистентов: " + created.size());
        return "import";
    }
}
