package kz.clinicai.console.web;

import java.util.Optional;
import kz.clinicai.console.spend.SpendService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/** What every page's layout needs: who is logged in, whether as admin, and the budget banner. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
public class PageModel {

    private final SpendService spend;

    public PageModel(SpendService spend) {
        this.spend = spend;
    }

    @ModelAttribute
    void common(Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean loggedIn = auth != null && auth.isAuthenticated() && auth.getCredentials() == null
                && !"anonymousUser".equals(auth.getPrincipal());
        model.addAttribute("currentUser", loggedIn ? auth.getName() : null);
        model.addAttribute("isAdmin", loggedIn && isAdmin(auth));
        if (loggedIn) {
            Optional<String> banner = spend.budgetBanner();
            banner.ifPresent(b -> model.addAttribute("budgetBanner", b));
        }
    }

    static boolean isAdmin(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }
}
