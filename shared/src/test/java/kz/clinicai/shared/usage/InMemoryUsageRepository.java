package kz.clinicai.shared.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The in-memory twin of {@link DynamoDbUsageRepository} (tests, tools); UsageRepositoryContract keeps them alike. */
public final class InMemoryUsageRepository implements UsageRepository {

    private final List<Usage> rows = new CopyOnWriteArrayList<>();

    @Override
    public void record(Usage usage) {
        rows.add(usage);
    }

    @Override
    public List<Usage> day(LocalDate day) {
        return rows.stream().filter(u -> u.at().atOffset(ZoneOffset.UTC).toLocalDate().equals(day)).toList();
    }

    public List<Usage> all() {
        return List.copyOf(rows);
    }
}
