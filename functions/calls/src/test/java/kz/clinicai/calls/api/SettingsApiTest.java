package kz.clinicai.calls.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/** GET/PUT /calls/settings and the do-not-call routes: one validation naming each problem, the settings in force. */
class SettingsApiTest {

    // 10:00 in Almaty
    private static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");

    private final InMemoryCallRepository repo = new InMemoryCallRepository(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> started = new ArrayList<>();
    private final CallsApi api = new CallsApi(new CallsService(repo, id -> {
        started.add(id);
        return "s" + started.size();
    }, new CallsSettings(5, CallingHours.parse("09:00-21:00"), "KZ", Map.of("KZ", ZoneId.of("Asia/Almaty")),
            ZoneId.of("UTC"), "asr", Set.of("asr"), "ru", null, Duration.ofMinutes(30), 3, "test", "+77010000001"),
            Clock.fixed(NOW, ZoneOffset.UTC)), () -> "key");

    private APIGatewayV2HTTPResponse call(String method, String template, String path, String body,
                                          Map<String, String> pathParams) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-api-key", "key");
        return api.handle(APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + template)
                .withRawPath(path).withHeaders(headers).withBody(body).withPathParameters(pathParams)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(method + " " + template)
                        .withRequestId("r").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp("127.0.0.1").build()).build())
                .build());
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void unsetSettingsAreTheTemplateDefaultsAndASavedValueWinsOverItsDefaultOnly() throws Exception {
        JsonNode before = json(call("GET", "/calls/settings", "/calls/settings", null, null));
        assertThat(before.path("settings").path("calling_hours").asText()).isEqualTo("09:00-21:00");
        assertThat(before.path("settings").path("operator_phone").asText()).isEqualTo("+77010000001");
        assertThat(before.path("stored").hasNonNull("calling_hours")).isFalse();

        APIGatewayV2HTTPResponse put = call("PUT", "/calls/settings", "/calls/settings",
                "{\"operator_phone\":\"8 701 555 12 34\",\"calling_hours\":\"11:00-19:30\",\"max_attempts\":5}", null);
        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
        JsonNode after = json(call("GET", "/calls/settings", "/calls/settings", null, null));
        assertThat(after.path("settings").path("operator_phone").asText()).isEqualTo("+77015551234");
        assertThat(after.path("settings").path("calling_hours").asText()).isEqualTo("11:00-19:30");
        assertThat(after.path("settings").path("max_attempts").asInt()).isEqualTo(5);
        assertThat(after.path("settings").path("retry_interval_seconds").asLong()).isEqualTo(1800);
        assertThat(after.path("stored").hasNonNull("retry_interval_seconds")).isFalse();
        assertThat(after.path("updated_at").asText()).isEqualTo(kz.clinicai.calls.call.Timestamps.format(NOW));
    }

    @Test
    void everyProblemIsNamedAndNothingIsStored() throws Exception {
        APIGatewayV2HTTPResponse bad = call("PUT", "/calls/settings", "/calls/settings",
                "{\"operator_phone\":\"12\",\"calling_hours\":\"21:00-09:00\",\"retry_interval_seconds\":5,"
                        + "\"max_attempts\":\"three\",\"colour\":\"red\"}", null);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        JsonNode body = json(bad);
        assertThat(body.path("error").asText()).isEqualTo("invalid_settings");
        List<String> fields = new ArrayList<>();
        body.path("problems").forEach(p -> fields.add(p.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("operator_phone", "calling_hours", "retry_interval_seconds",
                "max_attempts", "colour");
        assertThat(body.path("message").asText()).contains("operator_phone").contains("calling_hours");
        assertThat(repo.settings().updatedAt()).isNull();
    }

    @Test
    void savedCallingHoursRefuseACallAtOnce() throws Exception {
        // 10:00 in Almaty: inside the default hours, outside 12:00-18:00
        assertThat(call("PUT", "/calls/settings", "/calls/settings", "{\"calling_hours\":\"12:00-18:00\"}", null)
                .getStatusCode()).isEqualTo(200);
        APIGatewayV2HTTPResponse refused = call("POST", "/calls", "/calls", "{\"phone\":\"+77011234567\"}", null);
        assertThat(refused.getStatusCode()).isEqualTo(409);
        assertThat(json(refused).path("error").asText()).isEqualTo("outside_calling_hours");
        assertThat(refused.getHeaders()).containsEntry("X-Next-Allowed-At", "2026-11-30T07:00:00Z");
        assertThat(started).isEmpty();
    }

    @Test
    void theDoNotCallListTakesAnImportAllValidOrNothingAndRemovesANumber() throws Exception {
        APIGatewayV2HTTPResponse bad = call("POST", "/calls/do-not-call", "/calls/do-not-call",
                "{\"phones\":[\"+77011234567\",\"abc\",\"12\"],\"note\":\"asked\"}", null);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(bad).path("problems").forEach(p -> fields.add(p.path("field").asText()));
        assertThat(fields).containsExactly("phones[1]", "phones[2]");
        assertThat(repo.doNotCallList(10)).isEmpty();

        APIGatewayV2HTTPResponse ok = call("POST", "/calls/do-not-call", "/calls/do-not-call",
                "{\"phones\":[\"8 701 123 45 67\",\"+77011234567\",\"+79019433546\"],\"note\":\"asked\"}", null);
        assertThat(ok.getStatusCode()).as(ok.getBody()).isEqualTo(200);
        assertThat(json(ok).path("count").asInt()).isEqualTo(2);
        JsonNode list = json(call("GET", "/calls/do-not-call", "/calls/do-not-call", null, null));
        assertThat(list.path("count").asInt()).isEqualTo(2);
        assertThat(list.path("numbers").get(0).path("note").asText()).isEqualTo("asked");
        assertThat(json(call("POST", "/calls", "/calls", "{\"phone\":\"+77011234567\"}", null)).path("error").asText())
                .isEqualTo("do_not_call");

        assertThat(call("DELETE", "/calls/do-not-call/{phone}", "/calls/do-not-call/%2B77011234567", null,
                Map.of("phone", "%2B77011234567")).getStatusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/calls/do-not-call/{phone}", "/calls/do-not-call/+77011234567", null,
                Map.of("phone", "+77011234567")).getStatusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/calls/do-not-call/{phone}", "/calls/do-not-call/xyz", null,
                Map.of("phone", "xyz")).getStatusCode()).isEqualTo(400);
        assertThat(call("POST", "/calls", "/calls", "{\"phone\":\"+77011234567\"}", null).getStatusCode())
                .isEqualTo(201);
    }
}
