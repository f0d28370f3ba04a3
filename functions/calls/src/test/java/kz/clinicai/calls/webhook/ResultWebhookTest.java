package kz.clinicai.calls.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResultWebhookTest {

    @RegisterExtension
    static WireMockExtension customer = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Call CALL = new Call("call_" + "b".repeat(32), "+77011234567", CallStatus.COMPLETED, "asr", "ru",
            null, null, Map.of("lead", "42"), "2026-11-30T08:00:00Z", "2026-11-30T08:01:00Z", 1, null, "s",
            List.of(new Turn("user", "Да", "2026-11-30T08:00:10Z", null)), null, "Поговорили",
            "{\"outcome\":\"interested\"}", null);

    @Test
    void theResultIsSignedWithTheCustomersKeyAndRetriedAfterA5xx() {
        customer.stubFor(post(urlEqualTo("/hook")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        customer.stubFor(post(urlEqualTo("/hook")).inScenario("r").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        ResultWebhook hook = new ResultWebhook(Optional.of(URI.create(customer.baseUrl() + "/hook")), () -> "customer-key",
                Clock.systemUTC());

        assertThat(hook.send(CALL)).isTrue();

        List<LoggedRequest> sent = customer.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(sent).hasSize(2);
        LoggedRequest last = sent.get(1);
        assertThat(last.getBodyAsString()).contains("\"outcome\":{\"outcome\":\"interested\"}", "\"lead\":\"42\"");
        HashSet<String> seen = new HashSet<>();
        new WebhookSignature((n, exp) -> seen.add(n)).verify(last.getHeader(WebhookSignature.HEADER), "customer-key",
                last.getBodyAsString(), Instant.now());
    }

    @Test
    void a4xxIsNotRetriedAndNothingConfiguredSendsNothing() {
        customer.stubFor(post(urlEqualTo("/gone")).willReturn(aResponse().withStatus(410)));
        assertThat(new ResultWebhook(Optional.of(URI.create(customer.baseUrl() + "/gone")), () -> "k", Clock.systemUTC())
                .send(CALL)).isFalse();
        assertThat(customer.findAll(postRequestedFor(urlEqualTo("/gone")))).hasSize(1);
        assertThat(ResultWebhook.none().send(CALL)).isTrue();
    }
}
