package kz.clinicai.calls.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * What a clinic's reminder calls used, per clinic and UTC day (template: UsageTable, beside the per-model-call rows
 * every function writes): calls placed, dials, connected seconds, and model tokens / audio seconds per model.
 * Counters are added, never read-modify-written, so concurrent calls of one clinic never lose a count.
 */
public interface ReminderUsage {

    /** A reminder call ended for good after {@code dials} dial attempts, connected for {@code connectedSeconds}. */
    void call(String clinic, Instant at, int dials, long connectedSeconds);

    /** One model call made for a reminder call of the clinic. */
    void model(String clinic, Instant at, String model, long inputTokens, long outputTokens, double audioSeconds);

    /** The clinic's days of {@code month} that have usage, in order. */
    List<Day> month(String clinic, YearMonth month);

    /** Totals of one model on one day. */
    record Model(long inputTokens, long outputTokens, double audioSeconds) {

        Model plus(Model o) {
            return new Model(inputTokens + o.inputTokens, outputTokens + o.outputTokens, audioSeconds + o.audioSeconds);
        }
    }

    /** One clinic's day: calls placed (dialled at least once), dials, connected seconds, models by name. */
    record Day(LocalDate day, long callsPlaced, long dials, long connectedSeconds, Map<String, Model> models) {
    }
}
