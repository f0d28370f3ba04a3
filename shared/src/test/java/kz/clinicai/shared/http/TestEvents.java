package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** Payload format 2.0 events as API Gateway builds them. */
final class TestEvents {

    private TestEvents() {
    }

    static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, String body) {
        return routed(method + " " + path, method, path, null, headers, body);
    }

    /**
     * What API Gateway sends when route {@code routeKey} matched {@code rawPath}: the route key as declared,
     * the path as the client sent it, and the path parameters (null when the route has none).
     */
    static APIGatewayV2HTTPEvent routed(String routeKey, String method, String rawPath,
                                        Map<String, String> pathParameters, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(rawPath)
                .withHeaders(headers)
                .withPathParameters(pathParameters)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("req-123")
                        .withRouteKey(routeKey)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(rawPath)
                                .withSourceIp("203.0.113.7")
                                .build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPEvent json(String method, String path, String body) {
        return event(method, path, Map.of("content-type", "application/json"), body);
    }
}
