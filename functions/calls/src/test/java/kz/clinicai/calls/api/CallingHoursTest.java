package kz.clinicai.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CallingHoursTest {

    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private final CallingHours hours = CallingHours.parse("09:00-21:00");

    @Test
    void insideTheWindowInTheCalleesZone() {
        Instant nineLocal = Instant.parse("2026-11-30T04:00:00Z"); // 09:00 in Almaty (UTC+5)
        assertThat(hours.allows(nineLocal, ALMATY)).isTrue();
        assertThat(hours.allows(nineLocal.minusSeconds(1), ALMATY)).isFalse();
        assertThat(hours.allows(Instant.parse("2026-11-30T16:00:00Z"), ALMATY)).isFalse(); // 21:00 local
        assertThat(hours.allows(nineLocal, ZoneId.of("Europe/Moscow"))).isFalse(); // 07:00 in Moscow
    }

    @Test
    void nextAllowedIsTodayBeforeOpeningAndTomorrowAfterClosing() {
        assertThat(hours.nextAllowed(Instant.parse("2026-11-30T01:00:00Z"), ALMATY).toInstant())
                .isEqualTo(Instant.parse("2026-11-30T04:00:00Z"));
        assertThat(hours.nextAllowed(Instant.parse("2026-11-30T17:30:00Z"), ALMATY).toInstant())
                .isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
        Instant inside = Instant.parse("2026-11-30T06:00:00Z");
        assertThat(hours.nextAllowed(inside, ALMATY).toInstant()).isEqualTo(inside);
    }

    @Test
    void malformedHoursAreRefused() {
        assertThatThrownBy(() -> CallingHours.parse("21:00-09:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallingHours.parse("nine to five")).isInstanceOf(IllegalArgumentException.class);
    }
}
