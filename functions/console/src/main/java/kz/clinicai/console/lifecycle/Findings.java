package kz.clinicai.console.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The last daily check: when it ran, what OpenAI listed, and every model in use with its end. */
public record Findings(Instant checkedAt, int listedCount, List<Finding> models) {

    public Findings {
        models = List.copyOf(models);
    }

    public Optional<Finding> of(String model) {
        return models.stream().filter(f -> f.model().equals(model)).findFirst();
    }

    /** Models in use that OpenAI no longer lists or that are past their shutdown date. */
    public long goneCount() {
        return models.stream().filter(Finding::gone).count();
    }

    /** Days until the nearest shutdown among the models in use (0 when one is gone); empty when none has a date. */
    public Optional<Long> nearestDays() {
        return models.stream().map(f -> f.gone() ? Long.valueOf(0) : f.daysLeft()).filter(d -> d != null)
                .min(Long::compare);
    }

    /** What the banner names: the models in use that are gone or end within 60 days, nearest first. */
    public List<Finding> warnings() {
        return models.stream().filter(f -> f.threshold() >= 0)
                .sorted(java.util.Comparator.comparing((Finding f) -> f.gone() ? -1 : f.daysLeft())).toList();
    }
}
