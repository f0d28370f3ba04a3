package kz.clinicai.console.web;

import java.util.Optional;
import kz.clinicai.console.lifecycle.Finding;
import kz.clinicai.console.lifecycle.LifecycleStore;
import kz.clinicai.console.spend.SpendService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/** What every page's layout needs: who is logged in, whether as admin, the budget and model lifecycle banners. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class PageModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageModel.class);

    private final SpendService spend;
    private final LifecycleStore lifecycle;

    PageModel(SpendService spend, LifecycleStore lifecycle) {
        this.spend = spend;
        this.lifecycle = lifecycle;
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
            try {
                // The daily model lifecycle check's findings: models in use that are gone or end within 60 days.
                lifecycle.latest().filter(f -> !f.warnings().isEmpty()).ifPresent(f -> {
                    model.addAttribute("modelBanner", f.warnings().stream().map(Finding::text).toList());
                    model.addAttribute("modelBannerCheckedAt", f.checkedAt().toString().substring(0, 10));
                });
            } catch (RuntimeException e) {
                // A banner that cannot be read must not cost the page.
                LOG.warn("model lifecycle findings unavailable: {}", e.toString());
            }
        }
    }

    static boolean isAdmin(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }
}
