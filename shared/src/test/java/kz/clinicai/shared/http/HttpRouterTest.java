package kz.clinicai.shared.http;

import static kz.clinicai.shared.http.TestEvents.event;
import static kz.clinicai.shared.http.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.logging.CapturedLogs;
import org.junit.jupiter.api.Test;

class HttpRouterTest {

    record Ping(String text) {
    }

    private static RouteHandler echo(String name) {
        return req -> HttpResponses.json(200, Map.of(
                "route", name,
                "params", Map.of(
                        "clinic", req.pathParam("clinic").orElse("-"),
                        "id", req.pathParam("id").orElse("-"),
                        "proxy", req.pathParam("proxy").orElse("-"))));
    }

    private final HttpRouter router = HttpRouter.builder()
            .route("POST", "/voicebot/{clinic}/v1/", echo("voicebot"))
            .route("POST", "/gpt/", req -> HttpResponses.json(201, req.readJson(Ping.class, 64)))
            .route("GET", "/message/", echo("messages"))
            .route("GET", "/calls/{id}", echo("call"))
            .route("DELETE", "/calls/{id}", echo("delete"))
            .route("GET", "/calls/active", echo("active"))
            .route("GET", "/widget/{proxy+}", echo("assets"))
            .route("GET", "/limited", req -> {
                throw ApiException.tooManyRequests(Duration.ofSeconds(7));
            })
            .route("GET", "/conflict", req -> {
                throw ApiException.conflict("already_delivered", "Message was delivered");
            })
            .route("GET", "/boom", req -> {
                throw new IllegalStateException("secret internal detail");
            })
            .route("GET", "/null", req -> null)
            .build();

    @Test
    void routesByMethodAndTemplateAndExposesParameters() {
        JsonNode body = ok(router.handle(event("POST", "/voicebot/clinic-7/v1/", null, "{}")));

        assertThat(body.path("route").asText()).isEqualTo("voicebot");
        assertThat(body.path("params").path("clinic").asText()).isEqualTo("clinic-7");
    }

