package kz.clinicai.console.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack's own API: API Gateway's domain over https; a Host header a client writes never counts. */
class StackApiTest {

    private static HttpServletRequest request(String domain, Map<String, String> headers) {
        HttpApiV2ProxyRequestContext context = new HttpApiV2ProxyRequestContext();
        context.setDomainName(domain);
        return (HttpServletRequest) Proxy.newProxyInstance(StackApiTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> StackApi.HTTP_API_CONTEXT.equals(args[0]) && domain != null ? context : null;
                    case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
                    default -> null;
                });
    }

    @Test
    void theApiGatewayDomainOverHttpsWhateverTheHostHeaderSays() {
        assertThat(StackApi.of(request("abc123.execute-api.eu-central-1.amazonaws.com",
                Map.of("host", "evil.example", "x-forwarded-port", "8080"))))
                .contains(URI.create("https://abc123.execute-api.eu-central-1.amazonaws.com"));
        assertThat(StackApi.of(request("api.clinic.kz:443", Map.of()))).contains(URI.create("https://api.clinic.kz"));
    }

    @Test
    void onlyTheLocalEmulatorsLoopbackIsPlainHttpOnItsPort() {
        assertThat(StackApi.of(request("127.0.0.1", Map.of("x-forwarded-port", "39123"))))
                .contains(URI.create("http://127.0.0.1:39123"));
    }

    @Test
    void noContextOrAMalformedDomainIsNoApi() {
        assertThat(StackApi.of(request(null, Map.of("host", "abc.execute-api.eu-central-1.amazonaws.com")))).isEmpty();
        for (String bad : new String[] {"", "evil.example/x?", "user@evil.example", "a b"}) {
            assertThat(StackApi.of(request(bad, Map.of()))).as(bad).isEmpty();
        }
    }
}
