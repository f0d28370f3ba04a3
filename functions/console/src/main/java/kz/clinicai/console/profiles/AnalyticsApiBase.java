package kz.clinicai.console.profiles;

import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;

/**
 * Where the analytics API is: ANALYTICS_API_URL when set, else the HTTP API the console's own request came through —
 * both functions are routes of the template's one HttpApi, whose URL the console's environment cannot name (the
 * API's routes depend on the function: a cycle). The domain is API Gateway's request context (not the Host header a
 * client writes); scheme and port are the {@code x-forwarded-proto}/{@code -port} API Gateway adds (https, 443;
 * the local API emulator: http and its port).
 */
public record AnalyticsApiBase(Optional<URI> configured) {

    /** aws-serverless-java-container's request attribute holding the HTTP API's request context. */
    static final String HTTP_API_CONTEXT = "com.amazonaws.httpapi.request.context";

    public URI resolve(HttpServletRequest request) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (request.getAttribute(HTTP_API_CONTEXT) instanceof HttpApiV2ProxyRequestContext c
                && c.getDomainName() != null && c.getDomainName().matches("[A-Za-z0-9.-]+(:\\d{1,5})?")) {
            String proto = "http".equals(request.getHeader("x-forwarded-proto")) ? "http" : "https";
            String port = request.getHeader("x-forwarded-port");
            String host = c.getDomainName().contains(":") ? c.getDomainName().substring(0, c.getDomainName().indexOf(':'))
                    : c.getDomainName();
            boolean defaultPort = port == null || !port.matches("\\d{1,5}")
                    || (proto.equals("https") && port.equals("443")) || (proto.equals("http") && port.equals("80"));
            return URI.create(proto + "://" + host + (defaultPort ? "" : ":" + port));
        }
        throw new AnalyticsApiClient.Failure(503, "analytics_unconfigured",
                "Адрес API аналитики не задан (ANALYTICS_API_URL)");
    }
}
