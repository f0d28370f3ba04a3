package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.clinicai.calls.deploy.ScenarioDeploy;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.config.Env;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The calls API's refusals, the webhook's signature and replay protection, the cap, health, and deployment. */
class CallsApiIT {

    @BeforeAll
    static void boot() {
        CallsWorld.boot();
    }

    private static HttpResponse<String> start(Map<String, Object> body) {
        return CallsWorld.startCall(body);
    }

    @Test
    void aBadPhoneIs400() {
        HttpResponse<String> r = start(Map.of("phone", "12345", "timezone", CallsWorld.zone(true)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(PlatformStackFixture.json(r).path("error").asText()).isEqualTo("invalid_phone");
        assertThat(start(Map.of("timezone", "UTC")).statusCode()).isEqualTo(400);
        assertThat(start(Map.of("phone", "+77011234567", "mode", "telepathy")).statusCode()).isEqualTo(400);
    }

    @Test
    void aPhoneInAnyFormIsNormalisedToE164() {
        String local = CallsWorld.newPhone().substring(2);
        HttpResponse<String> r = start(Map.of("phone", "8 " + local, "timezone", CallsWorld.zone(false),
                "schedule", true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(PlatformStackFixture.json(r).path("phone").asText()).isEqualTo("+7" + local);
    }

    @Test
    void withoutTheApiKeyNothingHappens() {
        HttpResponse<String> r = CallsWorld.post("/calls", Map.of("phone", CallsWorld.newPhone()), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(CallsWorld.post("/calls", Map.of("phone", CallsWorld.newPhone()), "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void theDoNotCallListRefuses409() {
        HttpResponse<String> r = start(Map.of("phone", "+77010000099", "timezone", CallsWorld.zone(true)));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(PlatformStackFixture.json(r).path("error").asText()).isEqualTo("do_not_call");
    }

    @Test
    void outsideCallingHoursIs409WithTheNextAllowedTimeOrScheduled() {
        String zone = CallsWorld.zone(false);
        HttpResponse<String> refused = start(Map.of("phone", CallsWorld.newPhone(), "timezone", zone));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(PlatformStackFixture.json(refused).path("error").asText()).isEqualTo("outside_calling_hours");
        Instant next = Instant.parse(refused.headers().firstValue("X-Next-Allowed-At").orElseThrow());
        assertThat(next.atZone(java.time.ZoneId.of(zone)).toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));
        assertThat(next).isAfter(Instant.now());

        HttpResponse<String> scheduled = start(Map.of("phone", CallsWorld.newPhone(), "timezone", zone, "schedule", true));
        assertThat(scheduled.statusCode()).isEqualTo(201);
        JsonNode body = PlatformStackFixture.json(scheduled);
        assertThat(body.path("status").asText()).isEqualTo("scheduled");
        assertThat(Instant.parse(body.path("next_attempt_at").asText())).isEqualTo(next);
    }

    @Test
    void theConcurrencyCapAnswers429AndHealthCountsActiveCalls() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PlatformStackFixture.CALLS_MAX_CONCURRENT; i++) {
            String phone = CallsWorld.newPhone();
            CallsWorld.script(phone, "human", List.of(Map.of("text", "До свидания.", "pause_ms", 40_000)));
            HttpResponse<String> r = start(Map.of("phone", phone, "timezone", CallsWorld.zone(true)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            ids.add(PlatformStackFixture.json(r).path("call_id").asText());
        }
        JsonNode health = PlatformStackFixture.json(PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/health", null));
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("active_calls").asInt()).isEqualTo(PlatformStackFixture.CALLS_MAX_CONCURRENT);
        assertThat(health.path("version").asText()).isEqualTo("0.1.0");

        HttpResponse<String> over = start(Map.of("phone", CallsWorld.newPhone(), "timezone", CallsWorld.zone(true)));
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).isPresent();

        ids.forEach(id -> CallsWorld.awaitStatus(id, Set.of("completed"), false));
        JsonNode after = PlatformStackFixture.json(PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/health", null));
        assertThat(after.path("active_calls").asInt()).isZero();
        JsonNode listed = PlatformStackFixture.json(PlatformStackFixture.send("GET",
                PlatformStackFixture.api() + "/calls?status=completed&limit=50", null, "x-api-key", CallsWorld.API_KEY));
        assertThat(listed.findValuesAsText("call_id")).containsAll(ids);
        assertThat(listed.findValuesAsText("status")).containsOnly("completed");
    }

    @Test
    void anUnsignedOrReplayedWebhookIs401AndHasNoEffect() {
        HttpResponse<String> created = start(Map.of("phone", CallsWorld.newPhone(), "timezone", CallsWorld.zone(false),
                "schedule", true));
        String id = PlatformStackFixture.json(created).path("call_id").asText();
        String url = PlatformStackFixture.api() + "/_url/CallsWebhookFunction/";
        String body = "{\"type\":\"event\",\"call_id\":\"" + id + "\",\"event\":\"Transferred\"}";

        assertThat(PlatformStackFixture.send("POST", url, body).statusCode()).isEqualTo(401);
        String key = new WebhookKeys(() -> CallsWorld.SIGNING_KEY).callKey(id);
        long now = Instant.now().getEpochSecond();
        String wrongKey = WebhookSignature.sign("not-the-key", now, nonce(), body);
        assertThat(PlatformStackFixture.send("POST", url, body, WebhookSignature.HEADER, wrongKey).statusCode()).isEqualTo(401);
        String stale = WebhookSignature.sign(key, now - 3600, nonce(), body);
        assertThat(PlatformStackFixture.send("POST", url, body, WebhookSignature.HEADER, stale).statusCode()).isEqualTo(401);

        String signed = WebhookSignature.sign(key, now, nonce(), body);
        assertThat(PlatformStackFixture.send("POST", url, body, WebhookSignature.HEADER, signed).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = PlatformStackFixture.send("POST", url, body, WebhookSignature.HEADER, signed);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(CallsWorld.turns(CallsWorld.call(id))).filteredOn(t -> t.startsWith("system|transfer|")).hasSize(1);
        // another call's key does not open this call
        String otherKey = new WebhookKeys(() -> CallsWorld.SIGNING_KEY).callKey("call_" + "0".repeat(32));
        assertThat(PlatformStackFixture.send("POST", url, body, WebhookSignature.HEADER,
                WebhookSignature.sign(otherKey, now, nonce(), body)).statusCode()).isEqualTo(401);
    }

    @Test
    void theDeployCommandCreatesThenUpdatesApplicationScenarioRuleAndBinding() throws Exception {
        Path scenario = Files.createTempFile("scenario", ".js");
        Path source = kz.clinicai.local.ProjectRoot.find(Path.of("")).resolve("functions/calls/scenario/outbound-call.js");
        Files.writeString(scenario, Files.readString(source, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        Map<String, String> settings = PlatformStackFixture.stack().sandbox().settings();
        Map<String, String> env = new HashMap<>();
        String suffix = Long.toString(System.nanoTime() % 100_000);
        env.put("VOXIMPLANT_API_URL", settings.get("voximplant.baseUrl"));
        env.put("VOXIMPLANT_CREDENTIALS_FILE", settings.get("voximplant.credentialsJson"));
        env.put("VOXIMPLANT_APPLICATION_NAME", "deploy-it-" + suffix);
        env.put("VOXIMPLANT_RULE_NAME", "deploy-it-rule");
        env.put("CALLS_SCENARIO_NAME", "deploy-it-" + suffix);
        env.put("CALLS_SCENARIO_FILE", scenario.toString());
        env.put("CALLS_WEBHOOK_URL", "https://example.invalid/webhook/");
        env.put("CALLS_SIGNING_KEY", "deploy-it-key");

        String first = ScenarioDeploy.run(Env.of(env));
        assertThat(first).contains("application created", "scenario created", "rule created");
        String again = ScenarioDeploy.run(Env.of(env));
        assertThat(again).contains("application kept", "scenario unchanged", "rule kept, scenario bound");
        Files.writeString(scenario, "\n// changed\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        String updated = ScenarioDeploy.run(Env.of(env));
        assertThat(updated).contains("application kept", "scenario updated", "rule kept, scenario bound");

        JsonNode stored = PlatformStackFixture.sandboxGet("/voximplant/_requests?method=SetScenarioInfo");
        assertThat(stored.path("requests")).isNotEmpty();
        // the uploaded script has the webhook URL and the scenario key filled in, never the placeholders
        assertThat(stored.toString()).doesNotContain("{{WEBHOOK_URL}}");
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
