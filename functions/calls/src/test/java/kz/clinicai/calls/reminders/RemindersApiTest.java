package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
            ReminderListRequestTest.PHONES, () -> OPERATOR).register(HttpRouter.builder()).build();
    static final String OPERATOR = "calls-api-key";

    static ClinicConfig clinic(String slug, String token) {
        return new ClinicConfig(slug, URI.create("https://infoclinica.test"), null, "1", ZoneId.of("Asia/Almaty"),
                Map.of(), null, null, new AccessPolicy(AccessPolicy.hash(token), List.of(), 600, 120));
    }

    APIGatewayV2HTTPResponse send(String method, String template, String path, String body, String token) {
        return send(method, template, path, null, body, token);
    }

    APIGatewayV2HTTPResponse day(Map<String, String> query, String token) {
        return send("GET", "/reminders", "/reminders", query, null, token);
    }

    APIGatewayV2HTTPResponse send(String method, String template, String path, Map<String, String> query, String body,
                                  String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        Map<String, String> params = template.contains("{id}") ? Map.of("id", path.substring(path.lastIndexOf('/') + 1))
                : null;
        return router.handle(APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + template)
                .withRawPath(path).withHeaders(headers).withBody(body).withPathParameters(params)
                .withQueryStringParameters(query)
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

    @Test
    void theCallsApiKeyPostsAndReadsAnyExistingClinicsListsAndNamesAnUnknownClinic() throws Exception {
        APIGatewayV2HTTPResponse posted = send("POST", "/reminders", "/reminders", LIST.replace("clinic-a", "clinic-b"),
                OPERATOR);
        assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(202);
        String id = json(posted).path("reminder_id").asText();
        assertThat(json(posted).path("clinic").asText()).isEqualTo("clinic-b");
        APIGatewayV2HTTPResponse read = send("GET", "/reminders/{id}", "/reminders/" + id, null, OPERATOR);
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(json(read).path("clinic").asText()).isEqualTo("clinic-b");
        assertThat(send("GET", "/reminders/{id}", "/reminders/" + id, null, "token-b").getStatusCode())
                .as("the clinic's own token still reads it").isEqualTo(200);
        assertThat(send("GET", "/reminders/{id}", "/reminders/" + id, null, "token-a").getStatusCode())
                .as("and another clinic's still does not").isEqualTo(401);

        APIGatewayV2HTTPResponse unknown = send("POST", "/reminders", "/reminders", LIST.replace("clinic-a",
                "clinic-x").replace("+77015551200", "12"), OPERATOR);
        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(json(unknown).path("problems").findValuesAsText("code"))
                .containsExactlyInAnyOrder("unknown_clinic", "invalid_phone");
        assertThat(store.ofDay("clinic-x", LocalDate.parse("2026-12-08"))).isEmpty();
        assertThat(send("POST", "/reminders", "/reminders", LIST, OPERATOR + "x").getStatusCode())
                .as("a key that is nearly the operator's is a wrong clinic token").isEqualTo(401);
    }

    @Test
    void aDaysListsComeWithTheirCountsToTheirClinicAndToTheOperator() throws Exception {
        String first = json(send("POST", "/reminders", "/reminders", LIST, "token-a")).path("reminder_id").asText();
        String second = json(send("POST", "/reminders", "/reminders", """
                {"clinic":"clinic-a","day":"2026-12-08","entries":[{"appointment_id":2,"phone":"+77015551201"},
                 {"appointment_id":3,"phone":"+77015551202"}]}""", "token-a")).path("reminder_id").asText();
        send("POST", "/reminders", "/reminders", LIST.replace("2026-12-08", "2026-12-09"), "token-a");
        send("POST", "/reminders", "/reminders", LIST.replace("clinic-a", "clinic-b"), "token-b");
        store.settle(second, 1, ReminderState.GONE, null, null, null);

        for (String token : List.of("token-a", OPERATOR)) {
            APIGatewayV2HTTPResponse r = day(Map.of("clinic", "clinic-a", "day", "2026-12-08"), token);
            assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
            JsonNode body = json(r);
            assertThat(body.path("count").asInt()).isEqualTo(2);
            assertThat(body.path("lists").findValuesAsText("reminder_id")).containsExactlyInAnyOrder(first, second);
            JsonNode two = body.path("lists").get(0).path("reminder_id").asText().equals(second)
                    ? body.path("lists").get(0) : body.path("lists").get(1);
            assertThat(two.path("total").asInt()).isEqualTo(2);
            assertThat(two.path("counts").path("queued").asInt()).isEqualTo(1);
            assertThat(two.path("counts").path("gone").asInt()).isEqualTo(1);
            assertThat(two.path("created_at").asText()).isEqualTo("2026-12-07T07:00:00.000Z");
        }
        assertThat(day(Map.of("clinic", "clinic-a", "day", "2026-12-08"), "token-b").getStatusCode())
                .as("another clinic's day").isEqualTo(401);
        assertThat(day(Map.of("clinic", "clinic-x", "day", "2026-12-08"), "token-a").getStatusCode())
                .as("an unknown clinic to a clinic token: as a wrong token").isEqualTo(401);
        APIGatewayV2HTTPResponse unknown = day(Map.of("clinic", "clinic-x", "day", "2026-12-08"), OPERATOR);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).isEqualTo("clinic_not_found");
        assertThat(json(day(Map.of("clinic", "clinic-a", "day", "2026-12-10"), OPERATOR)).path("lists")).isEmpty();
    }

    @Test
    void aBadDayQueryIs400NamingEachProblem() throws Exception {
        APIGatewayV2HTTPResponse r = day(Map.of("clinic", "Clinic A", "day", "08.12.2026", "limit", "5"), OPERATOR);
        assertThat(r.getStatusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).isEqualTo("invalid_query");
        assertThat(body.path("problems").findValuesAsText("code")).containsExactlyInAnyOrder("invalid_clinic",
                "invalid_day", "unknown_parameter");
        assertThat(body.path("problems").findValuesAsText("field")).contains("limit");
        APIGatewayV2HTTPResponse none = day(null, OPERATOR);
        assertThat(none.getStatusCode()).isEqualTo(400);
        assertThat(json(none).path("problems").findValuesAsText("code")).containsExactlyInAnyOrder("invalid_clinic",
                "invalid_day");
        assertThat(day(Map.of("clinic", "clinic-a", "day", "2026-02-30"), "token-a").getStatusCode()).isEqualTo(400);
        assertThat(day(Map.of("clinic", "clinic-a", "day", "2026-12-08"), null).getStatusCode())
                .as("a good query without a credential").isEqualTo(401);
    }
}
