package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import kz.clinicai.shared.secrets.ConstantTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches HTTP API events to handlers by the route API Gateway matched, and turns every failure into the
 * platform's JSON error model: a function with several routes (chat: POST /gpt, GET /message) gets one entry
 * point.
 *
 * <p>API Gateway (and the local emulator) already chose the route: the payload 2.0 event names it in
 * {@code routeKey} ("POST /voicebot/{clinic}/v1") and fills {@code pathParameters}. This router only looks the
 * route key up, so it cannot disagree with the gateway about trailing slashes, empty segments or precedence.
 * A route is declared with the same method and template as its HttpApi event in template.yaml; templates never
 * end in "/" (API Gateway cannot hold such a route; a route {@code /x} also serves {@code /x/}).
 *
 * <p>A function URL (and a {@code $default} route) sends {@code routeKey "$default"}: nobody matched a path, so
 * for those events the router takes the literal route whose template equals the request path (a trailing slash
 * ignored, as API Gateway does), then the route declared as {@code $default}. Templates with parameters are not
 * matched there; declare them in template.yaml.
 *
 * <p>API keys are checked here, once for every API ({@link Builder#apiKey}): after the route is found (an unknown
 * route is a 404 whoever asks, as at API Gateway) and before the handler runs, so no handler can forget it.
 */
public final class HttpRouter {

    /** The route key API Gateway sends for the $default route and every function URL. */
    public static final String DEFAULT_ROUTE = "$default";

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\+?)}");

    private final Map<String, RouteHandler> routes;

    private HttpRouter(Map<String, RouteHandler> routes) {
        this.routes = Map.copyOf(routes);
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
            RouteHandler handler = find(event.getRouteKey(), method, request.path());
            APIGatewayV2HTTPResponse response = handler.handle(request);
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

    private RouteHandler find(String routeKey, String method, String path) {
        if (routeKey == null || routeKey.isBlank()) {
            throw ApiException.notFound("route_not_found", "The event names no route (routeKey)");
        }
        String key = key(routeKey);
        RouteHandler handler = key.equals(DEFAULT_ROUTE) ? null : routes.get(key);
        if (key.equals(DEFAULT_ROUTE)) {
            String literal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            handler = routes.get(method + " " + literal);
            if (handler == null) {
                handler = routes.get("ANY " + literal);
            }
            if (handler == null) {
                handler = routes.get(DEFAULT_ROUTE);
            }
        }
        if (handler == null) {
            // The template routes something here that the code does not: a deployment mismatch, not the caller's.
            LOG.warn("No handler for route key {} ({} {})", routeKey, method, path);
            throw ApiException.notFound("route_not_found", "No route for " + method + " " + path);
        }
        return handler;
    }

    /** "post  /gpt" and "POST /gpt" are the same key; "$default" stays as it is. */
    private static String key(String routeKey) {
        String trimmed = routeKey.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return trimmed;
        }
        return trimmed.substring(0, space).toUpperCase(Locale.ROOT) + " " + trimmed.substring(space + 1).trim();
    }

    /** Answers 401 unless the request presents the current key; the key is asked for on every request (rotation). */
    private static RouteHandler keyed(Supplier<String> expected, RouteHandler handler) {
        return request -> {
            String key = expected.get();
            if (key == null || key.isBlank()) {
                // The secret is missing or empty: nobody can be let in, and it is the deployment's fault.
                LOG.error("The API key of {} {} is not configured; every request is refused", request.method(),
                        request.path());
                throw ApiException.unauthorized("Missing or wrong API key (x-api-key)");
            }
            if (!ConstantTime.equals(request.credential().orElse(""), key)) {
                throw ApiException.unauthorized("Missing or wrong API key (x-api-key)");
            }
            return handler.handle(request);
        };
    }

    public static final class Builder {

        private final Map<String, RouteHandler> routes = new LinkedHashMap<>();
        private Supplier<String> apiKey;

        private Builder() {
        }

        /**
         * Every route added with {@link #route} after this call needs {@code expected} as {@code X-Api-Key} (or
         * {@code Authorization: Bearer}); others are refused with 401 before their handler runs. The supplier is
         * asked on every request, so a rotated secret (cached by SecretStore with a TTL) applies without a deploy.
         * Routes that must stay open (health) are added with {@link #publicRoute}.
         */
        public Builder apiKey(Supplier<String> expected) {
            this.apiKey = Objects.requireNonNull(expected, "expected");
            return this;
        }

        /** A route that needs no API key even when {@link #apiKey} is set (health checks, the widget's origin). */
        public Builder publicRoute(String method, String template, RouteHandler handler) {
            return add(method, template, handler);
        }

        /**
         * Adds a route: the {@code Method} and {@code Path} of an HttpApi event in template.yaml. {@code method} is
         * an HTTP method or {@code ANY}; {@code template} starts with "/" and does not end with one (API Gateway's
         * syntax, {@code /calls/{id}}, a last {@code {proxy+}}), or is {@code $default}.
         *
         * @throws IllegalArgumentException for a malformed template or a route key already routed
         */
        public Builder route(String method, String template, RouteHandler handler) {
            Objects.requireNonNull(handler, "handler");
            return add(method, template, apiKey == null ? handler : keyed(apiKey, handler));
        }

        private Builder add(String method, String template, RouteHandler handler) {
            String normalized = Objects.requireNonNull(method, "method").trim().toUpperCase(Locale.ROOT);
            if (normalized.isEmpty() || normalized.contains(" ")) {
                throw new IllegalArgumentException("method is blank or malformed: '" + method + "'");
            }
            Objects.requireNonNull(handler, "handler");
            String key = DEFAULT_ROUTE.equals(template) ? DEFAULT_ROUTE : normalized + " " + validated(template);
            if (routes.putIfAbsent(key, handler) != null) {
                throw new IllegalArgumentException("Duplicate route " + key);
            }
            return this;
        }

        public HttpRouter build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("A router needs at least one route");
            }
            return new HttpRouter(routes);
        }

        /** The rules API Gateway applies to a route path, so a route here is one that can exist there. */
        private static String validated(String template) {
            if (template == null || !template.startsWith("/")) {
                throw new IllegalArgumentException("A path template starts with '/': " + template);
            }
            if (template.length() > 1 && template.endsWith("/")) {
                throw new IllegalArgumentException("A path template does not end with '/' (HTTP API cannot hold "
                        + "such a route; /x serves /x/ too): " + template);
            }
            String[] parts = template.substring(1).split("/", -1);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                var matcher = PARAM.matcher(part);
                if (matcher.matches()) {
                    if (!matcher.group(2).isEmpty() && i != parts.length - 1) {
                        throw new IllegalArgumentException("{" + matcher.group(1) + "+} must be the last segment: "
                                + template);
                    }
                    if (!names.add(matcher.group(1))) {
                        throw new IllegalArgumentException("Parameter " + matcher.group(1) + " repeats in " + template);
                    }
                } else if (part.contains("{") || part.contains("}")) {
                    throw new IllegalArgumentException("A parameter takes a whole segment: " + template);
                } else if (part.isEmpty() && template.length() > 1) {
                    throw new IllegalArgumentException("Empty segment in " + template);
                }
            }
            return template;
        }
    }
}
