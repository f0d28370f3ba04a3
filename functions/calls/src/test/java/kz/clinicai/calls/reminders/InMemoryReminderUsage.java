package kz.clinicai.calls.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-memory twin of {@link DynamoDbReminderUsage} (unit tests), kept alike by the contract both run (local:
 * ReminderUsageContract). One lock makes every add atomic.
 */
public final class InMemoryReminderUsage implements ReminderUsage {

    private final Map<String, TreeMap<LocalDate, Day>> days = new TreeMap<>();

    @Override
    public synchronized void call(String clinic, Instant at, int dials, long connectedSeconds) {
        add(clinic, at, new Day(null, dials > 0 ? 1 : 0, dials, connectedSeconds, Map.of()));
    }

    @Override
    public synchronized void model(String clinic, Instant at, String model, long inputTokens, long outputTokens,
                                   double audioSeconds) {
        add(clinic, at, new Day(null, 0, 0, 0, Map.of(model, new Model(inputTokens, outputTokens, audioSeconds))));
    }

    private void add(String clinic, Instant at, Day d) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        days.computeIfAbsent(clinic, c -> new TreeMap<>()).merge(day,
                new Day(day, d.callsPlaced(), d.dials(), d.connectedSeconds(), d.models()), (a, b) -> {
                    Map<String, Model> models = new TreeMap<>(a.models());
                    b.models().forEach((k, v) -> models.merge(k, v, Model::plus));
                    return new Day(day, a.callsPlaced() + b.callsPlaced(), a.dials() + b.dials(),
                            a.connectedSeconds() + b.connectedSeconds(), models);
                });
    }

    @Override
    public synchronized List<Day> month(String clinic, YearMonth month) {
        return days.getOrDefault(clinic, new TreeMap<>()).subMap(month.atDay(1), true, month.atEndOfMonth(), true)
                .values().stream().map(d -> new Day(d.day(), d.callsPlaced(), d.dials(), d.connectedSeconds(),
                        new TreeMap<>(d.models()))).toList();
    }
}
