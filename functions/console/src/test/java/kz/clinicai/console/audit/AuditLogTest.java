package kz.clinicai.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.console.store.InMemoryConsoleTable;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    @Test
    void changesAreTheFieldsThatDifferInFieldOrder() {
        Map<String, String> before = new LinkedHashMap<>(Map.of("timezone", "Asia/Almaty", "branch", "1",
                "hours.mon", "09:00-18:00"));
        Map<String, String> after = new LinkedHashMap<>(Map.of("timezone", "Asia/Almaty", "branch", "2",
                "hours.tue", "09:00-18:00"));

        assertThat(AuditLog.changes(before, after)).containsExactly(
                new AuditLog.Change("branch", "1", "2"),
                new AuditLog.Change("hours.mon", "09:00-18:00", null),
                new AuditLog.Change("hours.tue", null, "09:00-18:00"));
        assertThat(AuditLog.changes(before, before)).isEmpty();
    }

    @Test
    void anItemsHistoryIsItsOwnNewestFirst() {
        InMemoryConsoleTable table = new InMemoryConsoleTable();
        Instant[] now = {Instant.parse("2026-12-07T10:00:00Z")};
        AuditLog audit = new AuditLog(table, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });

        audit.record("clinic", "demo", "admin@example.kz", "created",
                List.of(new AuditLog.Change("timezone", null, "Asia/Almaty")));
        now[0] = now[0].plusSeconds(60);
        audit.record("clinic", "demo", "editor@example.kz", "token rotated", List.of());
        audit.record("clinic", "other", "admin@example.kz", "created", List.of());

        List<AuditLog.Entry> history = audit.history("clinic", "demo", 10);
        assertThat(history).extracting(AuditLog.Entry::action).containsExactly("token rotated", "created");
        assertThat(history.get(1).actor()).isEqualTo("admin@example.kz");
        assertThat(history.get(1).changes()).containsExactly(new AuditLog.Change("timezone", null, "Asia/Almaty"));
        assertThat(audit.history("clinic", "demo", 1)).hasSize(1);
        assertThat(audit.history("clinic", "nobody", 10)).isEmpty();
        assertThatThrownBy(() -> audit.record("a#b", "x", "a", "created", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
