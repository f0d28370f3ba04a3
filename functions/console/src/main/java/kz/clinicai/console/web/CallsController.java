package kz.clinicai.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.console.calls.CallsApiClient;
import kz.clinicai.console.calls.CallsSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Звонки": the calls settings (operator phone, calling hours, retry policy), the do-not-call list and the recent
 * calls, all read and written through the calls API. Admins change, editors read; each change is audited and the
 * history is on the page. A refusal of the API comes back as the form with one message per problem; an API that
 * cannot be reached as a message on the page (never a 500).
 */
@Controller
class CallsController {

    private static final Logger LOG = LoggerFactory.getLogger(CallsController.class);
    static final int RECENT = 20;
    static final int HISTORY = 30;

    private final CallsSettingsService calls;

    CallsController(CallsSettingsService calls) {
        this.calls = calls;
    }

    @GetMapping("/console/calls")
    String page(@RequestParam(required = false) String msg, Model model) {
        Messages.flash(msg, model);
        return render(model);
    }

    @GetMapping("/console/calls/{id}")
    String call(@PathVariable String id, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("call", calls.api().call(id));
        } catch (CallsApiClient.Refused e) {
            response.setStatus(e.status() == 404 ? 404 : 400);
            model.addAttribute("error", e.status() == 404 ? "Такого звонка нет" : e.getMessage());
        } catch (CallsApiClient.Unavailable e) {
            response.setStatus(502);
            model.addAttribute("error", e.getMessage());
        }
        return "call";
    }

    @PostMapping("/console/calls/settings")
    String saveSettings(@RequestParam(defaultValue = "") String operatorPhone,
                        @RequestParam(defaultValue = "") String callingHours,
                        @RequestParam(defaultValue = "") String retryIntervalSeconds,
                        @RequestParam(defaultValue = "") String maxAttempts,
                        Authentication auth, Model model, HttpServletResponse response) {
        if (refusedToEditor(auth, model, response)) {
            return render(model);
        }
        try {
            calls.saveSettings(operatorPhone, callingHours, retryIntervalSeconds, maxAttempts, auth.getName());
            LOG.info("calls settings saved");
            return "redirect:/console/calls?msg=settings";
        } catch (CallsApiClient.Refused e) {
            response.setStatus(400);
            model.addAttribute("settingsProblems", problems(e));
            model.addAttribute("form", new Form(operatorPhone, callingHours, retryIntervalSeconds, maxAttempts));
        } catch (CallsApiClient.Unavailable e) {
            response.setStatus(502);
            model.addAttribute("error", "Не сохранено: " + e.getMessage());
        }
        return render(model);
    }

    @PostMapping("/console/calls/do-not-call")
    String addNumbers(@RequestParam(defaultValue = "") String phones, @RequestParam(defaultValue = "") String note,
                      Authentication auth, Model model, HttpServletResponse response) {
        if (refusedToEditor(auth, model, response)) {
            return render(model);
        }
        try {
            List<String> added = calls.addNumbers(phones, note, auth.getName());
            LOG.info("{} number(s) put on the do-not-call list", added.size());
            return "redirect:/console/calls?msg=ok";
        } catch (CallsApiClient.Refused e) {
            response.setStatus(400);
            model.addAttribute("dncProblems", problems(e));
            model.addAttribute("dncText", phones);
            model.addAttribute("dncNote", note);
        } catch (CallsApiClient.Unavailable e) {
            response.setStatus(502);
            model.addAttribute("error", "Не добавлено: " + e.getMessage());
        }
        return render(model);
    }

    @PostMapping("/console/calls/do-not-call/remove")
    String removeNumber(@RequestParam(defaultValue = "") String phone, Authentication auth, Model model,
                        HttpServletResponse response) {
        if (refusedToEditor(auth, model, response)) {
            return render(model);
        }
        try {
            calls.removeNumber(phone, auth.getName());
            return "redirect:/console/calls?msg=ok";
        } catch (CallsApiClient.Refused e) {
            response.setStatus(e.status() == 404 ? 404 : 400);
            model.addAttribute("error", e.status() == 404 ? "Этого номера нет в списке" : String.join("; ",
                    problems(e)));
        } catch (CallsApiClient.Unavailable e) {
            response.setStatus(502);
            model.addAttribute("error", "Не удалено: " + e.getMessage());
        }
        return render(model);
    }

    /** What the form showed when the API refused it (so the admin corrects rather than retypes). */
    record Form(String operatorPhone, String callingHours, String retryIntervalSeconds, String maxAttempts) {
    }

    private static boolean refusedToEditor(Authentication auth, Model model, HttpServletResponse response) {
        if (PageModel.isAdmin(auth)) {
            return false;
        }
        response.setStatus(403);
        model.addAttribute("error", "Изменять настройки звонков может только администратор");
        return true;
    }

    private static List<String> problems(CallsApiClient.Refused e) {
        List<String> out = new ArrayList<>();
        for (CallsApiClient.Problem p : e.problems()) {
            out.add(CallsSettingsService.label(p.field()) + ": " + p.message());
        }
        if (out.isEmpty()) {
            out.add(e.getMessage());
        }
        return out;
    }

    private String render(Model model) {
        // Each part on its own: one the API cannot answer leaves the others on the page.
        try {
            JsonNode settings = calls.api().settings();
            model.addAttribute("settings", settings);
            if (!model.containsAttribute("form")) {
                JsonNode stored = settings.path("stored");
                model.addAttribute("form", new Form(text(stored, "operator_phone"), text(stored, "calling_hours"),
                        text(stored, "retry_interval_seconds"), text(stored, "max_attempts")));
            }
        } catch (RuntimeException e) {
            unavailable(model, "настройки", e);
        }
        try {
            model.addAttribute("dnc", calls.api().doNotCallList().path("numbers"));
        } catch (RuntimeException e) {
            unavailable(model, "список «не звонить»", e);
        }
        try {
            model.addAttribute("recent", calls.api().recentCalls(RECENT).path("calls"));
        } catch (RuntimeException e) {
            unavailable(model, "последние звонки", e);
        }
        model.addAttribute("history", calls.history(HISTORY));
        return "calls";
    }

    private static void unavailable(Model model, String what, RuntimeException e) {
        LOG.warn("calls page: {} unavailable: {}", what, e.toString());
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) model.asMap().computeIfAbsent("unavailable", k -> new ArrayList<String>());
        list.add(what + ": " + (e instanceof CallsApiClient.Unavailable || e instanceof CallsApiClient.Refused
                ? e.getMessage() : "ошибка"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
