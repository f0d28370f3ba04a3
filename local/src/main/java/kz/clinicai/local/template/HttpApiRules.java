package kz.clinicai.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * HTTP API routes and CORS: routes API Gateway can hold (no path ending in '/'), one route key per API, and a
 * CorsConfiguration.AllowHeaders that lets browsers send what each handler requires.
 */
final class HttpApiRules {

    private final ContractRun run;
    private final SamTemplate template;
    private final ClassLoader loader;
    private final Intrinsics intrinsics;

    HttpApiRules(ContractRun run) {
        this.run = run;
        this.template = run.template;
        this.loader = run.loader;
        this.intrinsics = run.intrinsics;
    }

    private void fail(String resource, String message) {
        run.fail(resource, message);
    }

    /**
     * An HTTP API cannot hold a route path that ends in "/": SAM then creates the integration and the permission
     * but no route, without an error, and the URL answers 404 once deployed. A route {@code /x} serves {@code /x/}.
     */
    void checkHttpApiPathsHaveNoTrailingSlash() {
        for (FunctionDef f : template.functions()) {
            for (EventSource.HttpApiRoute route : f.events(EventSource.HttpApiRoute.class)) {
                String path = route.path();
                if (path.length() > 1 && path.endsWith("/")) {
                    fail(f.logicalId(), "HttpApi event " + route.name() + ": Path " + path + " ends in '/', which an "
                            + "HTTP API cannot hold (SAM makes no route for it); declare " + path.replaceAll("/+$", "")
                            + ", which serves " + path + " too");
                }
            }
        }
    }

    /** One route key per API: a second event with it (parameter names aside) would never be reached. */
    void checkHttpApiRouteKeysAreUnique() {
        Map<String, String> seen = new HashMap<>();
        for (FunctionDef f : template.functions()) {
            for (EventSource.HttpApiRoute route : f.events(EventSource.HttpApiRoute.class)) {
                String shape = route.path().replaceAll("\\{[^}]*?(\\+?)}", "{$1}");
                String owner = f.logicalId() + " event " + route.name();
                String previous = seen.putIfAbsent(route.api() + " " + route.method() + " " + shape, owner);
                if (previous != null) {
                    fail(f.logicalId(), "HttpApi event " + route.name() + ": route key " + route.method() + " "
                            + route.path() + " on " + route.api() + " is already declared by " + previous);
                }
            }
        }
    }

    /**
     * The headers a handler needs from browsers ({@link kz.clinicai.shared.http.CorsRequestHeaders}) must be in
     * the CorsConfiguration.AllowHeaders of every HTTP API its routes are on: API Gateway answers the preflight
     * from that list alone, so a missing header breaks every cross-origin call before the function runs.
     */
    void checkCorsAllowsHandlerHeaders() {
        for (FunctionDef f : template.functions()) {
            List<EventSource.HttpApiRoute> routes = f.events(EventSource.HttpApiRoute.class);
            if (routes.isEmpty() || f.handlerClass() == null) {
                continue;
            }
            kz.clinicai.shared.http.CorsRequestHeaders required;
            try {
                required = Class.forName(f.handlerClass(), false, loader)
                        .getAnnotation(kz.clinicai.shared.http.CorsRequestHeaders.class);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // the handler rule reports it
            }
            if (required == null) {
                continue;
            }
            Map<String, List<String>> eventsByApi = new LinkedHashMap<>();
            routes.forEach(r -> eventsByApi.computeIfAbsent(r.api(), k -> new ArrayList<>()).add(r.name()));
            eventsByApi.forEach((api, events) -> {
                Object cors = template.httpApiCors(api);
                Set<String> allowed = cors instanceof Map<?, ?> c ? allowHeaders(intrinsics.resolve(c.get("AllowHeaders")))
                        : Set.of();
                Set<String> missing = new TreeSet<>();
                for (String header : required.value()) {
                    String name = header.toLowerCase(java.util.Locale.ROOT);
                    if (!allowed.contains("*") && !allowed.contains(name)) {
                        missing.add(name);
                    }
                }
                if (!missing.isEmpty()) {
                    fail(f.logicalId(), "HttpApi event(s) " + String.join(", ", events) + " on " + api + ": "
                            + (cors == null ? "the API has no CorsConfiguration" : "CorsConfiguration.AllowHeaders lacks "
                            + String.join(", ", missing)) + ", which " + f.handlerClass().replaceAll(".*\\.", "")
                            + " requires from browsers (@CorsRequestHeaders); their preflights would be refused");
                }
            });
        }
    }

    /** A list, or a CommaDelimitedList parameter's comma-joined value. */
    private static Set<String> allowHeaders(Object headers) {
        Set<String> out = new TreeSet<>();
        List<?> items = headers instanceof List<?> list ? list : headers == null ? List.of()
                : Arrays.asList(String.valueOf(headers).split(","));
        items.forEach(h -> out.add(String.valueOf(h).trim().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }
}
