package kz.clinicai.console.calls;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The calls API's base URL when CALLS_API_URL is unset: the stack's own HTTP API, which is the one the console's
 * request came in on ({@code https://<Host>}). The template cannot name the API in the console's environment: the API
 * routes to the console, so the console referring to the API would be a circular dependency CloudFormation refuses.
 * API Gateway routes a request by its Host, so the Host a request reaches the console with is the API's own domain
 * (execute-api or a custom domain); anything that is not a plain host name is refused.
 */
final class SameOrigin implements Supplier<URI> {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?");

    @Override
    public URI get() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new CallsApiClient.Unavailable("CALLS_API_URL не задан, а запроса, от которого его взять, нет", null);
        }
        return of(attributes.getRequest());
    }

    static URI of(HttpServletRequest request) {
        String host = request.getHeader("host");
        if (host == null || !HOST.matcher(host).matches()) {
            throw new CallsApiClient.Unavailable("адрес API звонков не определить (заголовок Host)", null);
        }
        return URI.create("https://" + host);
    }
}
