package kz.clinicai.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class ValidateTest {

    @Test
    void keysLongerThanAllowedOrWithControlCharactersAreA400NamingTheField() {
        assertThat(Validate.key("name", "clinic-1", 100)).isEqualTo("clinic-1");

        assertThatThrownBy(() -> Validate.key("name", "a".repeat(101), 100))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_name");
                    assertThat(e.getMessage()).contains("100").doesNotContain("aaaa");
                });
        // 600 Cyrillic letters are 1,200 bytes: over DynamoDB's 1,024-byte sort key although under 1,000 chars.
        assertThatThrownBy(() -> Validate.key("name", "я".repeat(600), 1000)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Validate.key("name", "a\u0000b", 100)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Validate.key("name", " ", 100)).isInstanceOf(ApiException.class);
    }

    @Test
    void numbersMustBeFiniteAndInRange() {
        assertThat(Validate.finite("temperature", 0.7, 0, 2)).isEqualTo(0.7);
        assertThat(Validate.finite("temperature", null, 0, 2)).isNull();

        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.1, 2.01}) {
            assertThatThrownBy(() -> Validate.finite("temperature", bad, 0, 2))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("Field 'temperature' must be a number from 0 to 2"));
        }
    }

    @Test
    void textNeedsAVisibleCharacter() {
        assertThat(Validate.text("message", "  Привет \n", 10)).isEqualTo("Привет");

        for (String invisible : new String[] {"", "   ", "\t\n", "\u200b\u200b", "\u2060", "\ufeff", "\u0000\u0007",
                "\u00a0", "\u3164"}) {
            assertThatThrownBy(() -> Validate.text("message", invisible, 10)).isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> Validate.text("message", "x".repeat(11), 10)).isInstanceOf(ApiException.class);
        // Emoji are visible and count as one character each.
        assertThat(Validate.text("message", "👍".repeat(10), 10)).hasSize(20);
    }

    @Test
    void jsonTypesAreChecked() throws Exception {
        JsonNode body = Json.mapper().readTree("{\"message\": 5, \"reason\": \"ok\", \"none\": null}");

        assertThat(Validate.optionalString(body, "reason")).isEqualTo("ok");
        assertThat(Validate.optionalString(body, "none")).isNull();
        assertThat(Validate.optionalString(body, "absent")).isNull();
        assertThatThrownBy(() -> Validate.optionalString(body, "message"))
                .hasMessage("Field 'message' must be a string");
        assertThatThrownBy(() -> Validate.requiredString(body, "none")).hasMessage("Field 'none' is required");
    }

    @Test
    void wireLimitsInBytes() {
        assertThat(Validate.maxBytes("callback_data", "take:" + "a".repeat(59), 64)).hasSize(64);
        assertThatThrownBy(() -> Validate.maxBytes("callback_data", "take:" + "я".repeat(30), 64))
                .isInstanceOf(ApiException.class).hasMessageContaining("64 bytes");
    }
}
