package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import kz.clinicai.calls.reminders.ReminderUsage;
import org.junit.jupiter.api.Test;

/** What every ReminderUsage does: DynamoDbReminderUsage on DynamoDB Local (UsageTable) and the in-memory twin. */
abstract class ReminderUsageContract {

    abstract ReminderUsage usage();

    static String clinic() {
        return "clinic-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void callsAndModelsAddUpPerClinicAndUtcDay() {
        ReminderUsage usage = usage();
        String clinic = clinic();
        usage.call(clinic, Instant.parse("2026-12-01T00:10:00Z"), 2, 95);
        usage.call(clinic, Instant.parse("2026-12-01T23:50:00Z"), 0, 0);
        usage.model(clinic, Instant.parse("2026-12-01T10:00:00Z"), "gpt-6-luna", 100, 20, 0);
        usage.model(clinic, Instant.parse("2026-12-01T11:00:00Z"), "gpt-6-luna", 50, 5, 0);
        usage.model(clinic, Instant.parse("2026-12-31T11:00:00Z"), "gpt-transcribe", 0, 0, 2.5);
        usage.call(clinic, Instant.parse("2026-11-30T23:59:59Z"), 1, 10);
        usage.call(clinic(), Instant.parse("2026-12-01T10:00:00Z"), 1, 10);

        List<ReminderUsage.Day> days = usage.month(clinic, YearMonth.of(2026, 12));
        assertThat(days).extracting(ReminderUsage.Day::day)
                .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31));
        ReminderUsage.Day first = days.get(0);
        assertThat(first.callsPlaced()).as("a call never dialled is not placed").isEqualTo(1);
        assertThat(first.dials()).isEqualTo(2);
        assertThat(first.connectedSeconds()).isEqualTo(95);
        assertThat(first.models()).containsOnlyKeys("gpt-6-luna");
        assertThat(first.models().get("gpt-6-luna")).isEqualTo(new ReminderUsage.Model(150, 25, 0));
        assertThat(days.get(1).models().get("gpt-transcribe")).isEqualTo(new ReminderUsage.Model(0, 0, 2.5));
        assertThat(usage.month(clinic, YearMonth.of(2026, 11))).hasSize(1);
        assertThat(usage.month(clinic(), YearMonth.of(2026, 12))).isEmpty();
    }

    @Test
    void concurrentCallsOfOneClinicLoseNoCount() {
        ReminderUsage usage = usage();
        String clinic = clinic();
        Instant at = Instant.parse("2026-12-02T09:00:00Z");
        CompletableFuture.allOf(IntStream.range(0, 20).mapToObj(i -> CompletableFuture.runAsync(() -> {
            usage.call(clinic, at, 1, 60);
            usage.model(clinic, at, "gpt-6-luna", 10, 1, 0);
        })).toArray(CompletableFuture[]::new)).join();
        ReminderUsage.Day day = usage.month(clinic, YearMonth.of(2026, 12)).get(0);
        assertThat(day.callsPlaced()).isEqualTo(20);
        assertThat(day.connectedSeconds()).isEqualTo(1200);
        assertThat(day.models().get("gpt-6-luna").inputTokens()).isEqualTo(200);
    }
}
