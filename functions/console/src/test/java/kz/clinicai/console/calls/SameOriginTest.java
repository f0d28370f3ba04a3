package kz.clinicai.console.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The calls API of the stack the console's request came in on: https and the request's Host, nothing else. */
class SameOriginTest {

    private static HttpServletRequest withHost(String host) {
        return (HttpServletRequest) Proxy.newProxyInstance(SameOriginTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) ->
                        method.getName().equals("getHeader") && "host".equalsIgnoreCase((String) args[0]) ? host : null);
    }

    @Test
    void theApisOwnDomainOverHttps() {
        assertThat(SameOrigin.of(withHost("abc123.execute-api.eu-central-1.amazonaws.com")))
                .isEqualTo(URI.create("https://abc123.execute-api.eu-central-1.amazonaws.com"));
    }

    @Test
    void aHostThatIsNotAPlainHostNameIsRefused() {
        for (String bad : new String[] {null, "", "evil.example/x?", "user@evil.example", "a b"}) {
            assertThatThrownBy(() -> SameOrigin.of(withHost(bad))).as(String.valueOf(bad))
                    .isInstanceOf(CallsApiClient.Unavailable.class);
        }
    }
}