    @Test
    void trailingSlashMustMatchExactly() {
        assertError(router.handle(event("POST", "/voicebot/clinic-7/v1", null, "{}")), 404, "route_not_found");
        assertError(router.handle(event("GET", "/message", null, null)), 404, "route_not_found");
        assertThat(router.handle(event("GET", "/message/", null, null)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404() {
        APIGatewayV2HTTPResponse response = router.handle(event("GET", "/nowhere", null, null));

        assertError(response, 404, "route_not_found");
        assertThat(response.getHeaders()).containsEntry("Content-Type", HttpResponses.JSON_CONTENT_TYPE);
    }

    @Test
    void emptyParameterSegmentDoesNotMatch() {
        assertError(router.handle(event("POST", "/voicebot//v1/", null, "{}")), 404, "route_not_found");
    }

    @Test
    void knownPathWithOtherMethodIs405WithAllow() {
        APIGatewayV2HTTPResponse response = router.handle(event("PUT", "/calls/42", null, null));

        assertError(response, 405, "method_not_allowed");
        assertThat(response.getHeaders()).containsEntry("Allow", "DELETE, GET");
    }

    @Test
    void literalSegmentWinsOverParameter() {
        assertThat(ok(router.handle(event("GET", "/calls/active", null, null))).path("route").asText())
                .isEqualTo("active");
        JsonNode call = ok(router.handle(event("GET", "/calls/42", null, null)));
        assertThat(call.path("route").asText()).isEqualTo("call");
        assertThat(call.path("params").path("id").asText()).isEqualTo("42");
    }

    @Test
    void deleteIsRoutedToItsOwnHandler() {
        assertThat(ok(router.handle(event("delete", "/calls/42", null, null))).path("route").asText())
                .isEqualTo("delete");
    }

    @Test
    void greedyParameterTakesTheRestOfThePath() {
        JsonNode body = ok(router.handle(event("GET", "/widget/js/app.js", null, null)));

        assertThat(body.path("params").path("proxy").asText()).isEqualTo("js/app.js");
        assertError(router.handle(event("GET", "/widget/", null, null)), 404, "route_not_found");
    }

    @Test
    void parametersArePercentDecoded() {
        JsonNode body = ok(router.handle(event("GET", "/calls/a%20b+c", null, null)));

        assertThat(body.path("params").path("id").asText()).isEqualTo("a b+c");
    }

    @Test
    void templateValuesOverrideTheEventsPathParameters() {
        APIGatewayV2HTTPEvent event = event("POST", "/voicebot/from-path/v1/", null, "{}");
        event.setPathParameters(Map.of("clinic", "from-event", "id", "kept"));

        JsonNode params = ok(router.handle(event)).path("params");

        assertThat(params.path("clinic").asText()).isEqualTo("from-path");
        assertThat(params.path("id").asText()).isEqualTo("kept");
    }

    @Test
    void apiExceptionsBecomeTheirStatusWithApiErrorBodyAndHeaders() {
        APIGatewayV2HTTPResponse limited = router.handle(event("GET", "/limited", null, null));
        assertError(limited, 429, "too_many_requests");
        assertThat(limited.getHeaders()).containsEntry("Retry-After", "7");

        APIGatewayV2HTTPResponse conflict = router.handle(event("GET", "/conflict", null, null));
        assertError(conflict, 409, "already_delivered");
        assertThat(body(conflict).path("message").asText()).isEqualTo("Message was delivered");
    }

    @Test
    void requestBodyErrorsReachTheCaller() {
        assertError(router.handle(json("POST", "/gpt/", "{\"text\":")), 400, "malformed_json");
        assertError(router.handle(json("POST", "/gpt/", "{\"text\":\"" + "x".repeat(100) + "\"}")), 413,
                "payload_too_large");
        assertError(router.handle(event("POST", "/gpt/", Map.of("Content-Type", "text/plain"), "{}")), 415,
                "unsupported_media_type");
        APIGatewayV2HTTPResponse created = router.handle(json("POST", "/gpt/", "{\"text\":\"hi\"}"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(body(created).path("text").asText()).isEqualTo("hi");
    }

    @Test
    void otherFailuresAre500WithAGenericMessageAndAreLoggedWithTheRequestId() {
        APIGatewayV2HTTPResponse response;
        try (CapturedLogs logs = CapturedLogs.start()) {
            response = router.handle(event("GET", "/boom", null, null));

            assertThat(logs.lines()).anySatisfy(line -> {
                JsonNode logged = parse(line);
                assertThat(logged.path("level").asText()).isEqualTo("ERROR");
                assertThat(logged.path("message").asText()).contains("req-123");
                assertThat(logged.path("error").path("message").asText()).isEqualTo("secret internal detail");
            });
        }

        assertError(response, 500, "internal_error");
        assertThat(response.getBody()).doesNotContain("secret").doesNotContain("IllegalStateException")
                .doesNotContain("at kz.");
        assertThat(body(response).path("message").asText()).contains("req-123");
    }

    @Test
    void handlerReturningNothingIsA500() {
        assertError(router.handle(event("GET", "/null", null, null)), 500, "internal_error");
    }

    @Test
    void nullMapsInTheEventAreFine() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/message/");
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build())
                .build());

        assertThat(router.handle(event).getStatusCode()).isEqualTo(200);
    }

    @Test
    void anyMatchesEveryMethod() {
        HttpRouter any = HttpRouter.builder().route("ANY", "/hook", req -> HttpResponses.empty(204)).build();

        assertThat(any.handle(event("PATCH", "/hook", null, null)).getStatusCode()).isEqualTo(204);
    }

    @Test
    void exactMethodWinsOverAnyOnTheSameTemplate() {
        HttpRouter mixed = HttpRouter.builder()
                .route("ANY", "/hook", req -> HttpResponses.empty(204))
                .route("POST", "/hook", req -> HttpResponses.empty(202))
                .build();

        assertThat(mixed.handle(event("POST", "/hook", null, null)).getStatusCode()).isEqualTo(202);
        assertThat(mixed.handle(event("GET", "/hook", null, null)).getStatusCode()).isEqualTo(204);
    }

    @Test
    void malformedOrDuplicateRoutesAreRejectedAtBuildTime() {
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "no-slash", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "/{proxy+}/more", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "/a{b}", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "/{a}/{a}", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder()
                .route("GET", "/calls/{id}", req -> null)
                .route("get", "/calls/{callId}", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response);
    }

    private static void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonNode body = body(response);
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.size()).isEqualTo(2);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        return parse(response.getBody());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
