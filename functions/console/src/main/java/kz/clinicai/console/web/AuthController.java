package kz.clinicai.console.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import kz.clinicai.console.security.UserStore;
import kz.clinicai.console.settings.SiteSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Start page, login page and registration (the first user becomes admin; later ones wait for approval). */
@Controller
class AuthController {

    private static final Logger LOG = LoggerFactory.getLogger(AuthController.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}");
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 72; // BCrypt reads at most 72 bytes

    private final UserStore users;
    private final SiteSettings settings;
    private final PasswordEncoder encoder;
    private final Clock clock;

    AuthController(UserStore users, SiteSettings settings, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.settings = settings;
        this.encoder = encoder;
        this.clock = clock;
    }

    @GetMapping({"/console", "/console/"})
    String start(Authentication auth) {
        return auth != null && auth.isAuthenticated() ? "redirect:/console/dashboard" : "start";
    }

    @GetMapping("/console/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String registered, Model model) {
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "locked" -> "Слишком много неудачных попыток входа. Попробуйте через 15 минут.";
                case "pending" -> "Учётная запись ждёт одобрения администратора.";
                case "blocked" -> "Учётная запись заблокирована.";
                default -> "Неверный email или пароль.";
            });
        }
        if (logout != null) {
            model.addAttribute("notice", "Вы вышли из консоли.");
        }
        if ("admin".equals(registered)) {
            model.addAttribute("notice", "Вы зарегистрированы как администратор. Войдите.");
        } else if ("pending".equals(registered)) {
            model.addAttribute("notice", "Заявка принята: войти можно после одобрения администратором.");
        }
        return "login";
    }

    @GetMapping("/console/register")
    String registerForm(Model model) {
        model.addAttribute("closed", !settings.get().registrationOpen() && !users.noUserYet());
        model.addAttribute("firstUser", users.noUserYet());
        model.addAttribute("errors", Map.of());
        return "register";
    }

    @PostMapping("/console/register")
    String register(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                    Model model) {
        boolean first = users.noUserYet();
        if (!first && !settings.get().registrationOpen()) {
            LOG.info("registration refused: closed");
            model.addAttribute("closed", true);
            model.addAttribute("error", "Регистрация закрыта");
            return "register";
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String e = UserStore.normalise(email);
        if (!EMAIL.matcher(e).matches()) {
            errors.put("email", "Укажите email");
        }
        if (password.length() < MIN_PASSWORD) {
            errors.put("password", "Пароль не короче " + MIN_PASSWORD + " символов");
        } else if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD) {
            errors.put("password", "Пароль не длиннее " + MAX_PASSWORD + " байт");
        }
        if (errors.isEmpty()) {
            switch (users.create(e, encoder.encode(password), clock.instant())) {
                case ADMIN -> {
                    LOG.info("first user registered as admin");
                    return "redirect:/console/login?registered=admin";
                }
                case PENDING -> {
                    LOG.info("user registered, pending approval");
                    return "redirect:/console/login?registered=pending";
                }
                case EMAIL_TAKEN -> errors.put("email", "Этот email уже зарегистрирован");
                case RACE -> errors.put("email", "Попробуйте ещё раз");
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("email", email);
        model.addAttribute("firstUser", first);
        model.addAttribute("error", String.join("; ", errors.values()));
        return "register";
    }
}
