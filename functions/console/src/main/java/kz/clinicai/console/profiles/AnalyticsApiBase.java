package kz.clinicai.console.profiles;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import kz.clinicai.console.stack.StackApi;

/**
 * Where the analytics API is: ANALYTICS_API_URL when set, else the stack's own HTTP API the console's request came
 * through ({@link StackApi}: both functions are routes of the template's one HttpApi).
 */
public record AnalyticsApiBase(Optional<URI> configured) {

    public URI resolve(HttpServletRequest request) {
        return configured.or(() -> StackApi.of(request)).orElseThrow(() -> new AnalyticsApiClient.Failure(503,
                "analytics_unconfigured", "Адрес API аналитики не задан (ANALYTICS_API_URL)"));
    }
}
