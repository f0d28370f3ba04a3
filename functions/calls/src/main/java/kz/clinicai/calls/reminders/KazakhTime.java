package kz.clinicai.calls.reminders;

import java.time.LocalTime;

/**
 * The case ending a clock time takes in Kazakh, written after the digits as people write it ("сағат 10:30-да", "14:00-ге").
 * Kazakh endings follow the last number word as it is spoken — the minutes, or the hour when the minutes are zero
 * ("10:30" is "он отыз", so "-да"; "14:00" is "он төрт", so "-те") — by vowel harmony (back а о ұ ы / front ә е і ө ү)
 * and by whether that word ends in a voiceless consonant (-та/-те, -қа/-ке) or not (-да/-де, -ға/-ге). A fixed ending
 * is wrong for about half of all times.
 */
final class KazakhTime {

    /** Locative and dative endings after the number words 0..9 (units) and 10..50 (tens). */
    private static final String[][] UNITS = {
            {"де", "ге"}, // нөл
            {"де", "ге"}, // бір
            {"де", "ге"}, // екі
            {"те", "ке"}, // үш
            {"те", "ке"}, // төрт
            {"те", "ке"}, // бес
            {"да", "ға"}, // алты
            {"де", "ге"}, // жеті
            {"де", "ге"}, // сегіз
            {"да", "ға"}, // тоғыз
    };
    private static final String[][] TENS = {
            null,
            {"да", "ға"}, // он
            {"да", "ға"}, // жиырма
            {"да", "ға"}, // отыз
            {"та", "қа"}, // қырық
            {"де", "ге"}, // елу
    };

    private KazakhTime() {
    }

    /** "at 10:30": the locative ending (да, де, та, те). */
    static String locative(LocalTime time) {
        return endings(time)[0];
    }

    /** "to 14:30": the dative ending (ға, ге, қа, ке). */
    static String dative(LocalTime time) {
        return endings(time)[1];
    }

    private static String[] endings(LocalTime time) {
        int spoken = time.getMinute() == 0 ? time.getHour() : time.getMinute();
        return spoken % 10 != 0 || spoken == 0 ? UNITS[spoken % 10] : TENS[spoken / 10];
    }
}
