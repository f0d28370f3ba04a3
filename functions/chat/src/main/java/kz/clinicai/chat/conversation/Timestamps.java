package kz.clinicai.chat.conversation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The old API's timestamp shape, {@code 2024-04-09T06:31:23.609730Z}: UTC, always six fractional digits.
 * Stored timestamps use it too: fixed width makes them sort as strings.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
