package kz.clinicai.calls.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The phrases come from resource bundles, where a key missing in {@code phrases_kk} would silently fall back to
 * Russian on a Kazakh call: every text a callee hears exists in both languages, and languages other than kk get
 * Russian.
 */
class PhrasesTest {

    static final List<Function<String, String>> HEARD = List.of(Phrases::instructions, Phrases::greeting,
            Phrases::filler, Phrases::apology, Phrases::transfer, Phrases::goodbye, Phrases::silence, Phrases::repeat,
            Phrases::unavailable, Phrases::operatorBusy);

    @Test
    void everyHeardTextIsKazakhOnKazakhCallsAndRussianOnAnyOther() {
        for (Function<String, String> phrase : HEARD) {
            String ru = phrase.apply("ru");
            String kk = phrase.apply("kk");
            assertThat(ru).isNotBlank().containsPattern("[А-Яа-я]");
            assertThat(kk).isNotBlank().isNotEqualTo(ru);
            assertThat(phrase.apply("en")).isEqualTo(ru);
            assertThat(phrase.apply(null)).isEqualTo(ru);
        }
        assertThat(Phrases.goodbye("kk")).isEqualTo("Рахмет, сау болыңыз!");
        assertThat(Phrases.silence("ru")).isEqualTo("Вы меня слышите?");
    }

    @Test
    void placeholdersAreFilled() {
        assertThat(Phrases.turnRules(LocalDate.of(2026, 12, 7)))
                .startsWith("\nСегодня: 2026-12-07. ").doesNotContain("{");
        assertThat(Phrases.transferred("+7701***4567")).isEqualTo("Переведён на оператора +7701***4567");
    }
}
