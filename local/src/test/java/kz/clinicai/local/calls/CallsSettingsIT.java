package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The calls settings and do-not-call routes through the local stack: valid requests, invalid ones answered 400 naming
 * each problem with nothing stored, and the settings taking effect at once (calling hours refusing a call, a listed
 * number refused). The stack's settings are unset again after each test (other calls ITs share the table).
 */
class CallsSettingsIT {

    @BeforeAll
    static void boot() {
        CallsWorld.boot();
    }

    @AfterEach
    void unsetTheSettings() {
        assertThat(send("PUT", "/calls/settings", Map.of()).statusCode()).isEqualTo(200);
    }

    static HttpResponse<String> send(String method, String path, Object body) {
        try {
            return PlatformStackFixture.send(method, PlatformStackFixture.api() + path,
                    body == null ? null : Json.mapper().writeValueAsString(body), "x-api-key", CallsWorld.API_KEY);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problemFields(HttpResponse<String> r) {
        List<String> fields = new ArrayList<>();
        PlatformStackFixture.json(r).path("problems").forEach(p -> fields.add(p.path("field").asText()));
        return fields;
    }

    @Test
    void settingsAreSavedAndReadBackOverTheTemplateDefaults() {
        JsonNode before = PlatformStackFixture.json(send("GET", "/calls/settings", null));
        assertThat(before.path("defaults").path("calling_hours").asText()).isEqualTo(PlatformStackFixture.CALLS_HOURS);
        assertThat(before.path("defaults").path("operator_phone").asText()).isEqualTo("+77010000001");

        HttpResponse<String> put = send("PUT", "/calls/settings", Map.of("operator_phone", "+7 701 000 00 05",
                "calling_hours", "08:30-20:00", "retry_interval_seconds", 900, "max_attempts", 2));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode after = PlatformStackFixture.json(send("GET", "/calls/settings", null));
        assertThat(after.path("settings").path("operator_phone").asText()).isEqualTo("+77010000005");
        assertThat(after.path("settings").path("calling_hours").asText()).isEqualTo("08:30-20:00");
        assertThat(after.path("settings").path("retry_interval_seconds").asInt()).isEqualTo(900);
        assertThat(after.path("settings").path("max_attempts").asInt()).isEqualTo(2);
        assertThat(Instant.parse(after.path("updated_at").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void invalidSettingsAre400NamingEachProblemAndNothingChanges() {
        send("PUT", "/calls/settings", Map.of("max_attempts", 4));
        HttpResponse<String> bad = send("PUT", "/calls/settings", Map.of("operator_phone", "not a phone",
                "calling_hours", "25:00-26:00", "retry_interval_seconds", 10, "max_attempts", 0, "colour", "red"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(PlatformStackFixture.json(bad).path("error").asText()).isEqualTo("invalid_settings");
        assertThat(problemFields(bad)).containsExactlyInAnyOrder("operator_phone", "calling_hours",
                "retry_interval_seconds", "max_attempts", "colour");
        assertThat(PlatformStackFixture.json(send("GET", "/calls/settings", null)).path("stored").path("max_attempts")
                .asInt()).isEqualTo(4);
        assertThat(send("PUT", "/calls/settings", null).statusCode()).isEqualTo(400);
        assertThat(PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/calls/settings", null).statusCode())
                .as("no API key").isEqualTo(401);
    }

    @Test
    void savedCallingHoursRefuseACallThatTheDefaultsWouldPlace() {
        String zone = CallsWorld.zone(true); // 10:00-19:59 there: inside 09:00-21:00
        HttpResponse<String> put = send("PUT", "/calls/settings", Map.of("calling_hours", "00:00-01:00"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpResponse<String> refused = CallsWorld.startCall(Map.of("phone", CallsWorld.newPhone(), "timezone", zone));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(PlatformStackFixture.json(refused).path("error").asText()).isEqualTo("outside_calling_hours");
        Instant next = Instant.parse(refused.headers().firstValue("X-Next-Allowed-At").orElseThrow());
        assertThat(next.atZone(ZoneId.of(zone)).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void theDoNotCallListImportsAllValidOrNothingAndANumberTakenOffCanBeCalled() {
        String a = CallsWorld.newPhone();
        String b = CallsWorld.newPhone();
        HttpResponse<String> bad = send("POST", "/calls/do-not-call", Map.of("phones", List.of(a, "xyz", "123"),
                "note", "IT"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(problemFields(bad)).containsExactly("phones[1]", "phones[2]");
        assertThat(PlatformStackFixture.json(bad).path("message").asText()).contains("phones[1]").contains("phones[2]");
        assertThat(listed()).doesNotContain(a);

        HttpResponse<String> ok = send("POST", "/calls/do-not-call", Map.of("phones", List.of(a, b), "note", "IT"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(listed()).contains(a, b, "+77010000099");
        HttpResponse<String> refused = CallsWorld.startCall(Map.of("phone", a, "timezone", CallsWorld.zone(true),
                "schedule", true));
        assertThat(PlatformStackFixture.json(refused).path("error").asText()).isEqualTo("do_not_call");

        assertThat(send("DELETE", "/calls/do-not-call/" + a.replace("+", "%2B"), null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/calls/do-not-call/" + a.replace("+", "%2B"), null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/calls/do-not-call/abc", null).statusCode()).isEqualTo(400);
        assertThat(listed()).doesNotContain(a).contains(b);
        HttpResponse<String> placed = CallsWorld.startCall(Map.of("phone", a, "timezone", CallsWorld.zone(false),
                "schedule", true));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        send("DELETE", "/calls/do-not-call/" + b.replace("+", "%2B"), null);
    }

    private static List<String> listed() {
        List<String> out = new ArrayList<>();
        PlatformStackFixture.json(send("GET", "/calls/do-not-call", null)).path("numbers")
                .forEach(n -> out.add(n.path("phone").asText()));
        return out;
    }
}
