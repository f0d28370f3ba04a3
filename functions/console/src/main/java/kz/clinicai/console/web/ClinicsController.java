package kz.clinicai.console.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import kz.clinicai.console.clinics.ClinicForm;
import kz.clinicai.console.clinics.ClinicService;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.infoclinica.TlsContexts;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Клиники": the voicebot's clinics. Everyone logged in reads them (and may run the connection check, which
 * changes nothing); only admins create, edit, upload certificates and make tokens.
 */
@Controller
class ClinicsController {

    private final ClinicService clinics;

    ClinicsController(ClinicService clinics) {
        this.clinics = clinics;
    }

    @GetMapping("/console/clinics")
    String list(@RequestParam(required = false) String msg, Model model) {
        model.addAttribute("clinics", clinics.list());
        Messages.flash(msg, model);
        return "clinics";
    }

    @GetMapping("/console/clinics/new")
    String createForm(Model model) {
        requireAdmin();
        ClinicForm form = new ClinicForm();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            form.day(d).setWorks(true);
            form.day(d).setOpen("09:00");
            form.day(d).setClose("18:00");
        }
        return form(form, null, Map.of(), model);
    }

    @PostMapping("/console/clinics")
    String create(HttpServletRequest request, Model model) {
        String actor = requireAdmin();
        ClinicForm form = form(request, true);
        try {
            ClinicConfig created = clinics.create(form, actor);
            return "redirect:/console/clinics/" + created.slug() + "?msg=clinic-created";
        } catch (ClinicService.Invalid e) {
            return form(form, null, e.errors(), model);
        }
    }

    @GetMapping("/console/clinics/{slug}")
    String page(@PathVariable String slug, @RequestParam(required = false) String msg, Model model) {
        ClinicConfig clinic = clinics.get(slug);
        Messages.flash(msg, model);
        return form(ClinicService.form(clinic), clinic, Map.of(), model);
    }

    @PostMapping("/console/clinics/{slug}")
    String update(@PathVariable String slug, HttpServletRequest request, Model model) {
        String actor = requireAdmin();
        ClinicForm form = form(request, false);
        try {
            clinics.update(slug, form, actor);
            return "redirect:/console/clinics/" + slug + "?msg=clinic-saved";
        } catch (ClinicService.Invalid e) {
            return form(form, clinics.get(slug), e.errors(), model);
        }
    }

    @PostMapping("/console/clinics/{slug}/certificate")
    String certificate(@PathVariable String slug, HttpServletRequest request, Model model) {
        String actor = requireAdmin();
        ClinicConfig clinic = clinics.get(slug);
        try {
            TlsContexts.CertificateInfo info = clinics.uploadCertificate(slug, request.getParameter("certificatePem"),
                    request.getParameter("privateKeyPem"), request.getParameter("caPem"), actor);
            model.addAttribute("message", "Сертификат сохранён в Secrets Manager");
            model.addAttribute("certificateInfo", info);
            model.addAttribute("certificateExpired", info.expiredAt(java.time.Instant.now()));
            ClinicConfig updated = clinics.get(slug);
            return form(ClinicService.form(updated), updated, Map.of(), model);
        } catch (ClinicService.Invalid e) {
            model.addAttribute("certificateErrors", e.errors());
            return form(ClinicService.form(clinic), clinic, Map.of(), model, String.join("; ", e.errors().values()));
        }
    }

    /** The new token is on this answer only (no redirect): it is never stored, so it cannot be shown again. */
    @PostMapping("/console/clinics/{slug}/token")
    String token(@PathVariable String slug, Model model) {
        String actor = requireAdmin();
        String token = clinics.rotateToken(slug, actor);
        model.addAttribute("newToken", token);
        model.addAttribute("message", "Новый токен ACS создан; прежний больше не действует");
        ClinicConfig clinic = clinics.get(slug);
        return form(ClinicService.form(clinic), clinic, Map.of(), model);
    }

    @PostMapping("/console/clinics/{slug}/check")
    String check(@PathVariable String slug, Model model) {
        ClinicService.Check check = clinics.checkConnection(slug);
        model.addAttribute("check", check);
        ClinicConfig clinic = clinics.get(slug);
        return form(ClinicService.form(clinic), clinic, Map.of(), model);
    }

    private String form(ClinicForm form, ClinicConfig clinic, Map<String, String> errors, Model model) {
        return form(form, clinic, errors, model, errors.isEmpty() ? null : String.join("; ", errors.values()));
    }

    private String form(ClinicForm form, ClinicConfig clinic, Map<String, String> errors, Model model, String error) {
        model.addAttribute("form", form);
        model.addAttribute("clinic", clinic);
        model.addAttribute("errors", errors);
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("dayNames", ClinicService.dayNames());
        model.addAttribute("assistants", clinics.assistants());
        if (error != null) {
            model.addAttribute("error", error);
        }
        if (clinic != null) {
            model.addAttribute("history", clinics.history(clinic.slug()));
        }
        return "clinic-form";
    }

    /**
     * The form's fields read one by one (the Lambda servlet container lists only query parameters in
     * getParameterNames(), see AssistantsController).
     */
    private static ClinicForm form(HttpServletRequest request, boolean withSlug) {
        ClinicForm form = new ClinicForm();
        if (withSlug) {
            form.setSlug(request.getParameter("slug"));
        }
        form.setInfoClinicaUrl(request.getParameter("infoClinicaUrl"));
        form.setBranchId(request.getParameter("branchId"));
        form.setTimeZone(request.getParameter("timeZone"));
        for (DayOfWeek d : DayOfWeek.values()) {
            ClinicForm.Day day = form.day(d);
            day.setWorks(request.getParameter("works." + d.name()) != null);
            day.setOpen(request.getParameter("open." + d.name()));
            day.setClose(request.getParameter("close." + d.name()));
        }
        form.setOnlineType(request.getParameter("onlineType"));
        form.setForwardedHost(request.getParameter("forwardedHost"));
        form.setAllowedSourceIps(request.getParameter("allowedSourceIps"));
        form.setPerMinute(request.getParameter("perMinute"));
        form.setPerMinutePerIp(request.getParameter("perMinutePerIp"));
        form.setConnectTimeoutMs(request.getParameter("connectTimeoutMs"));
        form.setRequestTimeoutMs(request.getParameter("requestTimeoutMs"));
        form.setAssistantName(request.getParameter("assistantName"));
        return form;
    }

    /** Admins change clinics; an editor's change is refused (403 from Spring Security's handler). */
    private static String requireAdmin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !PageModel.isAdmin(auth)) {
            throw new AccessDeniedException("Только администратор меняет клиники");
        }
        return auth.getName();
    }
}
