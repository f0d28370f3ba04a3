package kz.clinicai.calls.voximplant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VoximplantApiTest {

    @RegisterExtension
    static WireMockExtension vox = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static VoximplantCredentials credentials;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        credentials = VoximplantCredentials.parse(Json.mapper().writeValueAsString(
                Map.of("account_id", 42, "key_id", "k", "private_key", pem)));
    }

    private VoximplantApi api() {
        return new VoximplantApi(URI.create(vox.baseUrl() + "/platform_api"), () -> credentials, Clock.systemUTC(),
                Duration.ofSeconds(2), 2);
    }

    @Test
    void startScenariosSendsTheRuleAndOnlyTheCallIdAndRetriesA429() {
        vox.stubFor(post(urlEqualTo("/platform_api/GetRules")).willReturn(aResponse().withBody(
                "{\"result\":[{\"rule_id\":3002,\"rule_name\":\"outbound-ai-call\"}],\"total_count\":1,\"count\":1}")));
        vox.stubFor(post(urlEqualTo("/platform_api/StartScenarios")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        vox.stubFor(post(urlEqualTo("/platform_api/StartScenarios")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withBody("{\"result\":1,\"media_session_access_url\":\"https://x\","
                        + "\"call_session_history_id\":987}")));

        String session = new VoximplantScenarioStarter(api(), "clinicai-calls", "outbound-ai-call").start("call_1");

        assertThat(session).isEqualTo("987");
        vox.verify(2, postRequestedFor(urlEqualTo("/platform_api/StartScenarios"))
                .withRequestBody(matching("rule_id=3002&script_custom_data=call_1"))
                .withHeader("Authorization", matching("Bearer [^.]+\\.[^.]+\\.[^.]+")));
        vox.verify(1, postRequestedFor(urlEqualTo("/platform_api/GetRules"))
                .withRequestBody(containing("application_name=clinicai-calls")));
    }

    @Test
    void anErrorObjectIsNotRetried() {
        vox.stubFor(post(urlEqualTo("/platform_api/StartScenarios")).willReturn(aResponse().withBody(
                "{\"error\":{\"code\":100,\"msg\":\"Authorization failed\"}}")));
        assertThatThrownBy(() -> api().call("StartScenarios", VoximplantApi.params("rule_id", "1")))
                .isInstanceOf(VoximplantException.class).hasMessageContaining("Authorization failed")
                .satisfies(e -> assertThat(((VoximplantException) e).retryable()).isFalse());
        vox.verify(1, postRequestedFor(urlEqualTo("/platform_api/StartScenarios")));
    }

    @Test
    void startScenariosThatMayHaveRunIsNotRepeated() {
        vox.stubFor(post(urlEqualTo("/platform_api/StartScenarios")).willReturn(aResponse().withStatus(502)));
        VoximplantApi patient = new VoximplantApi(URI.create(vox.baseUrl() + "/platform_api"), () -> credentials,
                Clock.systemUTC(), Duration.ofSeconds(30), 2);
        assertThatThrownBy(() -> patient.call("StartScenarios", VoximplantApi.params("rule_id", "1")))
                .isInstanceOf(VoximplantException.class).hasMessageContaining("502");
        vox.verify(1, postRequestedFor(urlEqualTo("/platform_api/StartScenarios")));

        vox.resetAll();
        vox.stubFor(post(urlEqualTo("/platform_api/StartScenarios")).willReturn(aResponse().withFixedDelay(3000)
                .withBody("{\"result\":1}")));
        assertThatThrownBy(() -> api().call("StartScenarios", VoximplantApi.params("rule_id", "1")))
                .isInstanceOf(VoximplantException.class).hasMessageContaining("timed out");
        vox.verify(1, postRequestedFor(urlEqualTo("/platform_api/StartScenarios")));
    }

    @Test
    void persistent5xxGivesUpAfterTheRetries() {
        vox.stubFor(post(urlEqualTo("/platform_api/GetApplications")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> api().call("GetApplications", Map.of()))
                .isInstanceOf(VoximplantException.class)
                .satisfies(e -> assertThat(((VoximplantException) e).retryable()).isTrue());
        vox.verify(3, postRequestedFor(urlEqualTo("/platform_api/GetApplications")));
    }
}
