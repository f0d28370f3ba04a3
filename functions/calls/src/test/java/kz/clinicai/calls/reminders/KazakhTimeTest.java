package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KazakhTimeTest {

    /** The ending follows the last number word spoken: the minutes, or the hour at a whole hour. */
    @ParameterizedTest(name = "{0}: -{1} / -{2}")
    @CsvSource({
            "09:00, да, ға",   // тоғыз
            "10:00, да, ға",   // он
            "11:00, де, ге",   // он бір
            "12:00, де, ге",   // он екі
            "13:00, те, ке",   // он үш
            "14:00, те, ке",   // он төрт
            "15:00, те, ке",   // он бес
            "16:00, да, ға",   // он алты
            "17:00, де, ге",   // он жеті
            "18:00, де, ге",   // он сегіз
            "20:00, да, ға",   // жиырма
            "10:30, да, ға",   // отыз
            "14:40, та, қа",   // қырық
            "09:50, де, ге",   // елу
            "11:15, те, ке",   // он бес
            "16:45, те, ке",   // қырық бес
            "08:20, да, ға",   // жиырма
            "12:05, те, ке",   // бес (нөл бес)
            "00:00, де, ге",   // нөл
    })
    void theEndingFollowsTheLastSpokenWord(LocalTime time, String locative, String dative) {
        assertThat(KazakhTime.locative(time)).isEqualTo(locative);
        assertThat(KazakhTime.dative(time)).isEqualTo(dative);
    }

    @Test
    void theGreetingAndTheMoveUseThem() {
        var facts = new AppointmentFacts("1", java.time.LocalDate.of(2026, 12, 11), LocalTime.of(14, 0), "Иванов", null);
        assertThat(ReminderPhrases.greeting("kk", facts, null, java.time.LocalDate.of(2026, 12, 10)))
                .contains("ертең сағат 14:00-те Иванов");
        assertThat(ReminderPhrases.greeting("ru", facts, null, java.time.LocalDate.of(2026, 12, 10)))
                .contains("завтра в 14:00");
    }
}
