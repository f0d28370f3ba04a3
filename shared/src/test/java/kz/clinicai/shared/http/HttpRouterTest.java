package kz.clinicai.shared.http;

import static kz.clinicai.shared.http.TestEvents.event;
import static kz.clinicai.shared.http.TestEvents.json;
import static kz.clinicai.shared.http.TestEvents.routed;
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
            .route("POST", "/voicebot/{clinic}/v1", echo("voicebot"))
            .route("POST", "/gpt", req -> HttpResponses.json(201, req.readJson(Ping.class, 64)))
            .route("GET", "/message", echo("messages"))
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
    void dispatchesOnTheRouteKeyAndReadsTheGatewaysPathParameters() {
        // ACS posts with a trailing slash; API Gateway matches route "/voicebot/{clinic}/v1" and says so.
        JsonNode body = ok(router.handle(routed("POST /voicebot/{clinic}/v1", "POST", "/voicebot/clinic-7/v1/",
                Map.of("clinic", "clinic-7"), null, "{}")));

        assertThat(body.path("route").asText()).isEqualTo("voicebot");
        assertThat(body.path("params").path("clinic").asText()).isEqualTo("clinic-7");
    }

    @Test
    void theRouteKeyDecidesNotThePath() {
        JsonNode active = ok(router.handle(routed("GET /calls/active", "GET", "/calls/active", null, null, null)));
        JsonNode call = ok(router.handle(routed("GET /calls/{id}", "GET", "/calls/42", Map.of("id", "42"), null,
                null)));
        JsonNode deleted = ok(router.handle(routed("DELETE /calls/{id}", "DELETE", "/calls/a b+c",
                Map.of("id", "a b+c"), null, null)));

        assertThat(active.path("route").asText()).isEqualTo("active");
        assertThat(call.path("route").asText()).isEqualTo("call");
        assertThat(call.path("params").path("id").asText()).isEqualTo("42");
        assertThat(deleted.path("params").path("id").asText()).isEqualTo("a b+c");
    }

    @Test
    void greedyParameterComesFromTheGateway() {
        JsonNode body = ok(router.handle(routed("GET /widget/{proxy+}", "GET", "/widget/js/app.js",
                Map.of("proxy", "js/app.js"), null, null)));

        assertThat(body.path("params").path("proxy").asText()).isEqualTo("js/app.js");
    }

    @Test
    void aRouteKeyTheCodeDoesNotServeIs404() {
        APIGatewayV2HTTPResponse response = router.handle(routed("GET /nowhere", "GET", "/nowhere", null, null, null));

        assertError(response, 404, "route_not_found");
        assertThat(response.getHeaders()).containsEntry("Content-Type", HttpResponses.JSON_CONTENT_TYPE);
        assertError(router.handle(routed("PUT /calls/{id}", "PUT", "/calls/1", Map.of("id", "1"), null, null)), 404,
                "route_not_found");
    }

    @Test
    void anEventWithoutRouteKeyIs404() {
        APIGatewayV2HTTPEvent event = event("GET", "/message", null, null);
        event.setRouteKey(null);

        assertError(router.handle(event), 404, "route_not_found");
    }

    @Test
    void routeKeyMethodCaseAndSpacingDoNotMatter() {
        assertThat(router.handle(routed("get  /message", "GET", "/message", null, null, null)).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void functionUrlEventsMatchLiteralRoutesWithOrWithoutTrailingSlash() {
        HttpRouter hooks = HttpRouter.builder()
                .route("POST", "/events", req -> HttpResponses.empty(202))
                .route("ANY", "/health", req -> HttpResponses.empty(204))
                .build();

        assertThat(hooks.handle(routed("$default", "POST", "/events", null, null, null)).getStatusCode()).isEqualTo(202);
        assertThat(hooks.handle(routed("$default", "POST", "/events/", null, null, null)).getStatusCode()).isEqualTo(202);
        assertThat(hooks.handle(routed("$default", "GET", "/health", null, null, null)).getStatusCode()).isEqualTo(204);
        assertError(hooks.handle(routed("$default", "GET", "/events", null, null, null)), 404, "route_not_found");
    }

    @Test
    void aDefaultRouteTakesWhatNothingElseDoes() {
        HttpRouter fallback = HttpRouter.builder()
                .route("GET", "/known", req -> HttpResponses.empty(200))
                .route("ANY", HttpRouter.DEFAULT_ROUTE, req -> HttpResponses.empty(204))
                .build();

        assertThat(fallback.handle(routed("$default", "GET", "/known", null, null, null)).getStatusCode()).isEqualTo(200);
        assertThat(fallback.handle(routed("$default", "GET", "/other", null, null, null)).getStatusCode()).isEqualTo(204);
    }

    @Test
    void anyIsItsOwnRouteKey() {
        HttpRouter mixed = HttpRouter.builder()
                .route("ANY", "/hook", req -> HttpResponses.empty(204))
                .route("POST", "/hook", req -> HttpResponses.empty(202))
                .build();

        assertThat(mixed.handle(routed("POST /hook", "POST", "/hook", null, null, null)).getStatusCode()).isEqualTo(202);
        assertThat(mixed.handle(routed("ANY /hook", "PATCH", "/hook", null, null, null)).getStatusCode()).isEqualTo(204);
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
        assertError(router.handle(json("POST", "/gpt", "{\"text\":")), 400, "malformed_json");
        assertError(router.handle(json("POST", "/gpt", "{\"text\":\"" + "x".repeat(100) + "\"}")), 413,
                "payload_too_large");
        assertError(router.handle(event("POST", "/gpt", Map.of("Content-Type", "text/plain"), "{}")), 415,
                "unsupported_media_type");
        APIGatewayV2HTTPResponse created = router.handle(json("POST", "/gpt", "{\"text\":\"hi\"}"));
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
        event.setRouteKey("GET /message");
        event.setRawPath("/message/");
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build())
                .build());

        assertThat(router.handle(event).getStatusCode()).isEqualTo(200);
    }

    @Test
    void routesThatApiGatewayCouldNotHoldOrDuplicatesAreRejectedAtBuildTime() {
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "no-slash", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().route("POST", "/gpt/", req -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not end with '/'");
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "/a//b", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "/{proxy+}/more", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "/a{b}", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder().route("GET", "/{a}/{a}", req -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRouter.builder()
                .route("GET", "/calls/{id}", req -> null)
                .route("get", "/calls/{id}", req -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate route GET /calls/{id}");
        assertThatThrownBy(() -> HttpRouter.builder().build()).isInstanceOf(IllegalStateException.class);
        HttpRouter.builder().route("GET", "/", req -> null).build();
    }

    @Test
    void routesAfterApiKeyNeedTheCurrentKeyPublicRoutesDoNot() {
        java.util.concurrent.atomic.AtomicReference<String> key = new java.util.concurrent.atomic.AtomicReference<>(
                "key-one-0123456789");
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        HttpRouter keyed = HttpRouter.builder()
                .apiKey(key::get)
                .route("GET", "/calls/{id}", req -> {
                    ran.incrementAndGet();
                    return HttpResponses.json(200, Map.of("id", req.pathParam("id").orElseThrow()));
                })
                .publicRoute("GET", "/health", req -> HttpResponses.json(200, Map.of("status", "ok")))
                .build();
        java.util.function.Function<Map<String, String>, APIGatewayV2HTTPResponse> get = headers -> keyed.handle(
                routed("GET /calls/{id}", "GET", "/calls/c1", Map.of("id", "c1"), headers, null));

        assertError(get.apply(Map.of()), 401, "unauthorized");
        assertError(get.apply(Map.of("x-api-key", "key-one-012345678")), 401, "unauthorized");
        assertError(get.apply(Map.of("authorization", "Basic key-one-0123456789")), 401, "unauthorized");
        assertThat(ran).as("no handler ran without the key").hasValue(0);
        assertThat(ok(get.apply(Map.of("x-api-key", "key-one-0123456789"))).path("id").asText()).isEqualTo("c1");
        assertThat(ok(get.apply(Map.of("authorization", "Bearer key-one-0123456789"))).path("id").asText())
                .isEqualTo("c1");
        assertThat(ok(keyed.handle(event("GET", "/health", Map.of(), null))).path("status").asText()).isEqualTo("ok");

        key.set("key-two-0123456789");
        assertError(get.apply(Map.of("x-api-key", "key-one-0123456789")), 401, "unauthorized");
        assertThat(ok(get.apply(Map.of("x-api-key", "key-two-0123456789"))).path("id").asText()).isEqualTo("c1");

        key.set("");
        assertError(get.apply(Map.of("x-api-key", "")), 401, "unauthorized");
        // Unknown routes stay 404 whether or not a key is sent, as at API Gateway.
        assertError(keyed.handle(routed("GET /nowhere", "GET", "/nowhere", null, Map.of(), null)), 404,
                "route_not_found");
    }

    @Test
    void credentialsAreBearerElseApiKeyElseTheQueryTokenWhereAllowed() {
        HttpRequest bearer = HttpRequest.of(event("POST", "/x", Map.of("authorization", "bearer  t-1 ",
                "x-api-key", "k-1"), null));
        assertThat(bearer.credential()).contains("t-1");
        HttpRequest apiKey = HttpRequest.of(event("POST", "/x", Map.of("x-api-key", " k-1 "), null));
        assertThat(apiKey.credential()).contains("k-1");
        APIGatewayV2HTTPEvent query = event("POST", "/x", Map.of(), null);
        query.setQueryStringParameters(Map.of("token", "q-1"));
        assertThat(HttpRequest.of(query).credential()).isEmpty();
        assertThat(HttpRequest.of(query).credentialOrQueryToken()).contains("q-1");
        assertThat(HttpRequest.of(event("POST", "/x", Map.of("authorization", "Bearer "), null)).credential())
                .isEmpty();
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
