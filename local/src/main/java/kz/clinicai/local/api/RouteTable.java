package kz.clinicai.local.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.template.EventSource;
import kz.clinicai.local.template.SamTemplate;

/**
 * Every HttpApi route of every function, matched the way HTTP APIs choose: the most specific route wins (no
 * greedy variable before a greedy one, more literal segments first, an exact method before ANY), $default last.
 */
final class RouteTable {

    private static final Comparator<Route> SPECIFIC_FIRST = Comparator
            .comparing(Route::isDefault)
            .thenComparing(Route::greedy)
            .thenComparing(Comparator.comparingLong(Route::literalSegments).reversed())
            .thenComparing(r -> r.method().equals("ANY"));

    private final List<Route> routes;

    RouteTable(SamTemplate template) {
        List<Route> all = new ArrayList<>();
        template.functions().forEach(f -> f.events(EventSource.HttpApiRoute.class).forEach(e ->
                all.add(new Route(e.method(), e.path(), f.logicalId()))));
        all.sort(SPECIFIC_FIRST);
        this.routes = List.copyOf(all);
    }

    List<Route> routes() {
        return routes;
    }

    record Match(Route route, Map<String, String> pathParameters) {
    }

    /**
     * The route API Gateway would choose. A route path never ends in "/" (the template contract sees to that), and
     * a deployed HTTP API serves route {@code /x} for both {@code /x} and {@code /x/}: one trailing slash of the
     * request is not part of the match (rawPath keeps it).
     */
    Optional<Match> find(String method, String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1)
                : rawPath;
        List<String> segments = new ArrayList<>();
        for (String s : path.replaceFirst("^/", "").split("/", -1)) {
            segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(method, segments);
            if (params.isPresent()) {
                return Optional.of(new Match(route, new LinkedHashMap<>(params.get())));
            }
        }
        return Optional.empty();
    }
}
