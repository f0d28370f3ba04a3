package kz.clinicai.local.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP API's CorsConfiguration, applied the way API Gateway applies it: a preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered by the gateway itself and never reaches a
 * function; every other response to a request with an allowed {@code Origin} gets {@code Access-Control-Allow-Origin}
 * (and the exposed headers, credentials), and CORS headers a function returns are dropped.
 */
record CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                  List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {

    static final CorsPolicy NONE = new CorsPolicy(List.of(), List.of(), List.of(), List.of(), null, false);

    boolean enabled() {
        return !allowOrigins.isEmpty();
    }

    /**
     * From a resolved SAM {@code CorsConfiguration}: {@code true} (any origin), or the object with AllowOrigins,
     * AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials; a CommaDelimitedList parameter may
     * arrive as one comma-joined string.
     */
    static CorsPolicy of(Object configuration) {
        if (configuration == null || Boolean.FALSE.equals(configuration) || "false".equals(configuration)) {
            return NONE;
        }
        if (Boolean.TRUE.equals(configuration) || "true".equals(configuration)) {
            return new CorsPolicy(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
        }
        if (!(configuration instanceof Map<?, ?> c)) {
            throw new IllegalArgumentException("CorsConfiguration is neither true nor an object: " + configuration);
        }
        Object maxAge = c.get("MaxAge");
        return new CorsPolicy(list(c.get("AllowOrigins")), upper(list(c.get("AllowMethods"))),
                lower(list(c.get("AllowHeaders"))), list(c.get("ExposeHeaders")),
                maxAge == null ? null : Integer.valueOf(String.valueOf(maxAge)),
                Boolean.parseBoolean(String.valueOf(c.get("AllowCredentials"))));
    }

    /** The gateway's own answer when this is a preflight; empty when the request goes on to the route. */
    Optional<HttpResponses> preflight(WireRequest request) {
        Optional<String> origin = request.header("Origin");
        Optional<String> requestedMethod = request.header("Access-Control-Request-Method");
        if (!enabled() || !request.method().equals("OPTIONS") || origin.isEmpty() || requestedMethod.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        // Refused: a 204 without CORS headers, so the browser blocks the call (it gives the page no reason).
        if (originAllowed(origin.get()) && methodAllowed(requestedMethod.get())
                && headersAllowed(request.header("Access-Control-Request-Headers").orElse(""))) {
            allowOrigin(origin.get(), headers);
            headers.put("Access-Control-Allow-Methods", List.of(String.join(",", allowMethods)));
            if (!allowHeaders.isEmpty()) {
                headers.put("Access-Control-Allow-Headers", List.of(String.join(",", allowHeaders)));
            }
            if (maxAge != null) {
                headers.put("Access-Control-Max-Age", List.of(String.valueOf(maxAge)));
            }
        }
        return Optional.of(new HttpResponses(204, headers, new byte[0]));
    }

    /** The response with the gateway's CORS headers instead of whatever CORS headers the function set. */
    HttpResponses apply(WireRequest request, HttpResponses response) {
        if (!enabled()) {
            return response;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!name.toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                headers.put(name, values);
            }
        });
        Optional<String> origin = request.header("Origin");
        if (origin.isPresent() && originAllowed(origin.get())) {
            allowOrigin(origin.get(), headers);
            if (!exposeHeaders.isEmpty()) {
                headers.put("Access-Control-Expose-Headers", List.of(String.join(",", exposeHeaders)));
            }
        }
        return new HttpResponses(response.status(), headers, response.body());
    }

    private void allowOrigin(String origin, Map<String, List<String>> headers) {
        boolean any = allowOrigins.contains("*") && !allowCredentials;
        headers.put("Access-Control-Allow-Origin", List.of(any ? "*" : origin));
        if (!any) {
            // The answer depends on Origin: caches must keep one per origin.
            List<String> vary = new ArrayList<>(headers.getOrDefault("Vary", List.of()));
            if (vary.stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("origin"))) {
                vary.add("Origin");
            }
            headers.put("Vary", vary);
        }
        if (allowCredentials) {
            headers.put("Access-Control-Allow-Credentials", List.of("true"));
        }
    }

    boolean originAllowed(String origin) {
        for (String allowed : allowOrigins) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin)) {
                return true;
            }
            // API Gateway takes one wildcard for subdomains: https://*.example.com
            if (allowed.contains("*") && Pattern.compile(Arrays.stream(allowed.split("\\*", -1))
                    .map(Pattern::quote).collect(Collectors.joining("[^/]+")), Pattern.CASE_INSENSITIVE)
                    .matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }

    private boolean methodAllowed(String method) {
        String m = method.trim().toUpperCase(Locale.ROOT);
        return allowMethods.contains("*") || allowMethods.contains(m);
    }

    /** Every header the browser asks for must be allowed (names are case-insensitive). */
    boolean headersAllowed(String requested) {
        if (allowHeaders.contains("*")) {
            return true;
        }
        for (String name : requested.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (!n.isEmpty() && !allowHeaders.contains(n)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items) {
            List<String> out = new ArrayList<>();
            items.forEach(i -> out.addAll(list(i)));
            return out;
        }
        return Arrays.stream(String.valueOf(value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
