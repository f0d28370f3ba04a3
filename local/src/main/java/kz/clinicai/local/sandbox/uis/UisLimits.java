package kz.clinicai.local.sandbox.uis;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * UIS request points: every successful request costs one point of the minute and of the day budget (failed
 * requests cost nothing). Budgets refill when their window ends — the minute on the minute, the day at midnight in
 * the account's zone — as measured by the sandbox clock. The control API may set what is left in the current
 * windows (and the limits).
 */
final class UisLimits {

    static final int DAY_LIMIT = 10_000;
    static final int MINUTE_LIMIT = 250;

    private final Clock clock;
    private final Supplier<ZoneId> zone;
    private int dayLimit;
    private int minuteLimit;
    private int dayRemaining;
    private int minuteRemaining;
    private LocalDateTime minuteWindow;
    private LocalDateTime dayWindow;

    UisLimits(Clock clock, Supplier<ZoneId> zone) {
        this.clock = clock;
        this.zone = zone;
        reset();
    }

    /** Throws limit_exceeded when a budget is spent; otherwise nothing (the point is taken by {@link #spend}). */
    synchronized void check() {
        roll();
        if (minuteRemaining <= 0) {
            throw UisRpcError.limitExceeded("minute", minuteLimit);
        }
        if (dayRemaining <= 0) {
            throw UisRpcError.limitExceeded("day", dayLimit);
        }
    }

    synchronized void spend() {
        roll();
        minuteRemaining = Math.max(0, minuteRemaining - 1);
        dayRemaining = Math.max(0, dayRemaining - 1);
    }

    synchronized void set(Integer dayLimit, Integer minuteLimit, Integer dayRemaining, Integer minuteRemaining) {
        roll();
        if (dayLimit != null) {
            this.dayLimit = dayLimit;
            this.dayRemaining = Math.min(this.dayRemaining, dayLimit);
        }
        if (minuteLimit != null) {
            this.minuteLimit = minuteLimit;
            this.minuteRemaining = Math.min(this.minuteRemaining, minuteLimit);
        }
        if (dayRemaining != null) {
            this.dayRemaining = dayRemaining;
        }
        if (minuteRemaining != null) {
            this.minuteRemaining = minuteRemaining;
        }
    }

    synchronized void reset() {
        dayLimit = DAY_LIMIT;
        minuteLimit = MINUTE_LIMIT;
        dayRemaining = DAY_LIMIT;
        minuteRemaining = MINUTE_LIMIT;
        minuteWindow = null;
        dayWindow = null;
        roll();
    }

    /** {@code metadata.limits}: remaining points and seconds until each window refills. */
    synchronized Map<String, Object> json() {
        roll();
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone.get()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day_limit", dayLimit);
        m.put("day_remaining", dayRemaining);
        m.put("day_reset", Duration.between(now, dayWindow.plusDays(1)).toSeconds());
        m.put("minute_limit", minuteLimit);
        m.put("minute_remaining", minuteRemaining);
        m.put("minute_reset", Duration.between(now, minuteWindow.plusMinutes(1)).toSeconds());
        return m;
    }

    private void roll() {
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone.get()));
        LocalDateTime minute = now.truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime day = now.truncatedTo(ChronoUnit.DAYS);
        if (!minute.equals(minuteWindow)) {
            minuteWindow = minute;
            minuteRemaining = minuteLimit;
        }
        if (!day.equals(dayWindow)) {
            dayWindow = day;
            dayRemaining = dayLimit;
        }
    }
}
