package kz.clinicai.local.sandbox.voximplant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.local.sandbox.tls.Pem;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoximplantServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Sandbox sandbox;
    private static Map<String, String> settings;
    private static JsonNode credentials;
    private static PrivateKey key;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(0, List.of(new VoximplantService(Clock.fixed(NOW, ZoneOffset.UTC))));
        settings = sandbox.settings();
        credentials = Json.mapper().readTree(Path.of(settings.get("voximplant.credentialsJson")).toFile());
        key = Pem.parsePrivateKey(credentials.path("private_key").asText(), "RSA");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void credentialsFileLooksLikeVoximplants() {
        assertThat(credentials.path("account_id").asText()).isEqualTo(settings.get("voximplant.accountId"));
        assertThat(credentials.path("key_id").asText()).isEqualTo(settings.get("voximplant.keyId"));
        assertThat(credentials.path("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(settings.get("voximplant.baseUrl")).isEqualTo(sandbox.mountUrl("voximplant") + "/platform_api");
    }

    @Test
    void startScenariosAnswersAndIsRecorded() throws Exception {
        bindEmptyScenarioToRule3001();
        JsonNode r = call("StartScenarios", token(NOW, 3600), Map.of("rule_id", "3001",
                "script_custom_data", "{\"call_id\":\"c-1\"}"));
        assertThat(r.path("result").asInt()).isEqualTo(1);
        assertThat(r.path("media_session_access_url").asText()).startsWith(sandbox.mountUrl("voximplant"));
        assertThat(r.path("media_session_access_secure_url").asText()).isNotBlank();
        long session = r.path("call_session_history_id").asLong();
        assertThat(session).isPositive();

        JsonNode recorded = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(
                sandbox.mountUrl("voximplant") + "/_requests?method=StartScenarios")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("requests");
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).path("params").path("script_custom_data").asText()).isEqualTo("{\"call_id\":\"c-1\"}");
        assertThat(recorded.get(0).path("response").path("call_session_history_id").asLong()).isEqualTo(session);
    }

    @Test
    void unknownRuleIsAnError() throws Exception {
        JsonNode r = call("StartScenarios", token(NOW, 600), Map.of("rule_id", "42"));
        assertThat(r.path("error").path("code").asInt()).isEqualTo(PlatformError.INVALID_RULE_ID);
        assertThat(r.path("error").path("msg").asText()).contains("42");
    }

    @Test
    void badSignatureExpiredTooLongAndMissingTokensAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreignKey = token(generator.generateKeyPair().getPrivate(), NOW, 600);
        for (String bad : List.of(foreignKey, token(NOW.minusSeconds(7200), 3600), token(NOW, 7200), "")) {
            JsonNode r = call("StartScenarios", bad, Map.of("rule_id", "3001"));
            assertThat(r.path("error").path("code").asInt()).as(r.toString()).isEqualTo(PlatformError.AUTHORIZATION_FAILED);
            assertThat(r.has("result")).isFalse();
        }
        assertThat(((VoximplantService) sandbox.service("voximplant").orElseThrow()).startedScenarios()).isEmpty();
    }

    @Test
    void deploysAScenarioAndRejectsOversizeScripts() throws Exception {
        String jwt = token(NOW, 3600);
        JsonNode added = call("AddScenario", jwt, Map.of("scenario_name", "ai_call.js",
                "scenario_script", "VoxEngine.addEventListener(AppEvents.Started, () => {});"));
        assertThat(added.path("result").asInt()).isEqualTo(1);
        long id = added.path("scenario_id").asLong();

        JsonNode duplicate = call("AddScenario", jwt, Map.of("scenario_name", "ai_call.js", "scenario_script", "x"));
        assertThat(duplicate.path("error").path("code").asInt()).isEqualTo(PlatformError.SCENARIO_NAME_ISNT_UNIQUE);

        JsonNode updated = call("SetScenarioInfo", jwt, Map.of("scenario_id", String.valueOf(id),
                "scenario_script", "// v2"));
        assertThat(updated.path("result").asInt()).isEqualTo(1);
        JsonNode bound = call("BindScenario", jwt, Map.of("scenario_id", String.valueOf(id), "rule_id", "3001",
                "application_name", VoximplantAccount.APPLICATION_NAME));
        assertThat(bound.path("result").asInt()).isEqualTo(1);

        JsonNode byName = call("GetScenarios", jwt, Map.of("scenario_name", "AI_CALL", "with_script", "true"));
        assertThat(byName.path("total_count").asInt()).as("a case-insensitive name part").isEqualTo(1);
        assertThat(byName.path("result").get(0).has("scenario_script")).as("with_script needs scenario_id").isFalse();
        JsonNode listed = call("GetScenarios", jwt, Map.of("scenario_id", String.valueOf(id), "with_script", "true"));
        assertThat(listed.path("result").get(0).path("scenario_script").asText()).isEqualTo("// v2");

        JsonNode oversize = call("AddScenario", jwt, Map.of("scenario_name", "big.js",
                "scenario_script", "a".repeat(VoximplantService.MAX_SCRIPT_BYTES)));
        assertThat(oversize.path("error").path("code").asInt()).isEqualTo(PlatformError.SCRIPT_TEXT_IS_TOO_LONG);
        assertThat(call("GetScenarios", jwt, Map.of()).path("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void applicationsRulesAndStartScenariosRunningTheBoundScript() throws Exception {
        String jwt = token(NOW, 3600);
        JsonNode app = call("AddApplication", jwt, Map.of("application_name", "test-app"));
        assertThat(app.path("application_name").asText()).isEqualTo("test-app" + VoximplantAccount.ACCOUNT_DOMAIN);
        long appId = app.path("application_id").asLong();
        assertThat(call("AddApplication", jwt, Map.of("application_name", "test-app")).path("error").path("code").asInt())
                .isEqualTo(PlatformError.APPLICATION_NAME_ISNT_UNIQUE);
        JsonNode apps = call("GetApplications", jwt, Map.of("application_name", "test-app"));
        assertThat(apps.path("count").asInt()).isEqualTo(1);
        assertThat(apps.path("result").get(0).path("application_id").asLong()).isEqualTo(appId);

        String script = """
                VoxEngine.addEventListener(AppEvents.Started, function () {
                  var c = VoxEngine.callPSTN('+77010000000', '+77270000000');
                  c.addEventListener(CallEvents.Connected, function () { c.say('Привет ' + VoxEngine.customData()); });
                  c.addEventListener(CallEvents.PlaybackFinished, function () { c.hangup(); });
                  c.addEventListener(CallEvents.Disconnected, function () { VoxEngine.terminate(); });
                });
                """;
        long scenarioId = call("AddScenario", jwt, Map.of("scenario_name", "hello", "scenario_script", script))
                .path("scenario_id").asLong();
        JsonNode rule = call("AddRule", jwt, Map.of("application_id", String.valueOf(appId), "rule_name", "r1",
                "rule_pattern", ".*", "scenario_id", String.valueOf(scenarioId)));
        long ruleId = rule.path("rule_id").asLong();
        JsonNode rules = call("GetRules", jwt, Map.of("application_name", "test-app", "with_scenarios", "true"));
        assertThat(rules.path("result").get(0).path("rule_id").asLong()).isEqualTo(ruleId);
        assertThat(rules.path("result").get(0).path("scenarios").get(0).path("scenario_id").asLong()).isEqualTo(scenarioId);
        assertThat(call("GetRules", jwt, Map.of()).path("error").path("code").asInt())
                .isEqualTo(PlatformError.REQUIRED_IS_EMPTY);

        VoximplantService service = (VoximplantService) sandbox.service("voximplant").orElseThrow();
        service.runtime().timeScale(0.05);
        JsonNode started = call("StartScenarios", jwt, Map.of("rule_id", String.valueOf(ruleId), "script_custom_data", "abc"));
        assertThat(started.path("result").asInt()).isEqualTo(1);
        var session = service.runtime().sessions().get(0);
        kz.clinicai.local.chat.Await.until("the scenario to end", Duration.ofSeconds(20),
                () -> session.ended() ? java.util.Optional.of(true) : java.util.Optional.empty());
        assertThat(session.log().status()).isEqualTo("finished");
        assertThat(session.log().texts("bot")).containsExactly("Привет abc");
        assertThat(session.log().texts("event")).contains("CallEvents.Connected", "call.hangup()", "VoxEngine.terminate()");
        assertThat(call("StartScenarios", jwt, Map.of("rule_id", String.valueOf(ruleId),
                "script_custom_data", "x".repeat(201))).path("error").path("code").asInt())
                .isEqualTo(PlatformError.INVALID_ARGUMENTS);
    }

    @Test
    void aModuleUsedWithoutRequireFailsAsOnVoxEngine() throws Exception {
        String jwt = token(NOW, 3600);
        long scenarioId = call("AddScenario", jwt, Map.of("scenario_name", "noreq", "scenario_script",
                "VoxEngine.addEventListener(AppEvents.Started, function () { VoxEngine.createASR({}); });"))
                .path("scenario_id").asLong();
        call("BindScenario", jwt, Map.of("scenario_id", String.valueOf(scenarioId), "rule_id", "3001",
                "application_name", VoximplantAccount.APPLICATION_NAME));
        call("StartScenarios", jwt, Map.of("rule_id", "3001"));
        VoximplantService service = (VoximplantService) sandbox.service("voximplant").orElseThrow();
        var session = service.runtime().sessions().get(0);
        kz.clinicai.local.chat.Await.until("the scenario's error", Duration.ofSeconds(10),
                () -> session.log().texts("error").isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(true));
        assertThat(session.log().texts("error")).anyMatch(e -> e.contains("require(Modules.ASR)"));
    }

    @Test
    void unknownMethodIsAnError() throws Exception {
        JsonNode r = call("DeleteEverything", token(NOW, 60), Map.of());
        assertThat(r.path("error").path("code").asInt()).isEqualTo(PlatformError.UNKNOWN_COMMAND);
    }

    @Test
    void theMethodComesFromThePathOrFromCmdAndParametersFromQueryFormOrMultipart() throws Exception {
        String jwt = token(NOW, 600);
        String base = settings.get("voximplant.baseUrl");
        // cmd and the parameters in the query string, no body
        JsonNode query = send(HttpRequest.newBuilder(URI.create(base + "?cmd=GetRules&application_id=10001"))
                .GET(), jwt);
        assertThat(query.path("result").get(0).path("rule_id").asLong()).isEqualTo(VoximplantAccount.RULE_ID);
        // the documentation's form: the method in the path with a trailing slash, parameters in the query
        JsonNode slash = send(HttpRequest.newBuilder(URI.create(base + "/GetRules/?application_id=10001")).GET(), jwt);
        assertThat(slash.path("count").asInt()).isEqualTo(1);
        // cmd in a form-urlencoded body
        JsonNode form = send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("cmd=AddScenario&scenario_name=form&scenario_script=%2F%2F+%D1%8F")),
                jwt);
        long formId = form.path("scenario_id").asLong();
        // cmd in multipart/form-data, as the official Node client posts (UTF-8 text parts)
        String boundary = "--------------------------515890814546601021194782";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cmd\"\r\n\r\nGetScenarios\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"scenario_id\"\r\n\r\n" + formId + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"with_script\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "--\r\n";
        JsonNode multi = send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)), jwt);
        assertThat(multi.path("result").get(0).path("scenario_script").asText()).isEqualTo("// я");
        // no method anywhere, a JSON body, an undeclared parameter, a wrong type
        assertThat(send(HttpRequest.newBuilder(URI.create(base)).GET(), jwt).path("error").path("code").asInt())
                .isEqualTo(PlatformError.MISSING_CMD);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/GetRules")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"application_id\":10001}")), jwt)
                .path("error").path("code").asInt()).isEqualTo(PlatformError.INVALID_ARGUMENTS);
        JsonNode typo = call("StartScenarios", jwt, Map.of("rule_id", "3001", "custom_data", "x"));
        assertThat(typo.path("error").path("code").asInt()).isEqualTo(PlatformError.INVALID_ARGUMENTS);
        assertThat(typo.path("error").path("msg").asText()).contains("custom_data");
        assertThat(call("StartScenarios", jwt, Map.of("rule_id", "abc")).path("error").path("code").asInt())
                .isEqualTo(PlatformError.INVALID_RULE_ID);
        assertThat(call("StartScenarios", jwt, Map.of()).path("error").path("code").asInt())
                .isEqualTo(PlatformError.REQUIRED_IS_EMPTY);
        assertThat(call("GetRules", jwt, Map.of("application_id", "10001", "with_scenarios", "yes"))
                .path("error").path("code").asInt()).isEqualTo(PlatformError.INVALID_ARGUMENTS);
        assertThat(call("StartScenarios", jwt, Map.of("rule_id", "3001")).path("error").path("code").asInt())
                .as("nothing bound to the rule").isEqualTo(PlatformError.RULE_NO_SCENARIO_BOUND);
    }

    private void bindEmptyScenarioToRule3001() throws Exception {
        String jwt = token(NOW, 600);
        long id = call("AddScenario", jwt, Map.of("scenario_name", "empty", "scenario_script", "// nothing"))
                .path("scenario_id").asLong();
        assertThat(call("BindScenario", jwt, Map.of("scenario_id", String.valueOf(id), "rule_id", "3001",
                "application_id", "10001")).path("result").asInt()).isEqualTo(1);
    }

    private static JsonNode send(HttpRequest.Builder request, String jwt) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + jwt).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private static String token(Instant iat, long lifetimeSeconds) throws Exception {
        return token(key, iat, lifetimeSeconds);
    }

    private static String token(PrivateKey signer, Instant iat, long lifetimeSeconds) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(Json.mapper().writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT",
                "kid", settings.get("voximplant.keyId"))));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", Long.parseLong(settings.get("voximplant.accountId")));
        claims.put("iat", iat.getEpochSecond());
        claims.put("exp", iat.getEpochSecond() + lifetimeSeconds);
        String payload = b64.encodeToString(Json.mapper().writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer);
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(rsa.sign());
    }

    private static JsonNode call(String method, String jwt, Map<String, String> params) throws Exception {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.get("voximplant.baseUrl") + "/" + method))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!jwt.isEmpty()) {
            request.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }
}
