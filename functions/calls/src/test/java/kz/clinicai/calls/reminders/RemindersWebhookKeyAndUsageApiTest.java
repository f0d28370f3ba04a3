package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.http.HttpRouter;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.ratelimit.InMemoryRateLimiter;
import org.junit.jupiter.api.Test;

/** GET /reminders/webhook-key and GET /reminders/usage: each clinic its own, to its own credential only. */
class RemindersWebhookKeyAndUsageApiTest {

    final InMemoryReminderStore store = new InMemoryReminderStore();
    final InMemoryReminderUsage usage = new InMemoryReminderUsage();
    final WebhookKeys keys = new WebhookKeys(() -> "master");
    final Map<String, ClinicConfig> clinics = Map.of("clinic-a", RemindersApiTest.clinic("clinic-a", "token-a"),
            "clinic-b", RemindersApiTest.clinic("clinic-b", "token-b"));
    final HttpRouter router = new RemindersApi(
            new RemindersService(store, new InMemoryCallRepository(), RemindersApiTest.CLOCK),
            slug -> Optional.ofNullable(clinics.get(slug)),
            new ClinicAccess(new InMemoryRateLimiter(), RemindersApiTest.CLOCK), ReminderListRequestTest.PHONES)
            .withWebhooks(keys::reminderKey, false).withUsage(usage, RemindersApiTest.CLOCK)
            .register(HttpRouter.builder()).build();

    APIGatewayV2HTTPResponse get(String path, Map<String, String> query, String token) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("x-api-key", token);
        }
        return router.handle(APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET " + path)
                .withRawPath(path).withHeaders(headers).withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey("GET " + path)
                        .withRequestId("r").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath(path).withSourceIp("127.0.0.1").build()).build())
                .build());
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void aClinicGetsItsOwnKeyOnly() throws Exception {
        APIGatewayV2HTTPResponse a = get("/reminders/webhook-key", Map.of("clinic", "clinic-a"), "token-a");
        assertThat(a.getStatusCode()).as(a.getBody()).isEqualTo(200);
        assertThat(json(a).path("key").asText()).isEqualTo(keys.reminderKey("clinic-a"));
        assertThat(json(a).path("signature_header").asText()).isEqualTo("x-clinicai-signature");
        assertThat(json(a).path("event_id_header").asText()).isEqualTo("x-clinicai-event-id");
        assertThat(a.getHeaders()).containsEntry("Cache-Control", "no-store");
        assertThat(get("/reminders/webhook-key", Map.of("clinic", "clinic-b"), "token-a").getStatusCode())
                .as("another clinic's key with my token").isEqualTo(401);
        assertThat(get("/reminders/webhook-key", Map.of("clinic", "clinic-x"), "token-a").getStatusCode())
                .as("unknown clinic: as a wrong token").isEqualTo(401);
        assertThat(get("/reminders/webhook-key", Map.of("clinic", "clinic-a"), null).getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse bad = get("/reminders/webhook-key", Map.of(), "token-a");
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).isEqualTo("invalid_clinic");
    }

    @Test
    void aClinicReadsItsMonthOfReminderUsage() throws Exception {
        usage.call("clinic-a", Instant.parse("2026-12-03T08:00:00Z"), 2, 95);
        usage.call("clinic-a", Instant.parse("2026-12-05T08:00:00Z"), 1, 30);
        usage.model("clinic-a", Instant.parse("2026-12-05T08:00:00Z"), "gpt-6-luna", 100, 10, 0);
        usage.call("clinic-a", Instant.parse("2026-11-30T08:00:00Z"), 1, 600);
        usage.call("clinic-b", Instant.parse("2026-12-05T08:00:00Z"), 1, 600);

        APIGatewayV2HTTPResponse r = get("/reminders/usage", Map.of("clinic", "clinic-a", "month", "2026-12"),
                "token-a");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("calls_placed").asInt()).isEqualTo(2);
        assertThat(body.path("dials").asInt()).isEqualTo(3);
        assertThat(body.path("connected_seconds").asInt()).isEqualTo(125);
        assertThat(body.path("connected_minutes").asInt()).isEqualTo(3);
        assertThat(body.path("models").get(0).path("input_tokens").asInt()).isEqualTo(100);
        assertThat(body.path("days")).hasSize(2);
        assertThat(body.path("days").get(0).path("day").asText()).isEqualTo("2026-12-03");

        APIGatewayV2HTTPResponse now = get("/reminders/usage", Map.of("clinic", "clinic-a"), "token-a");
        assertThat(json(now).path("month").asText()).as("the clock's month").isEqualTo("2026-12");
        assertThat(get("/reminders/usage", Map.of("clinic", "clinic-b"), "token-a").getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse bad = get("/reminders/usage", Map.of("clinic", "clinic-a", "month", "12.2026"),
                "token-a");
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).isEqualTo("invalid_month");
    }

    @Test
    void aListWithAWebhookShowsItsEventsDeliveryOnTheList() throws Exception {
        store.create(new ReminderList("rem_1", "clinic-a", java.time.LocalDate.of(2026, 12, 8), "2026-12-07T07:00:00Z", 1,
                "https://crm.clinic.kz/h"), java.util.List.of(new ReminderEntry(0, "1", "+77015551234", "KZ", "ru",
                null)));
        store.settle("rem_1", 0, ReminderState.DO_NOT_CALL, null, null, null);
        StoredEntry e = store.entries("rem_1").get(0);
        store.webhookResult("rem_1", 0, new WebhookDelivery(e.webhook().eventId(), WebhookDelivery.Status.FAILED,
                e.webhook().at(), 3, 1, "HTTP 410", null));
        APIGatewayV2HTTPResponse r = router.handle(APIGatewayV2HTTPEvent.builder().withVersion("2.0")
                .withRouteKey("GET /reminders/{id}").withRawPath("/reminders/rem_1")
                .withHeaders(Map.of("x-api-key", "token-a")).withPathParameters(Map.of("id", "rem_1"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey("GET /reminders/{id}")
                        .withRequestId("r").withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath("/reminders/rem_1").withSourceIp("127.0.0.1").build())
                        .build()).build());
        JsonNode body = json(r);
        assertThat(body.path("webhook_url").asText()).isEqualTo("https://crm.clinic.kz/h");
        assertThat(body.path("webhooks").path("failed").asInt()).isEqualTo(1);
        JsonNode w = body.path("entries").get(0).path("webhook");
        assertThat(w.path("status").asText()).isEqualTo("failed");
        assertThat(w.path("attempts").asInt()).isEqualTo(3);
        assertThat(w.path("last_error").asText()).isEqualTo("HTTP 410");
        assertThat(w.path("event_id").asText()).startsWith("evt_");
    }
}
