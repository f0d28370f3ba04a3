package kz.clinicai.console.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.List;

/**
 * One model in use as the daily check saw it.
 *
 * @param usedBy where it is configured: {@code template:VOICEBOT_MODEL}, {@code assistant:<name>}
 * @param listed OpenAI's {@code GET /v1/models} names it
 * @param shutdownDate the earlier of OpenAI's {@code shutdown_date} and the model table's; null when neither has one
 * @param replacement the table's named replacement; null when none is published
 * @param daysLeft days from the check's day to the shutdown date; null when there is no date
 */
public record Finding(String model, List<String> usedBy, boolean listed, LocalDate shutdownDate, String replacement,
                      Long daysLeft) {

    public Finding {
        usedBy = List.copyOf(usedBy);
    }

    /** Gone for the platform: not listed by OpenAI, or past its shutdown date. */
    @JsonIgnore
    public boolean gone() {
        return !listed || (daysLeft != null && daysLeft <= 0);
    }

    /** The warning level reached: 0 (gone), 7, 30 or 60 days; -1 when none. */
    @JsonIgnore
    public int threshold() {
        if (gone()) {
            return 0;
        }
        if (daysLeft == null) {
            return -1;
        }
        for (int t : ModelLifecycleCheck.THRESHOLDS) {
            if (daysLeft <= t) {
                return t;
            }
        }
        return -1;
    }

    /** The sentence the banner and the Telegram notice carry (Russian, as the console). */
    @JsonIgnore
    public String text() {
        String where = String.join(", ", usedBy);
        String then = replacement == null ? "замена не названа, выберите действующую модель" : "замена " + replacement;
        if (!listed) {
            return "Модель " + model + " больше не предлагается OpenAI (нет в GET /v1/models) — запросы с ней "
                    + "отклоняются; используется: " + where + "; " + then + ".";
        }
        if (daysLeft != null && daysLeft <= 0) {
            return "Модель " + model + " отключена OpenAI " + shutdownDate + "; используется: " + where + "; " + then
                    + ".";
        }
        return "Модель " + model + " отключается через "
                + kz.clinicai.shared.openai.ModelLifecycle.russianDays(daysLeft) + " (" + shutdownDate + "); используется: "
                + where + "; " + then + ".";
    }
}
