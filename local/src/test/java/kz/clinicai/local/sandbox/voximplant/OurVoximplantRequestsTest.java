package kz.clinicai.local.sandbox.voximplant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.calls.deploy.ScenarioDeploy;
import kz.clinicai.calls.voximplant.VoximplantApi;
import kz.clinicai.calls.voximplant.VoximplantCredentials;
import kz.clinicai.calls.voximplant.VoximplantScenarioStarter;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own management API client (the calls function's {@link VoximplantApi}: StartScenarios through
 * {@link VoximplantScenarioStarter}, every deploy method through {@link ScenarioDeploy}) against the simulator, which
 * refuses methods, parameters and values the official client does not declare. Every request must be accepted.
 */
class OurVoximplantRequestsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Sandbox sandbox;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(0, List.of(new VoximplantService()));
        settings = sandbox.settings();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void deployAndStartScenariosAreAcceptedInTheShapesWeSend(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("scenario.js");
        Files.writeString(script, "// {{WEBHOOK_URL}} {{SCENARIO_KEY}}\n"
                + "VoxEngine.addEventListener(AppEvents.Started, function () { VoxEngine.terminate(); });\n");
        Map<String, String> env = new HashMap<>();
        env.put("VOXIMPLANT_API_URL", settings.get("voximplant.baseUrl"));
        env.put("VOXIMPLANT_CREDENTIALS_FILE", settings.get("voximplant.credentialsJson"));
        env.put("VOXIMPLANT_APPLICATION_NAME", "shapes-app");
        env.put("VOXIMPLANT_RULE_NAME", "shapes-rule");
        env.put("CALLS_SCENARIO_NAME", "shapes");
        env.put("CALLS_SCENARIO_FILE", script.toString());
        env.put("CALLS_WEBHOOK_URL", "http://127.0.0.1:9/hook");
        env.put("CALLS_SIGNING_KEY", "shapes-key");

        assertThat(ScenarioDeploy.run(Env.of(env)))
                .contains("application created", "scenario created", "rule created");
        assertThat(ScenarioDeploy.run(Env.of(env)))
                .contains("application kept", "scenario unchanged", "rule kept, scenario bound");
        Files.writeString(script, Files.readString(script) + "// v2\n");
        assertThat(ScenarioDeploy.run(Env.of(env))).contains("scenario updated");
        env.put("CALLS_SCENARIO_NAME", "shapes-2");
        assertThat(ScenarioDeploy.run(Env.of(env))).contains("scenario created", "rule kept, scenario bound now");

        VoximplantCredentials credentials = VoximplantCredentials.parse(
                Files.readString(Path.of(settings.get("voximplant.credentialsJson"))));
        VoximplantApi api = new VoximplantApi(URI.create(settings.get("voximplant.baseUrl")), () -> credentials,
                Clock.systemUTC(), Duration.ofSeconds(10), 0);
        String session = new VoximplantScenarioStarter(api, "shapes-app", "shapes-rule").start("call_shapes");
        assertThat(Long.parseLong(session)).isPositive();

        List<String> methods = new ArrayList<>();
        for (JsonNode r : requests()) {
            methods.add(r.path("method").asText());
        }
        assertThat(methods).contains("GetApplications", "AddApplication", "GetScenarios", "AddScenario",
                "SetScenarioInfo", "GetRules", "AddRule", "BindScenario", "StartScenarios");
        JsonNode start = requests().stream().filter(r -> r.path("method").asText().equals("StartScenarios"))
                .findFirst().orElseThrow();
        assertThat(start.path("params").path("script_custom_data").asText()).isEqualTo("call_shapes");
    }

    private static List<JsonNode> requests() throws Exception {
        JsonNode body = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(
                sandbox.mountUrl("voximplant") + "/_requests")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> out = new ArrayList<>();
        body.path("requests").forEach(out::add);
        return out;
    }
}
