package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Serves one route of an {@link HttpRouter}; may throw {@link ApiException} for the caller's mistakes. */
@FunctionalInterface
public interface RouteHandler {

    APIGatewayV2HTTPResponse handle(HttpRequest request);
}
