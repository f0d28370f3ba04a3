package kz.clinicai.shared.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LocalizedDatesTest {

    // Exact strings as the JDK's CLDR data gives them (checked on JDK 17 and 25), first letter raised.
    @ParameterizedTest
    @CsvSource({
            "1,  29 Января,   29 Қаңтар",
            "2,  29 Февраля,  29 Ақпан",
            "3,  29 Марта,    29 Наурыз",
            "4,  29 Апреля,   29 Сәуір",
            "5,  29 Мая,      29 Мамыр",
            "6,  29 Июня,     29 Маусым",
            "7,  29 Июля,     29 Шілде",
            "8,  29 Августа,  29 Тамыз",
            "9,  29 Сентября, 29 Қыркүйек",
            "10, 29 Октября,  29 Қазан",
            "11, 29 Ноября,   29 Қараша",
            "12, 29 Декабря,  29 Желтоқсан",
    })
    void dayMonthInBothLanguagesForEveryMonth(int month, String ru, String kk) {
        LocalDate date = LocalDate.of(2024, month, 29);

        assertThat(LocalizedDates.dayMonth(date, Lang.RU)).isEqualTo(ru);
        assertThat(LocalizedDates.dayMonth(date, Lang.KK)).isEqualTo(kk);
    }

    @Test
    void singleDigitDaysHaveNoPadding() {
        assertThat(LocalizedDates.dayMonth(LocalDate.of(2025, 5, 1), Lang.RU)).isEqualTo("1 Мая");
        assertThat(LocalizedDates.dayMonth(LocalDate.of(2025, 5, 1), Lang.KK)).isEqualTo("1 Мамыр");
    }

    // 2025-01-27 is a Monday.
    @ParameterizedTest
    @CsvSource({
            "0, Понедельник, Дүйсенбі",
            "1, Вторник,     Сейсенбі",
            "2, Среда,       Сәрсенбі",
            "3, Четверг,     Бейсенбі",
            "4, Пятница,     Жұма",
            "5, Суббота,     Сенбі",
            "6, Воскресенье, Жексенбі",
    })
    void weekdayInBothLanguagesForEveryDay(int offset, String ru, String kk) {
        LocalDate date = LocalDate.of(2025, 1, 27).plusDays(offset);

        assertThat(LocalizedDates.weekday(date, Lang.RU)).isEqualTo(ru);
        assertThat(LocalizedDates.weekday(date, Lang.KK)).isEqualTo(kk);
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void namesAreTheJdksOwnCapitalised(Lang lang) {
        Set<String> months = new HashSet<>();
        for (Month month : Month.values()) {
            String jdk = month.getDisplayName(TextStyle.FULL, lang.locale());
            String ours = LocalizedDates.dayMonth(LocalDate.of(2025, month, 3), lang);
            assertThat(ours).isEqualTo("3 " + jdk.substring(0, 1).toUpperCase(lang.locale()) + jdk.substring(1));
            months.add(ours);
        }
        Set<String> days = new HashSet<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String ours = LocalizedDates.weekday(LocalDate.of(2025, 1, 27).plusDays(day.ordinal()), lang);
            assertThat(ours.toLowerCase(lang.locale())).isEqualTo(day.getDisplayName(TextStyle.FULL, lang.locale()));
            assertThat(Character.isUpperCase(ours.codePointAt(0))).isTrue();
            days.add(ours);
        }
        assertThat(months).hasSize(12);
        assertThat(days).hasSize(7);
    }

    @Test
    void timeIs24HourWithLeadingZero() {
        assertThat(LocalizedDates.time(LocalTime.of(10, 30))).isEqualTo("10:30");
        assertThat(LocalizedDates.time(LocalTime.of(9, 5, 59))).isEqualTo("09:05");
        assertThat(LocalizedDates.time(LocalTime.of(18, 0))).isEqualTo("18:00");
    }

    @Test
    void relativeDayNamesTodayAndTomorrowOnly() {
        LocalDate today = LocalDate.of(2025, 12, 31);

        assertThat(LocalizedDates.relativeDay(today, today, Lang.RU)).contains("сегодня");
        assertThat(LocalizedDates.relativeDay(today, today, Lang.KK)).contains("бүгін");
        assertThat(LocalizedDates.relativeDay(today.plusDays(1), today, Lang.RU)).contains("завтра");
        assertThat(LocalizedDates.relativeDay(today.plusDays(1), today, Lang.KK)).contains("ертең");
        assertThat(LocalizedDates.relativeDay(today.plusDays(2), today, Lang.RU)).isEmpty();
        assertThat(LocalizedDates.relativeDay(today.minusDays(1), today, Lang.KK)).isEmpty();
    }

    @Test
    void langLocales() {
        assertThat(Lang.RU.locale().getLanguage()).isEqualTo("ru");
        assertThat(Lang.KK.locale().getLanguage()).isEqualTo("kk");
    }
}
