package kz.clinicai.local.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HttpApi route ({@code POST /voicebot/{clinic}/v1/}, {@code ANY /files/{proxy+}}, {@code $default}) and the
 * function behind it.
 */
record Route(String method, String path, String function) {

    boolean isDefault() {
        return path.equals("$default") || path.equals("/$default");
    }

    String routeKey() {
        return isDefault() ? "$default" : method + " " + path;
    }

    private List<String> segments() {
        return List.of(path.replaceFirst("^/", "").split("/", -1));
    }

    boolean greedy() {
        List<String> s = segments();
        return s.get(s.size() - 1).matches("\\{[^}]+\\+}");
    }

    long literalSegments() {
        return segments().stream().filter(s -> !s.startsWith("{")).count();
    }

    /** Path parameters when this route takes the request, decoded (the greedy one keeps its slashes). */
    Optional<Map<String, String>> match(String requestMethod, List<String> requestSegments) {
        if (!method.equals("ANY") && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        if (isDefault()) {
            return Optional.of(Map.of());
        }
        List<String> route = segments();
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < route.size(); i++) {
            String r = route.get(i);
            if (i == route.size() - 1 && r.matches("\\{[^}]+\\+}")) {
                if (i >= requestSegments.size() || requestSegments.get(i).isEmpty() && i == requestSegments.size() - 1) {
                    return Optional.empty();
                }
                params.put(r.substring(1, r.length() - 2), String.join("/", requestSegments.subList(i, requestSegments.size())));
                return Optional.of(params);
            }
            if (i >= requestSegments.size()) {
                return Optional.empty();
            }
            String value = requestSegments.get(i);
            if (r.startsWith("{") && r.endsWith("}")) {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                params.put(r.substring(1, r.length() - 1), value);
            } else if (!r.equals(value)) {
                return Optional.empty();
            }
        }
        return route.size() == requestSegments.size() ? Optional.of(params) : Optional.empty();
    }
}
