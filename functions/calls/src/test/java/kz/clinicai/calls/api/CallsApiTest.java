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
import kz.clinicai.calls.voximplant.VoximplantException;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class CallsApiTest {

    // 10:00 in Almaty
    private static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");

    private final InMemoryCallRepository repo = new InMemoryCallRepository();
    private final List<String> started = new ArrayList<>();
    private boolean telephonyDown;
    private final CallsApi api = new CallsApi(new CallsService(repo, id -> {
        if (telephonyDown) {
            throw new VoximplantException("down", true, null);
        }
        started.add(id);
        return "700000" + started.size();
    }, new CallsSettings(2, CallingHours.parse("09:00-21:00"), "KZ", Map.of("KZ", ZoneId.of("Asia/Almaty"),
            "RU", ZoneId.of("Europe/Moscow")), ZoneId.of("UTC"), "asr", Set.of("asr", "record"), "ru", null,
            Duration.ofMinutes(30), 3, "test"), Clock.fixed(NOW, ZoneOffset.UTC)), () -> "key");

    private static APIGatewayV2HTTPEvent event(String method, String template, String path, String body,
                                               Map<String, String> pathParams, Map<String, String> query, String key) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (key != null) {
            headers.put("x-api-key", key);
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + template).withRawPath(path)
                .withHeaders(headers).withBody(body).withPathParameters(pathParams).withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(method + " " + template)
                        .withRequestId("r").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp("127.0.0.1").build()).build())
                .build();
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return api.handle(event("POST", "/calls", "/calls", body, null, null, "key"));
    }

    private static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void aCallIsCreatedPendingAndStartedWithOnlyItsId() throws Exception {
        APIGatewayV2HTTPResponse r = post("{\"phone\":\"8 701 123 45 67\",\"metadata\":{\"crm\":\"42\"}}");
        assertThat(r.getStatusCode()).isEqualTo(201);
        JsonNode body = json(r);
        assertThat(body.path("status").asText()).isEqualTo("pending");
        assertThat(body.path("phone").asText()).isEqualTo("+77011234567");
        assertThat(started).containsExactly(body.path("call_id").asText());

        APIGatewayV2HTTPResponse got = api.handle(event("GET", "/calls/{id}", "/calls/" + started.get(0), null,
                Map.of("id", started.get(0)), null, "key"));
        assertThat(json(got).path("metadata").path("crm").asText()).isEqualTo("42");
        assertThat(json(got).path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void refusals() throws Exception {
        assertThat(api.handle(event("POST", "/calls", "/calls", "{\"phone\":\"+77011234567\"}", null, null, null))
                .getStatusCode()).isEqualTo(401);
        assertThat(post("{\"phone\":\"+77011234567\",\"colour\":\"red\"}").getStatusCode()).isEqualTo(400);
        assertThat(post("{\"phone\":\"+77011234567\",\"language\":\"en\"}").getStatusCode()).isEqualTo(400);
        repo.doNotCall("+77011234567");
        assertThat(json(post("{\"phone\":\"+77011234567\"}")).path("error").asText()).isEqualTo("do_not_call");
        // 10:00 in Almaty is 08:00 in Moscow: outside hours there
        APIGatewayV2HTTPResponse early = post("{\"phone\":\"+79019433546\"}");
        assertThat(early.getStatusCode()).isEqualTo(409);
        assertThat(early.getHeaders()).containsEntry("X-Next-Allowed-At", "2026-11-30T06:00:00Z");
        assertThat(started).isEmpty();
        assertThat(api.handle(event("GET", "/calls/{id}", "/calls/nope", null, Map.of("id", "nope"), null, "key"))
                .getStatusCode()).isEqualTo(404);
        assertThat(api.handle(event("GET", "/calls", "/calls", null, null, Map.of("limit", "0"), "key"))
                .getStatusCode()).isEqualTo(400);
    }

    @Test
    void theCapAnswers429AndHealthCountsFromTheStore() throws Exception {
        assertThat(post("{\"phone\":\"+77011234561\"}").getStatusCode()).isEqualTo(201);
        assertThat(post("{\"phone\":\"+77011234562\"}").getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPResponse third = post("{\"phone\":\"+77011234563\"}");
        assertThat(third.getStatusCode()).isEqualTo(429);
        assertThat(third.getHeaders()).containsKey("Retry-After");
        JsonNode health = json(api.handle(event("GET", "/health", "/health", null, null, null, null)));
        assertThat(health.path("active_calls").asInt()).isEqualTo(2);
        assertThat(health.path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aTelephonyFailureFailsTheCallRatherThanLeavingItPending() throws Exception {
        telephonyDown = true;
        APIGatewayV2HTTPResponse r = post("{\"phone\":\"+77011234567\"}");
        assertThat(r.getStatusCode()).isEqualTo(502);
        JsonNode list = json(api.handle(event("GET", "/calls", "/calls", null, null, Map.of("status", "failed"), "key")));
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(repo.countActive()).isZero();
    }

    @Test
    void dueScheduledCallsAreStartedAndOthersWait() {
        repo.create(new kz.clinicai.calls.call.Call("call_due", "+77011234567", kz.clinicai.calls.call.CallStatus.SCHEDULED,
                "asr", "ru", null, null, Map.of(), NOW.toString(), NOW.toString(), 1, NOW.minusSeconds(60).toString(), null,
                List.of(), null, null, null, null));
        repo.create(new kz.clinicai.calls.call.Call("call_later", "+77011234568", kz.clinicai.calls.call.CallStatus.SCHEDULED,
                "asr", "ru", null, null, Map.of(), NOW.toString(), NOW.toString(), 1, NOW.plusSeconds(600).toString(), null,
                List.of(), null, null, null, null));
        CallsService service = new CallsService(repo, id -> {
            started.add(id);
            return "s";
        }, new CallsSettings(2, CallingHours.parse("09:00-21:00"), "KZ", Map.of(), ZoneId.of("UTC"), "asr",
                Set.of("asr"), "ru", null, Duration.ofMinutes(30), 3, "test"), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(service.startDue()).isEqualTo(1);

        assertThat(started).containsExactly("call_due");
        assertThat(repo.find("call_due").orElseThrow().attempts()).isEqualTo(2);
        assertThat(repo.find("call_due").orElseThrow().status()).isEqualTo(kz.clinicai.calls.call.CallStatus.PENDING);
        assertThat(repo.find("call_later").orElseThrow().status()).isEqualTo(kz.clinicai.calls.call.CallStatus.SCHEDULED);
    }
}
