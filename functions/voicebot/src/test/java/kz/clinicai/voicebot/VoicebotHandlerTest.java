package kz.clinicai.voicebot;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.tools.ScriptedToolLoop;
import kz.clinicai.shared.json.Json;
import kz.clinicai.voicebot.booking.VoicebotFixture;
import kz.clinicai.shared.tools.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VoicebotHandlerTest {
    final VoicebotFixture fixture = new VoicebotFixture();
    final ScriptedToolLoop model = new ScriptedToolLoop(
            text -> List.of(new ToolCall("c1", "book_time", "{\"date\":\"2025-01-30\",\"time\":\"10:30\"}")));

    VoicebotHandler handler() {
        fixture.setUp();
        return new VoicebotHandler(fixture.service(model, Duration.ofSeconds(25)));
    }

    static APIGatewayV2HTTPEvent event(String clinic, String body) {
        return event(clinic, body, Map.of("content-type", "application/json",
                "authorization", "Bearer " + VoicebotFixture.TOKEN));
    }

    static APIGatewayV2HTTPEvent event(String clinic, String body, Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /voicebot/{clinic}/v1")
                .withRawPath("/voicebot/" + clinic + "/v1/").withPathParameters(Map.of("clinic", clinic))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey("POST /voicebot/{clinic}/v1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/voicebot/" + clinic + "/v1/").withSourceIp("10.1.2.3").build()).build())
                .withHeaders(headers).withBody(body).build();
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
            "trailing garbage|{\"appointment_id\": 123456, \"user_input\": \"да\"} xyz|400",
            "duplicate key|{\"appointment_id\": 123456, \"appointment_id\": 1, \"user_input\": \"да\"}|400",
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
        assertThat(unknown.getStatusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(unknown.getBody()).get("status").asText()).isEqualTo("error");
        assertThat(fixture.sessions.saves).isZero();
    }

    @Test
    void validatesSlugContentTypeAndCredentialBeforeReadingAnything() throws Exception {
        VoicebotHandler handler = handler();
        String body = "{\"appointment_id\": 123456, \"user_input\": \"да\"}";

        var longSlug = handler.handleRequest(event("a".repeat(2_000), body), null);
        var cyrillic = handler.handleRequest(event("я".repeat(600), body), null);
        var badSlug = handler.handleRequest(event("Clinic_1", body), null);
        var text = handler.handleRequest(event("infoclinica-clinic", body, Map.of("content-type", "text/plain",
                "authorization", "Bearer " + VoicebotFixture.TOKEN)), null);
        var none = handler.handleRequest(event("infoclinica-clinic", body, Map.of("content-type", "application/json")),
                null);
        var wrong = handler.handleRequest(event("infoclinica-clinic", body, Map.of("content-type",
                "application/json", "x-api-key", "guess")), null);

        assertThat(List.of(longSlug.getStatusCode(), cyrillic.getStatusCode(), badSlug.getStatusCode(),
                text.getStatusCode(), none.getStatusCode(), wrong.getStatusCode()))
                .containsExactly(400, 400, 400, 415, 401, 401);
        for (var response : List.of(longSlug, text, none, wrong)) {
            JsonNode json = Json.mapper().readTree(response.getBody());
            assertThat(json.get("status").asText()).isEqualTo("error");
            assertThat(json.get("message").asText()).isNotBlank();
            assertThat(json.has("time")).isFalse();
        }
        assertThat(fixture.infoClinica.messages).isEmpty();
        assertThat(fixture.sessions.saves).isZero();
    }

    @Test
    void theCredentialMayComeAsXApiKeyOrTokenQueryParameter() throws Exception {
        VoicebotHandler handler = handler();
        String body = "{\"appointment_id\": 123456, \"user_input\": \"Завтра в 10:30\"}";
        APIGatewayV2HTTPEvent query = event("infoclinica-clinic", body, Map.of("content-type",
                "application/json; charset=utf-8"));
        query.setQueryStringParameters(Map.of("token", VoicebotFixture.TOKEN));

        assertThat(handler.handleRequest(event("infoclinica-clinic", body, Map.of("content-type", "application/json",
                "x-api-key", VoicebotFixture.TOKEN)), null).getStatusCode()).isEqualTo(200);
        assertThat(handler.handleRequest(query, null).getStatusCode()).isEqualTo(200);
    }
}
