package kz.clinicai.local.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelLifecycle;

/**
 * A model that is dying but may still be saved: the ITs of the lifecycle check and of "replace X with Y" need one,
 * and the stack runs the save rule on the real date, so a literal (gpt-4.1, gpt-4o) would turn those tests red the
 * day it enters the 30-day refusal window. Chosen from the platform's model table at run time: an assistant
 * (responses) model with a published shutdown date that {@link ModelLifecycle} accepts today; the latest shutdown
 * first (the longest way from the refusal window), then one with a named replacement, then table order.
 *
 * @param shutdown the first day the model no longer answers (the table's date)
 * @param replacement OpenAI's named replacement, when the table has one
 * @param sampling whether the model takes temperature/top_p
 */
record DyingModel(String name, LocalDate shutdown, Optional<String> replacement, boolean sampling) {

    /** The dying model for the real date (UTC, as the console's clock). */
    static DyingModel savableToday() {
        return savableOn(ModelCapabilities.standard(), LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * @throws AssertionError when the table has no such model on {@code today}: the test cannot show what it is
     *                        about, and skipping would hide that the table needs a current dying model
     */
    static DyingModel savableOn(ModelCapabilities table, LocalDate today) {
        ModelLifecycle rule = new ModelLifecycle(table);
        return table.known().stream()
                .filter(m -> table.of(m).map(c -> c.kind().equals("responses")).orElse(false))
                .filter(m -> table.shutdownDate(m).isPresent() && rule.refusal(m, today).isEmpty())
                .map(m -> new DyingModel(m, table.shutdownDate(m).orElseThrow(), table.replacement(m),
                        table.acceptsSampling(m)))
                .sorted(Comparator.comparing(DyingModel::shutdown).reversed()
                        .thenComparing(d -> d.replacement().isEmpty()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The model table (shared/src/main/resources/kz/clinicai/shared/"
                        + "openai/models.json) has no assistant model on " + today + " that has a shutdown date and "
                        + "may still be saved (shuts down more than " + ModelLifecycle.REFUSE_WITHIN_DAYS + " days "
                        + "later): this test needs a current dying model. Bring the table up to date from OpenAI's "
                        + "deprecations page (and the OpenAI simulator's sandbox/openai-models.json with it)."));
    }

    /** The temperature to save with it: {@code t} when the model takes sampling, else none (it would be refused). */
    String temperature(String t) {
        return sampling ? t : "";
    }
}
