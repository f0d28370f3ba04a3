package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ReminderPhrasesTest {

    static final AppointmentFacts FACTS = new AppointmentFacts("123456", LocalDate.of(2026, 12, 11),
            LocalTime.of(9, 0), "Петрова Мария Ивановна", null);

    @Test
    void aDayBeyondTomorrowIsNamedWithCldrMonthsAndTheNameIsGreeted() {
        assertThat(ReminderPhrases.greeting("ru", FACTS, "Анна Петровна", LocalDate.of(2026, 12, 7)))
                .isEqualTo("Здравствуйте, Анна Петровна! Напоминаем о вашей записи к врачу Петрова Мария Ивановна "
                        + "11 декабря в 9:00. Подскажите, пожалуйста, вы придёте?");
        assertThat(ReminderPhrases.greeting("kk", FACTS, "Анна Петровна", LocalDate.of(2026, 12, 7)))
                .startsWith("Сәлеметсіз бе, Анна Петровна! Сіздің 11 желтоқсан сағат 9:00-да");
    }

    @Test
    void todayIsToday() {
        assertThat(ReminderPhrases.greeting("ru", FACTS, null, LocalDate.of(2026, 12, 11))).contains(" сегодня в 9:00");
        assertThat(ReminderPhrases.greeting("kk", FACTS, null, LocalDate.of(2026, 12, 11))).contains(" бүгін сағат");
    }
}
