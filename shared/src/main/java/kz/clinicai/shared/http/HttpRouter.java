package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Dispatches HTTP API events to handlers by method and path template, and turns every failure into the
 * platform's JSON error model: a function with several routes (chat: POST /gpt/, GET /message/) gets one
 * entry point, and the local emulator, which sends every route to the same handler, behaves like API Gateway.
 *
 * <p>Templates use API Gateway's syntax: {@code /voicebot/{clinic}/v1/}, and a last segment {@code {proxy+}}
 * that takes the rest of the path. Matching is exact, trailing slash included. When several templates match,
 * the one with a literal segment earliest wins over a parameter, and a parameter over {@code {proxy+}}.
 */
public final class HttpRouter {

    private static final Logger LOG = LogManager.getLogger(HttpRouter.class);

    private final List<Route> routes;

    private HttpRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Never throws: unknown routes, {@link ApiException}s and bugs all become JSON error responses. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String requestId = "";
        String method = "";
        try {
            HttpRequest request = HttpRequest.of(event);
            requestId = request.requestId();
            method = request.method();
            String[] segments = PathTemplate.split(request.path());
            List<Matched> matches = new ArrayList<>();
            for (Route route : routes) {
                route.template.match(segments).ifPresent(params -> matches.add(new Matched(route, params)));
            }
            if (matches.isEmpty()) {
                throw ApiException.notFound("route_not_found", "No route for " + method + " " + request.path());
            }
            String requested = method;
            Optional<Matched> chosen = matches.stream()
                    .filter(m -> m.route.accepts(requested))
                    .min(Comparator.<Matched, PathTemplate>comparing(m -> m.route.template, PathTemplate.MOST_SPECIFIC_FIRST)
                            // A route for this very method is more specific than ANY on the same template.
                            .thenComparing(m -> m.route.method.equals("ANY")));
            if (chosen.isEmpty()) {
                String allow = matches.stream()
                        .map(m -> m.route.method)
                        .collect(Collectors.toCollection(TreeSet::new))
                        .stream()
                        .collect(Collectors.joining(", "));
                throw ApiException.methodNotAllowed("Method " + method + " is not allowed here; use " + allow)
                        .withHeader("Allow", allow);
            }
            Matched match = chosen.get();
            APIGatewayV2HTTPResponse response = match.route.handler.handle(request.withPathParams(match.params));
            return Objects.requireNonNull(response, "handler returned no response");
        } catch (ApiException e) {
            return HttpResponses.error(e);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.error("Unhandled error serving {} request {}", method, requestId, e);
            return HttpResponses.error(new ApiException(500, "internal_error",
                    "Internal error; quote request id " + (requestId.isEmpty() ? "(none)" : requestId)));
        }
    }

    private record Route(String method, PathTemplate template, RouteHandler handler) {

        boolean accepts(String requested) {
            return method.equals("ANY") || method.equals(requested);
        }
    }

    private record Matched(Route route, Map<String, String> params) {
    }

    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a route. {@code method} is an HTTP method or {@code ANY}; {@code template} starts with "/".
         *
         * @throws IllegalArgumentException for a malformed template or a method and template already routed
         */
        public Builder route(String method, String template, RouteHandler handler) {
            String normalized = Objects.requireNonNull(method, "method").trim().toUpperCase(Locale.ROOT);
            if (normalized.isEmpty()) {
                throw new IllegalArgumentException("method is blank");
            }
            PathTemplate parsed = PathTemplate.parse(template);
            Objects.requireNonNull(handler, "handler");
            for (Route existing : routes) {
                if (existing.method.equals(normalized) && existing.template.sameShape(parsed)) {
                    throw new IllegalArgumentException(
                            "Duplicate route " + normalized + " " + template + " (already " + existing.template + ")");
                }
            }
            routes.add(new Route(normalized, parsed, handler));
            return this;
        }

        public HttpRouter build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("A router needs at least one route");
            }
            return new HttpRouter(routes);
        }
    }
}
