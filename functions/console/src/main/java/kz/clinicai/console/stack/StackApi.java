package kz.clinicai.console.stack;

import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The base URL of the stack's own HTTP API, which the console's pages call (calls API, analytics API) when no URL is
 * configured. The template cannot name the API in the console's environment: the API routes to the console, so the
 * console referring to the API is a circular dependency CloudFormation refuses. The console's request came in
 * through that API, so its domain is taken from API Gateway's request context (set by API Gateway, not a header a
 * client writes), always over https on the default port; only a loopback domain (the local API emulator) is plain
 * http on the port the emulator reports. No header a client sets can send an API key elsewhere or unencrypted.
 */
public final class StackApi {

    /** aws-serverless-java-container's request attribute holding the HTTP API's request context. */
    static final String HTTP_API_CONTEXT = "com.amazonaws.httpapi.request.context";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[::1](:\\d{1,5})?");

    private StackApi() {
    }

    /** The API the request came through; empty when the request carries no API Gateway context. */
    public static Optional<URI> of(HttpServletRequest request) {
        if (!(request.getAttribute(HTTP_API_CONTEXT) instanceof HttpApiV2ProxyRequestContext context)
                || context.getDomainName() == null || !DOMAIN.matcher(context.getDomainName()).matches()) {
            return Optional.empty();
        }
        String domain = context.getDomainName();
        int colon = domain.lastIndexOf(':');
        String host = colon > 0 && !domain.endsWith("]") ? domain.substring(0, colon) : domain;
        if (LOOPBACK.contains(host)) {
            String port = request.getHeader("x-forwarded-port");
            return Optional.of(URI.create("http://" + host + (port != null && port.matches("\\d{1,5}") ? ":" + port : "")));
        }
        return Optional.of(URI.create("https://" + host));
    }
}
