package kz.clinicai.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.http.ApiException;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    private final PhoneNumbers phones = new PhoneNumbers("KZ",
            Map.of("KZ", ZoneId.of("Asia/Almaty"), "RU", ZoneId.of("Europe/Moscow")), ZoneId.of("UTC"));

    @Test
    void ruAndKzNumbersInAnyFormBecomeE164WithTheirZone() {
        PhoneNumbers.Parsed ru = phones.parse("+7 (901) 943-35-46");
        assertThat(ru.e164()).isEqualTo("+79019433546");
        assertThat(ru.region()).isEqualTo("RU");
        assertThat(phones.zoneOf(ru, Optional.empty())).isEqualTo(ZoneId.of("Europe/Moscow"));
        PhoneNumbers.Parsed kz = phones.parse("8 701 123 45 67");
        assertThat(kz.e164()).isEqualTo("+77011234567");
        assertThat(phones.zoneOf(kz, Optional.empty())).isEqualTo(ZoneId.of("Asia/Almaty"));
        assertThat(phones.parse("+49 30 901820").e164()).isEqualTo("+4930901820");
        assertThat(phones.zoneOf(phones.parse("+49 30 901820"), Optional.empty())).isEqualTo(ZoneId.of("UTC"));
        assertThat(phones.zoneOf(kz, Optional.of("Asia/Aqtobe"))).isEqualTo(ZoneId.of("Asia/Aqtobe"));
    }

    @Test
    void invalidNumbersAre400WithAClearCode() {
        for (String bad : new String[] {"", "12345", "hello", "+7 000 000 00 00", "+1" + "9".repeat(40)}) {
            assertThatThrownBy(() -> phones.parse(bad)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("invalid_phone"));
        }
        assertThatThrownBy(() -> phones.zoneOf(phones.parse("+77011234567"), Optional.of("Mars/Base")))
                .isInstanceOf(ApiException.class);
    }
}
