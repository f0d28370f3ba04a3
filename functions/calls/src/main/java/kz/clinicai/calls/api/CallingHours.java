package kz.clinicai.calls.api;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The window in the callee's local time in which calls may be made, e.g. 09:00–21:00. */
public record CallingHours(LocalTime from, LocalTime to) {

    public CallingHours {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("calling hours must start before they end: " + from + "-" + to);
        }
    }

    /** "09:00-21:00". */
    public static CallingHours parse(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("calling hours must look like 09:00-21:00: " + text);
        }
        return new CallingHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    }

    public boolean allows(Instant at, ZoneId zone) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(from) && local.isBefore(to);
    }

    /** {@code at} itself when allowed, else the next opening. */
    public ZonedDateTime nextAllowed(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (allows(at, zone)) {
            return local;
        }
        ZonedDateTime today = local.with(from).withSecond(0).withNano(0);
        return local.toLocalTime().isBefore(from) ? today : today.plusDays(1);
    }
}
