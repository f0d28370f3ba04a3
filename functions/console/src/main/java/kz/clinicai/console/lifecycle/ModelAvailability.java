package kz.clinicai.console.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import kz.clinicai.shared.openai.ModelLifecycle;

/**
 * Where a model stands today for the console's choices and save validation: the shared model table's lifecycle
 * rule ({@link ModelLifecycle}), made stricter by what OpenAI itself said at the last daily check (an earlier
 * {@code shutdown_date}, or a model in use that {@code GET /v1/models} no longer lists).
 */
public interface ModelAvailability {

    ModelLifecycle.Status status(String model);

    LocalDate today();

    /** The same answers with the stored check read once: for a page that asks about many models. */
    default ModelAvailability snapshot() {
        return this;
    }

    /** The table alone, on a fixed day (tests, and the console before any check ran). */
    static ModelAvailability table(ModelLifecycle lifecycle, LocalDate day) {
        return new ModelAvailability() {
            @Override
            public ModelLifecycle.Status status(String model) {
                return lifecycle.status(model, day);
            }

            @Override
            public LocalDate today() {
                return day;
            }
        };
    }

    /** The table plus the last stored check (read at each question), on the clock's day. */
    static ModelAvailability live(ModelLifecycle lifecycle, LifecycleStore store, Clock clock) {
        return new ModelAvailability() {
            @Override
            public ModelLifecycle.Status status(String model) {
                return withFindings(lifecycle, store.latest(), today()).status(model);
            }

            @Override
            public LocalDate today() {
                return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            }

            @Override
            public ModelAvailability snapshot() {
                return withFindings(lifecycle, store.latest(), today());
            }
        };
    }

    /** The table plus given findings, on a fixed day. */
    static ModelAvailability withFindings(ModelLifecycle lifecycle, Optional<Findings> findings, LocalDate day) {
        return new ModelAvailability() {
            @Override
            public ModelLifecycle.Status status(String model) {
                Optional<Finding> seen = findings.flatMap(f -> f.of(model));
                return lifecycle.status(model, day, seen.map(Finding::shutdownDate).filter(d -> d != null),
                        seen.map(f -> !f.listed()).orElse(false));
            }

            @Override
            public LocalDate today() {
                return day;
            }
        };
    }
}
