package kz.clinicai.console.web;

import kz.clinicai.console.security.ConsoleUser;
import kz.clinicai.console.security.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin only (SecurityConfig): approve registrations, block users, switch roles. */
@Controller
class UsersController {

    private static final Logger LOG = LoggerFactory.getLogger(UsersController.class);

    private final UserStore users;

    UsersController(UserStore users) {
        this.users = users;
    }

    @GetMapping("/console/users")
    String list(@RequestParam(required = false) String msg, Model model) {
        model.addAttribute("users", users.all());
        if (msg != null) {
            model.addAttribute("message", "Сохранено");
        }
        return "users";
    }

    @PostMapping("/console/users/approve")
    String approve(@RequestParam String email) {
        users.find(email).ifPresent(u -> {
            users.save(u.withStatus(ConsoleUser.Status.ACTIVE));
            LOG.info("user approved");
        });
        return "redirect:/console/users?msg=ok";
    }

    @PostMapping("/console/users/block")
    String block(@RequestParam String email, Authentication auth) {
        users.find(email).filter(u -> !u.email().equals(auth.getName())).ifPresent(u -> {
            users.save(u.withStatus(ConsoleUser.Status.BLOCKED));
            LOG.info("user blocked");
        });
        return "redirect:/console/users?msg=ok";
    }

    @PostMapping("/console/users/role")
    String role(@RequestParam String email, @RequestParam String role, Authentication auth) {
        ConsoleUser.Role next = "ADMIN".equals(role) ? ConsoleUser.Role.ADMIN : ConsoleUser.Role.EDITOR;
        users.find(email).filter(u -> !u.email().equals(auth.getName()))
                .ifPresent(u -> users.save(u.withRole(next)));
        return "redirect:/console/users?msg=ok";
    }
}
