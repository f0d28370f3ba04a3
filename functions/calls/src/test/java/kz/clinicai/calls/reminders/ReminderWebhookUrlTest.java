package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/** A list's webhook_url: https to a public host; plain http to loopback only where the stack is local. */
class ReminderWebhookUrlTest {

    static JsonNode list(String url) {
        return Json.mapper().createObjectNode().put("clinic", "clinic-a").put("day", "2026-12-08")
                .put("webhook_url", url).set("entries", Json.mapper().createArrayNode()
                        .add(Json.mapper().createObjectNode().put("appointment_id", 1).put("phone", "+77015551234")));
    }

    @Test
    void anHttpsUrlIsKeptWithTheList() {
        assertThat(ReminderListRequest.read(list("https://crm.clinic.kz/hooks/reminders?x=1"),
                ReminderListRequestTest.PHONES).webhookUrl()).isEqualTo("https://crm.clinic.kz/hooks/reminders?x=1");
        assertThat(ReminderListRequest.read(Json.mapper().createObjectNode().put("clinic", "clinic-a")
                .put("day", "2026-12-08").set("entries", list("x").get("entries")), ReminderListRequestTest.PHONES)
                .webhookUrl()).as("optional").isNull();
    }

    @Test
    void loopbackHttpOnlyWhenTheStackIsLocal() {
        String url = "http://127.0.0.1:8123/hook";
        assertThat(ReminderListRequest.read(list(url), ReminderListRequestTest.PHONES, true).webhookUrl())
                .isEqualTo(url);
        assertThat(codes(list(url), false)).containsExactly("invalid_webhook_url");
        assertThat(codes(list("http://crm.clinic.kz/hook"), true)).as("http elsewhere, even locally")
                .containsExactly("invalid_webhook_url");
    }

    @Test
    void privateHostsUserInfoAndOtherSchemesAreRefused() {
        for (String bad : new String[]{"https://127.0.0.1/x", "https://localhost/x", "https://10.0.0.5/x",
                "https://169.254.169.254/latest", "https://[::1]/x", "https://[fd00::1]/x", "https://user:pw@crm.kz/x",
                "https://crm.kz/x#frag", "ftp://crm.kz/x", "crm.kz/x", "https://", "not a url",
                "https://crm.kz/" + "a".repeat(2100)}) {
            assertThat(codes(list(bad), false)).as(bad).containsExactly("invalid_webhook_url");
        }
    }

    @Test
    void aBadUrlIsOneMoreProblemNamedWithTheOthers() {
        JsonNode body = list("http://crm.clinic.kz/hook");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("day", "08.12.2026");
        InvalidReminderListException e = catchThrowableOfType(InvalidReminderListException.class,
                () -> ReminderListRequest.read(body, ReminderListRequestTest.PHONES));
        assertThat(e.problems()).extracting(Problem::field, Problem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("day", "invalid_day"),
                org.assertj.core.groups.Tuple.tuple("webhook_url", "invalid_webhook_url"));
    }

    static java.util.List<String> codes(JsonNode body, boolean local) {
        InvalidReminderListException e = catchThrowableOfType(InvalidReminderListException.class,
                () -> ReminderListRequest.read(body, ReminderListRequestTest.PHONES, local));
        assertThat(e).as("refused").isNotNull();
        return e.problems().stream().map(Problem::code).toList();
    }
}
