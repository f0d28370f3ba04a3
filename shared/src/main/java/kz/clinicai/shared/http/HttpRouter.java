package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;

/** Placeholder until the shared-lib branch lands (same API): dispatch on the event's route key. */
public final class HttpRouter {
    @FunctionalInterface
    public interface RouteHandler {
        APIGatewayV2HTTPResponse handle(HttpRequest request);
    }

    private record Route(String method, String template, RouteHandler handler) {
    }

    private final List<Route> routes;

    private HttpRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : null;
        String key = event.getRouteKey();
        String path = event.getRawPath();
        for (Route route : routes) {
            boolean byKey = (route.method + " " + route.template).equals(key);
            boolean byPath = route.method.equalsIgnoreCase(method) && route.template.equals(path);
            if (byKey || byPath) {
                try {
                    return route.handler.handle(HttpRequest.of(event));
                } catch (ApiException e) {
                    return HttpResponses.error(e);
                }
            }
        }
        return HttpResponses.error(ApiException.notFound("not_found", "No such route"));
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        public Builder route(String method, String pathTemplate, RouteHandler handler) {
            routes.add(new Route(method, pathTemplate, handler));
            return this;
        }

        public HttpRouter build() {
            return new HttpRouter(routes);
        }
    }
}
