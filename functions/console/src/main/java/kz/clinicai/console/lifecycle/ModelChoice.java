package kz.clinicai.console.lifecycle;

import java.util.List;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelLifecycle;

/**
 * A model the assistant form offers, with its mark when it has a shutdown date
 * ("отключается через N дней → замена gpt-6-luna"); {@code note} is null for a model without one.
 */
public record ModelChoice(String name, String note) {

    /** The live Responses models that may be saved today (not shut down, not within 30 days of it), in table order. */
    public static List<ModelChoice> offered(ModelAvailability models) {
        ModelAvailability once = models.snapshot();
        return ModelCapabilities.standard().choices("responses", once.today()).stream()
                .map(once::status)
                .filter(s -> !s.refused())
                .map(s -> new ModelChoice(s.model(), note(s)))
                .toList();
    }

    public static String note(ModelLifecycle.Status s) {
        if (s.shutdownDate().isEmpty()) {
            return null;
        }
        return "отключается через " + ModelLifecycle.russianDays(s.daysLeft()) + " (" + s.shutdownDate().get() + ")"
                + s.replacement().map(r -> " → замена " + r).orElse("");
    }
}
