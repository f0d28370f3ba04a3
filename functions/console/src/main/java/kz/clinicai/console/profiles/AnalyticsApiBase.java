package kz.clinicai.console.profiles;

import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where the analytics API is: ANALYTICS_API_URL when set, else the HTTP API the console's own request came through —
 * both functions are routes of the template's one HttpApi, whose URL the console's environment cannot name (the
 * API's routes depend on the function: a cycle). The domain is API Gateway's request context (not the Host header a
 * client writes), always over https on its default port; only a loopback domain (the local API emulator) is plain
 * http on the port the emulator reports, so no header a client sets can send the key anywhere else or unencrypted.
 */
public record AnalyticsApiBase(Optional<URI> configured) {

    /** aws-serverless-java-container's request attribute holding the HTTP API's request context. */
    static final String HTTP_API_CONTEXT = "com.amazonaws.httpapi.request.context";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    public URI resolve(HttpServletRequest request) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (request.getAttribute(HTTP_API_CONTEXT) instanceof HttpApiV2ProxyRequestContext c
                && c.getDomainName() != null && c.getDomainName().matches("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[::1](:\\d{1,5})?")) {
            String domain = c.getDomainName();
            int colon = domain.lastIndexOf(':');
            String host = colon > 0 && !domain.endsWith("]") ? domain.substring(0, colon) : domain;
            if (LOOPBACK.contains(host)) {
                String port = request.getHeader("x-forwarded-port");
                return URI.create("http://" + host + (port != null && port.matches("\\d{1,5}") ? ":" + port : ""));
            }
            return URI.create("https://" + host);
        }
        throw new AnalyticsApiClient.Failure(503, "analytics_unconfigured",
                "Адрес API аналитики не задан (ANALYTICS_API_URL)");
    }
}
