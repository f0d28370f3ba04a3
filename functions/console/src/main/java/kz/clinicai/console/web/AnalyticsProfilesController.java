package kz.clinicai.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import kz.clinicai.console.profiles.AnalyticsApiBase;
import kz.clinicai.console.profiles.AnalyticsApiClient;
import kz.clinicai.console.profiles.AnalyticsSecrets;
import kz.clinicai.console.profiles.ProfileForm;
import kz.clinicai.console.profiles.ProfilesService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Аналитика": the call-analytics profiles, through the analytics API (its validation, one message per problem, shown
 * at the field it names). Admins change; editors read. Every change is in the page's history (the console's audit).
 */
@Controller
class AnalyticsProfilesController {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsProfilesController.class);
    private static final Map<String, String> MESSAGES = Map.of(
            "created", "Профиль создан",
            "saved", "Профиль сохранён",
            "retried", "Звонок отправлен на повторную обработку",
            "pulled", "Загрузка выполнена");

    private final ProfilesService profiles;
    private final AnalyticsApiBase apiBase;

    AnalyticsProfilesController(ProfilesService profiles, AnalyticsApiBase apiBase) {
        this.profiles = profiles;
        this.apiBase = apiBase;
    }

    @GetMapping("/console/analytics")
    String list(HttpServletRequest request, Model model) {
        model.addAttribute("profiles", profiles.list(apiBase.resolve(request)));
        return "analytics";
    }

    @GetMapping("/console/analytics/new")
    String newProfile(Authentication auth, Model model) {
        requireAdmin(auth);
        return form(model, ProfileForm.empty(), Map.of(), null);
    }

    @PostMapping("/console/analytics")
    String create(HttpServletRequest request, Authentication auth, Model model) {
        requireAdmin(auth);
        ProfileForm form = ProfileForm.of(request.getParameterMap());
        Map<String, List<String>> problems = form.formProblems();
        if (!problems.isEmpty()) {
            return form(model, form, problems, null);
        }
        try {
            JsonNode stored = profiles.create(apiBase.resolve(request), form, uploads(request), auth.getName());
            LOG.info("analytics profile {} created", stored.path("profileId").asText());
            return "redirect:/console/analytics/" + stored.path("profileId").asText() + "?msg=created";
        } catch (AnalyticsApiClient.Failure e) {
            return refused(e, model, form, null);
        } catch (AnalyticsSecrets.Refused e) {
            return form(model, form, Map.of(e.field(), List.of(e.getMessage())), null);
        }
    }

    @GetMapping("/console/analytics/{id}")
    String page(@PathVariable String id, @RequestParam(required = false) String msg, HttpServletRequest request,
                Model model) {
        URI base = apiBase.resolve(request);
        JsonNode profile = profiles.get(base, id);
        if (msg != null && MESSAGES.containsKey(msg)) {
            model.addAttribute("message", MESSAGES.get(msg));
        }
        return form(model, ProfileForm.of(profile), Map.of(), status(base, id, profile));
    }

    @PostMapping("/console/analytics/{id}")
    String update(@PathVariable String id, HttpServletRequest request, Authentication auth, Model model) {
        requireAdmin(auth);
        URI base = apiBase.resolve(request);
        ProfileForm form = ProfileForm.of(request.getParameterMap());
        form = new ProfileForm(id, form.name(), form.enabled(), form.uisTokenSecret(), form.uisTimeZone(),
                form.directionIn(), form.directionOut(), form.answeredOnly(), form.minTalkSeconds(),
                form.employeeIds(), form.virtualNumbers(), form.spreadsheetId(), form.sheetName(), form.googleSecret(),
                form.languages(), form.vocabulary(), form.criteria(), form.writeBackEnabled(),
                form.writeBackComment(), form.tagCriteria(), form.version());
        Map<String, List<String>> problems = form.formProblems();
        if (!problems.isEmpty()) {
            return form(model, form, problems, status(base, id, profiles.get(base, id)));
        }
        try {
            profiles.update(base, id, form, uploads(request), auth.getName());
            LOG.info("analytics profile {} updated", id);
            return "redirect:/console/analytics/" + id + "?msg=saved";
        } catch (AnalyticsApiClient.Failure e) {
            return refused(e, model, form, status(base, id, profiles.get(base, id)));
        } catch (AnalyticsSecrets.Refused e) {
            return form(model, form, Map.of(e.field(), List.of(e.getMessage())), status(base, id, profiles.get(base, id)));
        }
    }

    @PostMapping("/console/analytics/{id}/calls/{callId}/retry")
    String retry(@PathVariable String id, @PathVariable String callId, HttpServletRequest request,
                 Authentication auth) {
        requireAdmin(auth);
        profiles.retry(apiBase.resolve(request), id, callId, auth.getName());
        LOG.info("analytics call {} of {} retried", callId, id);
        return "redirect:/console/analytics/" + id + "?msg=retried";
    }

    @PostMapping("/console/analytics/{id}/pull")
    String pull(@PathVariable String id, HttpServletRequest request, Authentication auth) {
        requireAdmin(auth);
        JsonNode outcome = profiles.pull(apiBase.resolve(request), id, auth.getName());
        LOG.info("analytics profile {} pulled now: {} queued", id, outcome.path("queued").asInt());
        return "redirect:/console/analytics/" + id + "?msg=pulled";
    }

    /** A refusal of the API other than a profile's problems (not found, unavailable): the error page or JSON. */
    @ExceptionHandler(AnalyticsApiClient.Failure.class)
    Object failure(AnalyticsApiClient.Failure e, HttpServletRequest request) {
        LOG.info("analytics API refused {} {}: {} {}", request.getMethod(), request.getRequestURI(), e.status(),
                e.error());
        HttpStatus status = e.status() == 404 ? HttpStatus.NOT_FOUND
                : e.status() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(e.status());
        return FrameworkErrors.answer(request, status, "API аналитики: " + e.getMessage());
    }

    private String refused(AnalyticsApiClient.Failure e, Model model, ProfileForm form, Status status) {
        if (e.status() != 400 && e.status() != 409) {
            throw e;
        }
        // The API's own problems, each at the field it names; a conflict (exists, changed meanwhile) above the form.
        Map<String, List<String>> problems = e.status() == 400 ? ProfileForm.problems(e.getMessage())
                : Map.of("", List.of(e.getMessage()));
        model.addAttribute("error", "Профиль не сохранён: исправьте отмеченные поля");
        return form(model, form, problems, status);
    }

    /** What the page shows besides the form: the API's status (pull state, calls by status), failed calls, history. */
    record Status(JsonNode profile, JsonNode state, List<JsonNode> failed,
                  List<kz.clinicai.console.audit.AuditLog.Entry> history) {
    }

    private Status status(URI base, String id, JsonNode profile) {
        return new Status(profile, profiles.status(base, id), profiles.calls(base, id, "failed"), profiles.history(id));
    }

    private String form(Model model, ProfileForm form, Map<String, List<String>> problems, Status status) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("types", ProfileForm.TYPES);
        model.addAttribute("secretNames", profiles.secretNames());
        model.addAttribute("secretsPrefix", profiles.secretsPrefix());
        model.addAttribute("status", status);
        return "analytics-profile";
    }

    private static ProfilesService.SecretUploads uploads(HttpServletRequest request) {
        String uis = request.getParameter("uisTokenValue");
        String google = request.getParameter("googleKeyValue");
        return new ProfilesService.SecretUploads(uis == null ? "" : uis, google == null ? "" : google);
    }

    private static void requireAdmin(Authentication auth) {
        if (!PageModel.isAdmin(auth)) {
            throw new AccessDeniedException("analytics profiles are changed by admins");
        }
    }
}
