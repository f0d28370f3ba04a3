package kz.clinicai.shared.time;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Dates as the voicebot speaks them ("29 Января", "Пятница", "10:30"). Month and weekday names come from the
 * JDK's CLDR data, so they are spelled and declined as the Unicode consortium's linguists decided; only the
 * first letter is raised, because the robot's prompts expect it.
 */
public final class LocalizedDates {

    // "MMMM" is CLDR's format (in-date) form: the genitive in Russian ("января"), the plain name in Kazakh.
    private static final Map<Lang, DateTimeFormatter> DAY_MONTH = formatters("d MMMM");
    private static final Map<Lang, DateTimeFormatter> WEEKDAY = formatters("EEEE");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    // java.time has no relative-day names (CLDR's "today"/"tomorrow" fields are not exposed by the JDK),
    // so these two words per language are ours.
    private static final Map<Lang, String> TODAY = Map.of(Lang.RU, "сегодня", Lang.KK, "бүгін");
    private static final Map<Lang, String> TOMORROW = Map.of(Lang.RU, "завтра", Lang.KK, "ертең");

    private LocalizedDates() {
    }

    /** Day and month name, e.g. "29 Января" / "29 Қаңтар". */
    public static String dayMonth(LocalDate date, Lang lang) {
        return capitalize(DAY_MONTH.get(lang).format(date), lang);
    }

    /** Weekday name, e.g. "Пятница" / "Жұма". */
    public static String weekday(LocalDate date, Lang lang) {
        return capitalize(WEEKDAY.get(lang).format(date), lang);
    }

    /** 24-hour time, e.g. "10:30". */
    public static String time(LocalTime time) {
        return TIME.format(time);
    }

    /** "сегодня"/"бүгін" or "завтра"/"ертең" when {@code date} is today or tomorrow, else empty. */
    public static Optional<String> relativeDay(LocalDate date, LocalDate today, Lang lang) {
        if (date.equals(today)) {
            return Optional.of(TODAY.get(lang));
        }
        if (date.equals(today.plusDays(1))) {
            return Optional.of(TOMORROW.get(lang));
        }
        return Optional.empty();
    }

    private static Map<Lang, DateTimeFormatter> formatters(String pattern) {
        Map<Lang, DateTimeFormatter> byLang = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            byLang.put(lang, DateTimeFormatter.ofPattern(pattern, lang.locale()));
        }
        return byLang;
    }

    // Raises the first letter, wherever it is ("29 января" → "29 Января").
    private static String capitalize(String text, Lang lang) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return text.substring(0, i) + text.substring(i, i + 1).toUpperCase(lang.locale()) + text.substring(i + 1);
            }
        }
        return text;
    }
}
