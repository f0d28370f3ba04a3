package kz.clinicai.voicebot.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import kz.clinicai.voicebot.VoicebotHandler;
import kz.clinicai.voicebot.llm.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VoicebotHandlerTest {
    final VoicebotServiceTest fixture = new VoicebotServiceTest();
    final Fakes.ScriptedModel model = new Fakes.ScriptedModel(
            text -> List.of(new ToolCall("c1", "book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));

    VoicebotHandler handler() {
        fixture.setUp();
        return new VoicebotHandler(fixture.service(model, Duration.ofSeconds(25)));
    }

    static APIGatewayV2HTTPEvent event(String clinic, String body) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /voicebot/{clinic}/v1/")
                .withRawPath("/voicebot/" + clinic + "/v1/").withPathParameters(Map.of("clinic", clinic))
                .withHeaders(Map.of("content-type", "application/json")).withBody(body).build();
    }

    @Test
    void answersInAcsShape() throws Exception {
        APIGatewayV2HTTPResponse response = handler().handleRequest(event("infoclinica-clinic",
                "{\"appointment_id\": 123456, \"user_input\": \"Хочу перенести запись на завтра в 10:30\"}"), null);

        JsonNode body = Json.mapper().readTree(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body.get("status").asText()).isEqualTo("success_change_reception_tomorrow");
        assertThat(body.get("date").asText()).isEqualTo("30 Января");
        assertThat(body.get("day_kz").asText()).isEqualTo("ертең");
        assertThat(body.get("time").asText()).isEqualTo("10:30");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON|{\"appointment_id\": 1,|400",
            "missing id|{\"user_input\": \"да\"}|400",
            "non-numeric id|{\"appointment_id\": \"abc\", \"user_input\": \"да\"}|400",
            "empty input|{\"appointment_id\": 123456, \"user_input\": \"\"}|400",
            "unknown appointment|{\"appointment_id\": 42, \"user_input\": \"да\"}|404"})
    void badInputIsAnAcsErrorWithA4xxAndWritesNothing(String why, String body, int status) throws Exception {
        APIGatewayV2HTTPResponse response = handler().handleRequest(event("infoclinica-clinic", body), null);

        JsonNode json = Json.mapper().readTree(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(json.get("status").asText()).isEqualTo("error");
        assertThat(json.get("message").asText()).isNotBlank();
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at kz.");
        assertThat(fixture.sessions.saves).isZero();
        assertThat(fixture.infoClinica.reserves).isEmpty();
    }

    @Test
    void overLongInputAndUnknownClinic() throws Exception {
        VoicebotHandler handler = handler();
        APIGatewayV2HTTPResponse tooLong = handler.handleRequest(event("infoclinica-clinic",
                "{\"appointment_id\": 123456, \"user_input\": \"" + "а".repeat(1001) + "\"}"), null);
        APIGatewayV2HTTPResponse unknown = handler.handleRequest(event("other-clinic",
                "{\"appointment_id\": 123456, \"user_input\": \"да\"}"), null);

        assertThat(tooLong.getStatusCode()).isEqualTo(400);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(unknown.getBody()).get("status").asText()).isEqualTo("error");
        assertThat(fixture.sessions.saves).isZero();
    }

    @Test
    void aSlugLongerThanAnyClinicsIsA404() throws Exception {
        VoicebotHandler handler = handler();

        for (String slug : new String[] {"a".repeat(3000), "я".repeat(600)}) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event(slug,
                    "{\"appointment_id\": 123456, \"user_input\": \"да\"}"), null);
            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(Json.mapper().readTree(response.getBody()).get("status").asText()).isEqualTo("error");
        }
        assertThat(fixture.sessions.saves).isZero();
    }
}
