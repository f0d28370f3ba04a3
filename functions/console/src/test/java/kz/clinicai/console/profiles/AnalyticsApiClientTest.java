package kz.clinicai.console.profiles;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's client of the analytics API against a stub of its HTTP answers. */
class AnalyticsApiClientTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final AnalyticsApiClient client = new AnalyticsApiClient(() -> "the-key");

    private URI base() {
        return URI.create(api.baseUrl() + "/");
    }

    @Test
    void sendsTheKeyAndTheProfileAndReadsTheAnswer() throws Exception {
        api.stubFor(post(urlEqualTo("/analytics/profiles")).withHeader("x-api-key", equalTo("the-key"))
                .withRequestBody(equalToJson("{\"profileId\":\"a\"}"))
                .willReturn(aResponse().withStatus(201).withBody("{\"profileId\":\"a\",\"version\":1}")));
        assertThat(client.create(base(), Json.mapper().readTree("{\"profileId\":\"a\"}")).path("version").asInt())
                .isEqualTo(1);
        api.verify(postRequestedFor(urlEqualTo("/analytics/profiles")).withHeader("content-type",
                equalTo("application/json")));
    }

    @Test
    void aRefusalCarriesTheApisErrorAndMessage() {
        api.stubFor(put(urlEqualTo("/analytics/profiles/a%20b")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"invalid_profile\",\"message\":\"profileId: bad; criteria: at least one\"}")));
        assertThatThrownBy(() -> client.update(base(), "a b", Json.mapper().createObjectNode()))
                .isInstanceOfSatisfying(AnalyticsApiClient.Failure.class, f -> {
                    assertThat(f.status()).isEqualTo(400);
                    assertThat(f.error()).isEqualTo("invalid_profile");
                    assertThat(f.getMessage()).isEqualTo("profileId: bad; criteria: at least one");
                });
    }

    @Test
    void aGatewaysPlainTextAnswerIsShownAsItsText() {
        api.stubFor(get(urlEqualTo("/analytics/profiles")).willReturn(aResponse().withStatus(502)
                .withBody("Internal Server Error")));
        assertThatThrownBy(() -> client.list(base())).isInstanceOfSatisfying(AnalyticsApiClient.Failure.class, f -> {
            assertThat(f.status()).isEqualTo(502);
            assertThat(f.error()).isEqualTo("http_502");
            assertThat(f.getMessage()).isEqualTo("Internal Server Error");
        });
    }

    @Test
    void noAnswerIs503Unavailable() {
        // A port nobody listens on: the connection is refused.
        assertThatThrownBy(() -> client.list(URI.create("http://127.0.0.1:1"))).isInstanceOfSatisfying(
                AnalyticsApiClient.Failure.class, f -> {
                    assertThat(f.status()).isEqualTo(503);
                    assertThat(f.error()).isEqualTo("analytics_unavailable");
                });
    }
}
