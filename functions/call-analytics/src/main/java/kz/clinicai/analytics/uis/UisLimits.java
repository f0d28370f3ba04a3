package kz.clinicai.analytics.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/** {@code metadata.limits} of a UIS answer: points left this minute and today, and when each refills. */
public record UisLimits(int dayLimit, int dayRemaining, long dayResetSeconds, int minuteLimit, int minuteRemaining,
                        long minuteResetSeconds) {

    static Optional<UisLimits> of(JsonNode metadata) {
        JsonNode l = metadata.path("limits");
        if (!l.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new UisLimits(l.path("day_limit").asInt(), l.path("day_remaining").asInt(Integer.MAX_VALUE),
                l.path("day_reset").asLong(), l.path("minute_limit").asInt(),
                l.path("minute_remaining").asInt(Integer.MAX_VALUE), l.path("minute_reset").asLong()));
    }

    public Duration untilMinuteReset() {
        return Duration.ofSeconds(Math.max(1, minuteResetSeconds));
    }
}
