package kz.clinicai.voicebot.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcsRequestTest {

    @Test
    void parsesTheAcsBody() {
        AcsRequest request = AcsRequest.parse("{\"appointment_id\": 123456, \"user_input\": \"  Хочу перенести запись на завтра \"}");

        assertThat(request.appointmentId()).isEqualTo(123456);
        assertThat(request.userInput()).isEqualTo("Хочу перенести запись на завтра");
    }

    @Test
    void acceptsADigitStringId() {
        assertThat(AcsRequest.parse("{\"appointment_id\": \"42\", \"user_input\": \"да\"}").appointmentId()).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[1,2]", "{\"user_input\": \"да\"}", "{\"appointment_id\": null, \"user_input\": \"да\"}",
            "{\"appointment_id\": \"12a\", \"user_input\": \"да\"}", "{\"appointment_id\": 1.5, \"user_input\": \"да\"}",
            "{\"appointment_id\": -3, \"user_input\": \"да\"}", "{\"appointment_id\": 1}",
            "{\"appointment_id\": 1, \"user_input\": \"   \"}", "{\"appointment_id\": 1, \"user_input\": 5}"})
    void rejectsBadInputWith400(String body) {
        assertThatThrownBy(() -> AcsRequest.parse(body))
                .isInstanceOfSatisfying(AcsRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void rejectsOverLongUtterances() {
        String ok = "а".repeat(AcsRequest.MAX_USER_INPUT_CHARS);
        assertThat(AcsRequest.parse("{\"appointment_id\": 1, \"user_input\": \"" + ok + "\"}").userInput()).hasSize(1000);

        assertThatThrownBy(() -> AcsRequest.parse("{\"appointment_id\": 1, \"user_input\": \"" + ok + "а\"}"))
                .isInstanceOfSatisfying(AcsRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("1000");
                });
    }

    @Test
    void rejectsHugeBodiesWith413() {
        String body = "{\"appointment_id\": 1, \"user_input\": \"да\", \"pad\": \"" + "x".repeat(20_000) + "\"}";
        assertThatThrownBy(() -> AcsRequest.parse(body))
                .isInstanceOfSatisfying(AcsRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
    }
}
