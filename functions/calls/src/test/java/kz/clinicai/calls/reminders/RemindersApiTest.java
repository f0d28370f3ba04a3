package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.ratelimit.InMemoryRateLimiter;
import org.junit.jupiter.api.Test;

class RemindersApiTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T07:00:00Z"), ZoneOffset.UTC);

    final InMemoryReminderStore store = new InMemoryReminderStore();
    final Map<String, ClinicConfig> clinics = Map.of("clinic-a", clinic("clinic-a", "token-a"),
            "clinic-b", clinic("clinic-b", "token-b"));
    final HttpRouter router = new RemindersApi(new RemindersService(store, new InMemoryCallRepository(), CLOCK),
            slug -> Optional.ofNullable(clinics.get(slug)), new ClinicAccess(new InMemoryRateLimiter(), CLOCK),
            ReminderListRequestTest.PHONES).register(HttpRouter.builder()).build();

    static ClinicConfig clinic(String slug, String token) {
        return new ClinicConfig(slug, URI.create("https://infoclinica.test"), null, "1", ZoneId.of("Asia/Almaty"),
                Map.of(), null, null, new AccessPolicy(AccessPolicy.hash(token), List.of(), 600, 120));
    }

    APIGatewayV2HTTPResponse send(String method, String template, String path, String body, String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        Map<String, String> params = template.contains("{id}") ? Map.of("id", path.substring(path.lastIndexOf('/') + 1))
                : null;
        return router.handle(APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + template)
                .withRawPath(path).withHeaders(headers).withBody(body).withPathParameters(params)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(method + " " + template)
                        .withRequestId("r").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp("127.0.0.1").build()).build())
                .build());
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    static final String LIST = """
            {"clinic":"clinic-a","day":"2026-12-08","entries":[{"appointment_id":1,"phone":"+77015551200"}]}""";

    @Test
    void aClinicPostsAndReadsItsOwnListOnly() throws Exception {
        APIGatewayV2HTTPResponse posted = send("POST", "/reminders", "/reminders", LIST, "token-a");
        assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(202);
        String id = json(posted).path("reminder_id").asText();

        APIGatewayV2HTTPResponse mine = send("GET", "/reminders/{id}", "/reminders/" + id, null, "token-a");
        assertThat(mine.getStatusCode()).isEqualTo(200);
        assertThat(json(mine).path("entries").get(0).path("outcome").asText()).isEqualTo("queued");
        assertThat(json(mine).path("counts").path("queued").asInt()).isEqualTo(1);

        assertThat(send("GET", "/reminders/{id}", "/reminders/" + id, null, "token-b").getStatusCode())
                .as("another clinic's token").isEqualTo(401);
        assertThat(send("GET", "/reminders/{id}", "/reminders/rem_nope", null, "token-a").getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void anUnknownClinicAndAWrongTokenAnswerAlikeAndStoreNothing() {
        APIGatewayV2HTTPResponse unknown = send("POST", "/reminders", "/reminders",
                LIST.replace("clinic-a", "clinic-x"), "token-a");
        APIGatewayV2HTTPResponse wrong = send("POST", "/reminders", "/reminders", LIST, "token-b");
        APIGatewayV2HTTPResponse none = send("POST", "/reminders", "/reminders", LIST, null);
        assertThat(List.of(unknown.getStatusCode(), wrong.getStatusCode(), none.getStatusCode()))
                .containsOnly(401);
        assertThat(unknown.getBody()).isEqualTo(wrong.getBody());
        assertThat(store.queued(10)).isEmpty();
    }

    @Test
    void aBadListOfAKnownClinicGetsEveryProblemAndIsNotStored() throws Exception {
        APIGatewayV2HTTPResponse r = send("POST", "/reminders", "/reminders", """
                {"clinic":"clinic-a","day":"x","entries":[{"appointment_id":1,"phone":"1"},
                 {"appointment_id":1,"phone":"+77015551201"}]}""", "token-a");
        assertThat(r.getStatusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).isEqualTo("invalid_reminder_list");
        assertThat(body.path("problems_total").asInt()).isEqualTo(3);
        assertThat(body.path("problems").findValuesAsText("code")).containsExactlyInAnyOrder("invalid_day",
                "invalid_phone", "duplicate_appointment");
        assertThat(store.queued(10)).isEmpty();
        assertThat(send("POST", "/reminders", "/reminders", LIST, "token-b").getStatusCode())
                .as("a stranger learns nothing about a list's problems").isEqualTo(401);
    }
}
