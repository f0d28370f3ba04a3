package kz.clinicai.analytics.pull;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.analytics.Fixtures;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.calls.InMemoryCallStore;
import kz.clinicai.analytics.uis.UisClient;
import kz.clinicai.analytics.uis.UisLeg;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pull reads each page's legs (whose voice is in which WAV track) and stores them with the call. */
class PullServiceLegsTest {

    @RegisterExtension
    static WireMockExtension uis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 30, 16, 0, 0);
    private static final String LIMITS = "\"limits\":{\"day_limit\":10000,\"day_remaining\":9990,\"day_reset\":3600,"
            + "\"minute_limit\":250,\"minute_remaining\":240,\"minute_reset\":30}";

    private final List<CallQueue.CallJob> sent = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW.atZone(ZONE).toInstant(), ZONE);
    private final CallStore calls = new InMemoryCallStore(clock, Duration.ofDays(90));

    private PullService service() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new PullService(new OneProfile(Fixtures.profile(List.of())), calls, new InMemoryPullState(),
                (job, delay) -> sent.add(job),
                p -> new UisClient(http, URI.create(uis.baseUrl() + "/v2.0"), () -> "token", Duration.ofSeconds(5)),
                new PullService.Settings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofHours(24),
                        Duration.ofDays(31), 1000, 5), clock);
    }

    private static void calls(String rows) {
        uis.stubFor(post(urlEqualTo("/v2.0")).withRequestBody(containing("\"method\":\"get.calls_report\""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"data\":[" + rows + "],\"metadata\":{\"total_items\":"
                                + (rows.isEmpty() ? 0 : rows.split("\\{\"id\"").length - 1) + "," + LIMITS + "}}}")));
    }

    private static String call(long id, String start, String finish, boolean lost, String records) {
        return "{\"id\":" + id + ",\"start_time\":\"" + start + "\",\"finish_time\":\"" + finish + "\",\"direction\":\"in\","
                + "\"is_lost\":" + lost + ",\"contact_phone_number\":\"77011234567\",\"virtual_phone_number\":\"77272001122\","
                + "\"talk_duration\":60,\"total_duration\":70,\"communication_id\":" + id + ",\"call_records\":["
                + records + "],\"employees\":[]}";
    }

    @Test
    void eachRecordedCallOfAPageGetsItsLegsFromOneRequest() throws Exception {
        calls(call(501, "2026-11-30 10:00:00", "2026-11-30 10:01:10", false, "\"m501\"") + ","
                + call(502, "2026-11-30 11:00:00", "2026-11-30 11:00:40", true, "") + ","
                + call(503, "2026-11-30 12:00:00", "2026-11-30 12:03:00", false, "\"m503\""));
        uis.stubFor(post(urlEqualTo("/v2.0")).withRequestBody(containing("\"method\":\"get.call_legs_report\""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"jsonrpc":"2.0","id":2,"result":{"data":[
                         {"id":5010,"call_session_id":501,"is_operator":false,"employee_id":null,
                          "connect_time":"2026-11-30 10:00:00","wav_call_records":["w5010"]},
                         {"id":5011,"call_session_id":501,"is_operator":true,"employee_id":5001,
                          "connect_time":"2026-11-30 10:00:06","wav_call_records":["w5011"]},
                         {"id":5030,"call_session_id":503,"is_operator":false,"employee_id":null,
                          "connect_time":"2026-11-30 12:00:00","wav_call_records":["w5030"]},
                         {"id":5031,"call_session_id":503,"is_operator":true,"employee_id":5002,
                          "connect_time":null,"wav_call_records":[]}],
                         "metadata":{"total_items":4,""" + LIMITS + "}}}")));

        PullService.Outcome outcome = service().run(Fixtures.profile(List.of()), NOW.atZone(ZONE).toInstant()
                .plusSeconds(600));

        assertThat(outcome.queued()).isEqualTo(3);
        assertThat(outcome.stoppedBy()).isNull();
        // One legs request for the two recorded calls (the lost one has nothing to tell apart), their window only.
        var legsRequests = uis.findAll(postRequestedFor(urlEqualTo("/v2.0"))
                .withRequestBody(containing("get.call_legs_report")));
        assertThat(legsRequests).hasSize(1);
        JsonNode params = Json.mapper().readTree(legsRequests.get(0).getBodyAsString()).path("params");
        assertThat(params.path("filter").toString())
                .isEqualTo("{\"field\":\"call_session_id\",\"operator\":\"in\",\"value\":[501,503]}");
        assertThat(params.path("date_from").asText()).isEqualTo("2026-11-30 10:00:00");
        assertThat(params.path("date_till").asText()).isEqualTo("2026-11-30 12:03:01");

        CallRecord first = calls.find("demo-1", 501).orElseThrow();
        assertThat(first.call().legs()).extracting(UisLeg::id, UisLeg::operator).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5010L, false), org.assertj.core.groups.Tuple.tuple(5011L, true));
        assertThat(first.call().speakerLegs()).hasSize(2);
        // 503's operator leg has no track: no way to tell the voices apart, the mixed recording is used.
        assertThat(calls.find("demo-1", 503).orElseThrow().call().speakerLegs()).isEmpty();
        assertThat(calls.find("demo-1", 502).orElseThrow().call().legs()).isEmpty();
    }

    @Test
    void aTokenThatMayNotReadLegsStillPullsItsCallsWithoutSpeakers() {
        calls(call(601, "2026-11-30 10:00:00", "2026-11-30 10:01:10", false, "\"m601\""));
        uis.stubFor(post(urlEqualTo("/v2.0")).withRequestBody(containing("\"method\":\"get.call_legs_report\""))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32003,\"message\":\"Method is forbidden\","
                                + "\"data\":{\"mnemonic\":\"forbidden\",\"field\":null,\"value\":null,\"params\":{},"
                                + "\"metadata\":{" + LIMITS + "}}}}")));

        PullService.Outcome outcome = service().run(Fixtures.profile(List.of()), NOW.atZone(ZONE).toInstant()
                .plusSeconds(600));

        assertThat(outcome.stoppedBy()).isNull();
        assertThat(sent).extracting(CallQueue.CallJob::callId).containsExactly(601L);
        assertThat(calls.find("demo-1", 601).orElseThrow().call().legs()).isEmpty();
    }
}
