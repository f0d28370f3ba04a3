package kz.clinicai.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final ZonedDateTime T = ZonedDateTime.parse("2026-03-10T10:15:30Z");

    @Test
    void rateAddsItsPeriod() {
        assertThat(ScheduleExpression.parse("rate(5 minutes)").next(T)).isEqualTo(T.plusMinutes(5));
        assertThat(ScheduleExpression.parse("rate(1 day)").next(T)).isEqualTo(T.plusDays(1));
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 days)")).hasMessageContaining("singular");
    }

    @Test
    void cronFindsTheNextMatchingMinuteInUtc() {
        assertThat(ScheduleExpression.parse("cron(0 3 * * ? *)").next(T))
                .isEqualTo(ZonedDateTime.parse("2026-03-11T03:00Z"));
        assertThat(ScheduleExpression.parse("cron(*/20 * * * ? *)").next(T))
                .isEqualTo(ZonedDateTime.parse("2026-03-10T10:20Z"));
        // 2026-03-10 is a Tuesday; MON is day 2
        assertThat(ScheduleExpression.parse("cron(30 9 ? * MON *)").next(T))
                .isEqualTo(ZonedDateTime.parse("2026-03-16T09:30Z"));
        assertThat(ScheduleExpression.parse("cron(0 0 1 JAN,JUL ? 2027)").next(T))
                .isEqualTo(ZonedDateTime.parse("2027-01-01T00:00Z"));
    }

    @Test
    void unsupportedOrInvalidFormsAreRejectedClearly() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 3 L * ? *)")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 3 * * * *)")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 3 * *)")).hasMessageContaining("6 fields");
        assertThatThrownBy(() -> ScheduleExpression.parse("every day")).hasMessageContaining("Not a schedule");
    }
}
