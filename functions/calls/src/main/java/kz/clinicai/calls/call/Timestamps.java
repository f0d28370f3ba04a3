package kz.clinicai.calls.call;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one text form of an instant in CallsTable and RemindersTable: UTC, always three fraction digits,
 * {@code 2026-12-07T10:00:05.000Z}. DynamoDB compares strings byte by byte (key conditions of DueCalls and ByCreated,
 * the QueuedEntries sort key), so the text must sort as the instant does. {@code Instant.toString()} does not: it
 * drops a zero fraction and prints 3, 6 or 9 digits otherwise, so "…:05Z" sorted after "…:05.123Z" ('Z' > '.') and a
 * call due at an exact second was passed over. Values written before this form ("…:05Z", "…:05.123456Z") are read
 * tolerantly ({@link #parse}) and rewritten in this form whenever their item is written again; in a key condition
 * such an old value is off by less than a second.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Fixed width, millisecond precision (truncated, so an instant never sorts after a later one). */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Any ISO-8601 instant ("…Z" with 0-9 fraction digits): old values and new ones alike. */
    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    /** The fixed form of an ISO-8601 instant given as text (null stays null); a malformed one is refused. */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        try {
            return format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant: " + text, e);
        }
    }
}
