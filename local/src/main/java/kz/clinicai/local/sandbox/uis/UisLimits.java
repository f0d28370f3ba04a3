package kz.clinicai.local.sandbox.uis;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * UIS request points: every accepted request spends one point of the minute and of the day budget. The budgets
 * never refill by themselves (tests stay deterministic); the control endpoint sets the remaining points and reset
 * restores the defaults.
 */
final class UisLimits {

    static final int DAY_LIMIT = 10_000;
    static final int MINUTE_LIMIT = 250;

    record Snapshot(int dayLimit, int dayRemaining, long dayReset, int minuteLimit, int minuteRemaining,
            long minuteReset) {
    }

    private final Clock clock;
    private int dayRemaining = DAY_LIMIT;
    private int minuteRemaining = MINUTE_LIMIT;

    UisLimits(Clock clock) {
        this.clock = clock;
    }

    /** Spends one point; false (nothing spent) when either budget is exhausted. */
    synchronized boolean spend() {
        if (dayRemaining <= 0 || minuteRemaining <= 0) {
            return false;
        }
        dayRemaining--;
        minuteRemaining--;
        return true;
    }

    synchronized void set(Integer day, Integer minute) {
        if (day != null) {
            dayRemaining = day;
        }
        if (minute != null) {
            minuteRemaining = minute;
        }
    }

    synchronized void reset() {
        dayRemaining = DAY_LIMIT;
        minuteRemaining = MINUTE_LIMIT;
    }

    /** Remaining points and seconds until the next minute / day boundary in the account's zone. */
    synchronized Snapshot snapshot() {
        LocalDateTime now = LocalDateTime.now(clock.withZone(UisCalls.ZONE));
        long toMinute = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1)).toSeconds();
        long toDay = Duration.between(now, now.truncatedTo(ChronoUnit.DAYS).plusDays(1)).toSeconds();
        return new Snapshot(DAY_LIMIT, dayRemaining, toDay, MINUTE_LIMIT, minuteRemaining, toMinute);
    }
}
