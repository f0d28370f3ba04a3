package kz.clinicai.console.calls;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.function.Supplier;
import kz.clinicai.console.stack.StackApi;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The calls API's base URL when CALLS_API_URL is unset: the stack's own HTTP API the console's current request came
 * through ({@link StackApi}).
 */
final class SameOrigin implements Supplier<URI> {

    @Override
    public URI get() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new CallsApiClient.Unavailable("CALLS_API_URL не задан, а запроса, от которого его взять, нет", null);
        }
        return of(attributes.getRequest());
    }

    static URI of(HttpServletRequest request) {
        return StackApi.of(request).orElseThrow(() -> new CallsApiClient.Unavailable(
                "адрес API звонков не определить: CALLS_API_URL не задан, а запрос пришёл не через API Gateway", null));
    }
}
