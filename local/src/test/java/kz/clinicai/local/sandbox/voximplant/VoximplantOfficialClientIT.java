package kz.clinicai.local.sandbox.voximplant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management API simulator driven by Voximplant's official Node client ({@code @voximplant/apiclient-nodejs},
 * pinned in {@code src/test/node/voximplant-apiclient/package-lock.json}; {@code npm ci} when it is not installed):
 * the client's own JWT, its multipart/form-data with {@code cmd} to {@code https://{host}/platform_api}, its value
 * encoding. The deploy methods and StartScenarios must succeed; a wrong type, a missing and a misspelt parameter
 * must come back as the error object the client declares ({@code error.code}, {@code error.msg}).
 */
class VoximplantOfficialClientIT {

    private static final Path CLIENT_DIR = Path.of("src", "test", "node", "voximplant-apiclient");
    private static final String CLIENT_VERSION = "4.11.0";

    private static Sandbox sandbox;
    private static VoximplantService service;
    private static JsonNode out;

    @BeforeAll
    static void run() throws Exception {
        ensureInstalled();
        service = new VoximplantService();
        sandbox = Sandbox.start(0, List.of(service));
        Map<String, String> settings = sandbox.settings();
        ProcessBuilder node = new ProcessBuilder("node", "check.js").directory(CLIENT_DIR.toFile());
        node.environment().put("VOXIMPLANT_CREDENTIALS", settings.get("voximplant.credentialsJson"));
        node.environment().put("VOXIMPLANT_HOST", settings.get("voximplant.httpsHost"));
        node.environment().put("NODE_EXTRA_CA_CERTS", settings.get("voximplant.caCertPem"));
        Result r = exec(node, 60);
        assertThat(r.exit()).as("node check.js: %s", r.output()).isZero();
        String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
        out = Json.mapper().readTree(last);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theDeployMethodsSucceedWithTheClientsEncoding() {
        assertThat(out.path("addApplication").path("result").asInt()).as(out.toString()).isEqualTo(1);
        assertThat(out.path("addApplication").path("applicationName").asText()).startsWith("official-client.");
        assertThat(out.path("addScenario").path("scenarioId").asLong()).isPositive();
        long ruleId = out.path("addRule").path("ruleId").asLong();
        assertThat(ruleId).isPositive();
        JsonNode rule = out.path("getRules").path("result").path(0);
        assertThat(rule.path("ruleId").asLong()).isEqualTo(ruleId);
        // The client maps a rule's scenarios with TypeTransformer.to('ScenarioInfo[]'), which it has no mapper
        // for: they reach the caller as the API sent them, in snake_case.
        assertThat(rule.path("scenarios").path(0).path("scenario_id").asLong())
                .isEqualTo(out.path("addScenario").path("scenarioId").asLong());
        assertThat(out.path("setScenarioInfo").path("result").asInt()).isEqualTo(1);
        assertThat(out.path("getScenarios").path("result").path(0).path("scenarioScript").asText())
                .as("a UTF-8 multipart part").endsWith("// версия 2");
        assertThat(out.path("bindScenario").path("result").asInt()).isEqualTo(1);
    }

    @Test
    void startScenariosSucceedsAndRunsTheBoundScenario() {
        JsonNode started = out.path("startScenarios");
        assertThat(started.path("result").asInt()).as(out.toString()).isEqualTo(1);
        assertThat(started.path("callSessionHistoryId").asLong()).isPositive();
        assertThat(started.path("mediaSessionAccessUrl").asText()).contains("/media_session/");
        assertThat(service.startedScenarios()).singleElement()
                .satisfies(s -> assertThat(s.get("script_custom_data")).isEqualTo("call_official"));
    }

    @Test
    void wrongMissingAndMisspeltParametersGetTheDeclaredErrorObject() {
        assertThat(out.path("wrongType").path("error").path("code").asInt()).as(out.toString())
                .isEqualTo(PlatformError.INVALID_RULE_ID);
        assertThat(out.path("missing").path("error").path("code").asInt()).isEqualTo(PlatformError.REQUIRED_IS_EMPTY);
        assertThat(out.path("misspelt").path("error").path("code").asInt()).isEqualTo(PlatformError.INVALID_ARGUMENTS);
        for (String refused : List.of("wrongType", "missing", "misspelt")) {
            assertThat(out.path(refused).path("error").path("msg").asText()).isNotBlank();
            assertThat(out.path(refused).has("result")).isFalse();
            assertThat(out.path(refused).has("rejected")).as("HTTP 200, not a rejected promise").isFalse();
        }
    }

    @Test
    void theClientsTokenIsWhatTheSimulatorChecks() throws IOException {
        JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(out.path("token").asText()));
        assertThat(claims.path("iss").asText()).isEqualTo(VoximplantService.ACCOUNT_ID);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
                .isPositive().isLessThanOrEqualTo(VoximplantJwt.MAX_LIFETIME_SECONDS);
    }

    /** {@code npm ci} from the committed lock file unless the pinned client is already installed. */
    private static void ensureInstalled() throws Exception {
        Path installed = CLIENT_DIR.resolve("node_modules/@voximplant/apiclient-nodejs/package.json");
        if (Files.isRegularFile(installed)
                && Json.mapper().readTree(installed.toFile()).path("version").asText().equals(CLIENT_VERSION)) {
            return;
        }
        Result r = exec(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CLIENT_DIR.toFile()), 300);
        assertThat(r.exit()).as("npm ci: %s", r.output()).isZero();
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(ProcessBuilder builder, long timeoutSeconds) throws Exception {
        Path log = Files.createTempFile("voximplant-node", ".log");
        try {
            Process p;
            try {
                p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("Node.js and npm are needed for this check (" + builder.command() + "): "
                        + e.getMessage(), e);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(builder.command() + " did not finish in " + timeoutSeconds + " s: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
