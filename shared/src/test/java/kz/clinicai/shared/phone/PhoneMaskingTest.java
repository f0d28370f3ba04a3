package kz.clinicai.shared.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneMaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+77011234567      | +7 701 *** ** 67",   // Kazakhstan mobile, international
            "+7 (701) 123-45-67| +7 701 *** ** 67",   // as people type it
            "87011234567       | +7 701 *** ** 67",   // Kazakhstan's trunk prefix 8
            "8 701 123 45 67   | +7 701 *** ** 67",
            "7011234567        | +7 701 *** ** 67",   // national number without prefix, region KZ
            "+79161234589      | +7 916 *** ** 89",   // Russian mobile
            "89161234589       | +7 916 *** ** 89",   // Russian mobile with trunk 8 (same plan as KZ)
            "+7 727 250 12 34  | +7 727 *** ** 34",   // Almaty landline
            "+44 20 7946 0958  | +44 207 *** ** 58",  // elsewhere: same shape
    })
    void masksParsableNumbers(String raw, String expected) {
        assertThat(PhoneMasking.mask(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12345           | ***45",
            "call me 555-0199| *****99",
            "abc             | ''",
            "+7 701 12       | ****12",
            "1               | 1",
    })
    void keepsOnlyTheLastTwoDigitsOfAnythingElse(String raw, String expected) {
        assertThat(PhoneMasking.mask(raw)).isEqualTo(expected);
    }

    @Test
    void theSubscriberPartIsNeverShown() {
        // Every input holds the subscriber digits 12345 (or 1234 5) in its middle.
        for (String raw : new String[] {"+77011234567", "87011234567", "+79161234589", "garbage 70112345",
                "+7 701 123 45", "7011234567 ext 9"}) {
            assertThat(PhoneMasking.mask(raw).replaceAll("\\D", "")).as(raw).doesNotContain("123");
        }
    }

    @Test
    void nullAndBlankGiveEmpty() {
        assertThat(PhoneMasking.mask(null)).isEmpty();
        assertThat(PhoneMasking.mask("  ")).isEmpty();
    }
}
