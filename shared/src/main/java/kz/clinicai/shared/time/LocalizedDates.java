package kz.clinicai.shared.time;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Placeholder until the shared-lib branch lands (same API): names from the JDK's CLDR data. */
public final class LocalizedDates {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private LocalizedDates() {
    }

    public static String dayMonth(LocalDate date, Lang lang) {
        return date.getDayOfMonth() + " " + capitalize(DateTimeFormatter.ofPattern("d MMMM", lang.locale())
                .format(date).substring(String.valueOf(date.getDayOfMonth()).length() + 1), lang);
    }

    public static String weekday(LocalDate date, Lang lang) {
        return capitalize(DateTimeFormatter.ofPattern("EEEE", lang.locale()).format(date), lang);
    }

    public static String time(LocalTime time) {
        return TIME.format(time);
    }

    public static Optional<String> relativeDay(LocalDate date, LocalDate today, Lang lang) {
        if (date.equals(today)) {
            return Optional.of(lang == Lang.RU ? "сегодня" : "бүгін");
        }
        if (date.equals(today.plusDays(1))) {
            return Optional.of(lang == Lang.RU ? "завтра" : "ертең");
        }
        return Optional.empty();
    }

    private static String capitalize(String word, Lang lang) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(lang.locale()) + word.substring(1);
    }
}
