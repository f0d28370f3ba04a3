package kz.clinicai.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import kz.clinicai.console.security.ApiKeys;
import kz.clinicai.console.security.ConsoleUser;
import kz.clinicai.console.security.CookieSessionRepository;
import kz.clinicai.console.security.UserStore;
import kz.clinicai.console.settings.SiteSettings;
import kz.clinicai.console.spend.SpendService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Настройка сайта": own password and API keys; for admins also registration, balance and budget. */
@Controller
class SettingsController {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsController.class);

    private final UserStore users;
    private final ApiKeys keys;
    private final SiteSettings site;
    private final SpendService spend;
    private final PasswordEncoder encoder;
    private final CookieSessionRepository sessions;
    private final Clock clock;

    SettingsController(UserStore users, ApiKeys keys, SiteSettings site, SpendService spend,
                              PasswordEncoder encoder, CookieSessionRepository sessions, Clock clock) {
        this.users = users;
        this.keys = keys;
        this.site = site;
        this.spend = spend;
        this.encoder = encoder;
        this.sessions = sessions;
        this.clock = clock;
    }

    @GetMapping("/console/settings")
    String page(Authentication auth, @RequestParam(required = false) String msg, Model model) {
        Messages.flash(msg, model);
        return render(auth, model);
    }

    private String render(Authentication auth, Model model) {
        model.addAttribute("keys", keys.list(auth.getName()));
        model.addAttribute("site", site.get());
        model.addAttribute("prices", spend.prices().rows().entrySet());
        return "settings";
    }

    @PostMapping("/console/settings/password")
    String password(@RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String next,
                    Authentication auth, Model model, HttpServletRequest request, HttpServletResponse response) {
        ConsoleUser user = users.find(auth.getName()).orElseThrow();
        if (!encoder.matches(current, user.passwordHash())) {
            model.addAttribute("error", "Текущий пароль неверен");
            return render(auth, model);
        }
        if (next.length() < AuthController.MIN_PASSWORD
                || next.getBytes(StandardCharsets.UTF_8).length > AuthController.MAX_PASSWORD) {
            model.addAttribute("error", "Новый пароль: от " + AuthController.MIN_PASSWORD + " символов до "
                    + AuthController.MAX_PASSWORD + " байт");
            return render(auth, model);
        }
        ConsoleUser changed = user.withPassword(encoder.encode(next));
        users.save(changed);
        // Other sessions of this user end (session version bumped); this one continues with a new cookie.
        sessions.issue(changed, request, response);
        LOG.info("password changed");
        return "redirect:/console/settings?msg=password";
    }

    @PostMapping("/console/settings/keys")
    String createKey(@RequestParam(defaultValue = "") String label, Authentication auth, Model model) {
        String l = label.strip().isEmpty() ? "API" : label.strip();
        if (l.length() > 60) {
            l = l.substring(0, 60);
        }
        model.addAttribute("newKey", keys.create(auth.getName(), l, clock.instant()));
        model.addAttribute("message", "Ключ создан: скопируйте его сейчас");
        LOG.info("API key created");
        return render(auth, model);
    }

    @PostMapping("/console/settings/keys/{id}/revoke")
    String revoke(@PathVariable String id, Authentication auth) {
        keys.revoke(auth.getName(), id);
        LOG.info("API key revoked");
        return "redirect:/console/settings?msg=key-revoked";
    }

    @PostMapping("/console/settings/site")
    String saveSite(@RequestParam(defaultValue = "false") boolean registrationOpen,
                    @RequestParam(defaultValue = "") String balanceUsd, @RequestParam(defaultValue = "") String balanceDate,
                    @RequestParam(defaultValue = "") String monthlyBudgetUsd, Authentication auth, Model model) {
        SiteSettings.Values current = site.get();
        try {
            Double balance = amount(balanceUsd, "Сумма пополнения");
            LocalDate date = balanceDate.isBlank() ? null : LocalDate.parse(balanceDate.strip());
            if ((balance == null) != (date == null)) {
                throw new IllegalArgumentException("Укажите и сумму, и дату пополнения (или ни то, ни другое)");
            }
            Double budget = amount(monthlyBudgetUsd, "Бюджет");
            site.save(new SiteSettings.Values(registrationOpen, balance, date, budget, current.alerted80Month(),
                    current.alerted100Month()));
            spend.forgetCache();
            LOG.info("site settings saved: registration {}", registrationOpen ? "open" : "closed");
            return "redirect:/console/settings?msg=settings";
        } catch (IllegalArgumentException | DateTimeParseException e) {
            model.addAttribute("error", e instanceof DateTimeParseException ? "Неверная дата" : e.getMessage());
            return render(auth, model);
        }
    }

    private static Double amount(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.strip().replace(',', '.'));
            if (!(v >= 0) || Double.isInfinite(v) || v > 10_000_000) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": число от 0");
        }
    }
}
