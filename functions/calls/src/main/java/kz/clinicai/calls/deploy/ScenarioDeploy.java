package kz.clinicai.calls.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.clinicai.calls.voximplant.VoximplantApi;
import kz.clinicai.calls.voximplant.VoximplantCredentials;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.shared.config.Env;

/**
 * Uploads the repo's scenario and makes the application, the rule and the binding exist — idempotently: run it
 * after every deploy; what already matches is left alone, what differs is updated.
 * <pre>
 * VOXIMPLANT_CREDENTIALS_FILE   the service account's credentials JSON (or VOXIMPLANT_CREDENTIALS: its content)
 * VOXIMPLANT_API_URL            default https://api.voximplant.com/platform_api
 * VOXIMPLANT_APPLICATION_NAME   e.g. clinicai-calls
 * VOXIMPLANT_RULE_NAME          e.g. outbound-ai-call
 * CALLS_WEBHOOK_URL             the CallsWebhookFunction URL (stack output CallsWebhookUrl)
 * CALLS_SIGNING_KEY             the master signing key (secret CallsWebhookSecretName, key signing_key)
 * CALLS_SCENARIO_FILE           default functions/calls/scenario/outbound-call.js
 * CALLS_SCENARIO_NAME           default clinicai-outbound (Voximplant: shorter than 30 characters)
 * </pre>
 */
public final class ScenarioDeploy {

    static final String DEFAULT_FILE = "functions/calls/scenario/outbound-call.js";
    static final String DEFAULT_NAME = "clinicai-outbound";

    record Result(long applicationId, long scenarioId, long ruleId, List<String> changes) {
    }

    private final VoximplantApi api;
    private final String applicationName;
    private final String ruleName;
    private final String scenarioName;

    ScenarioDeploy(VoximplantApi api, String applicationName, String ruleName, String scenarioName) {
        this.api = api;
        this.applicationName = applicationName;
        this.ruleName = ruleName;
        this.scenarioName = scenarioName;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        out.println(run(Env.current()));
    }

    /** Deploys with the given environment; returns one line saying what changed. */
    public static String run(Env env) throws IOException {
        Result result = fromEnv(env).deploy(script(env));
        return "Voximplant: application " + result.applicationId() + ", scenario " + result.scenarioId()
                + ", rule " + result.ruleId() + " — " + String.join(", ", result.changes());
    }

    static ScenarioDeploy fromEnv(Env env) throws IOException {
        String credentialsJson = env.optional("VOXIMPLANT_CREDENTIALS").orElse(null);
        if (credentialsJson == null) {
            credentialsJson = Files.readString(Path.of(env.required("VOXIMPLANT_CREDENTIALS_FILE")), StandardCharsets.UTF_8);
        }
        VoximplantCredentials credentials = VoximplantCredentials.parse(credentialsJson);
        VoximplantApi api = new VoximplantApi(env.uri("VOXIMPLANT_API_URL")
                .orElse(URI.create("https://api.voximplant.com/platform_api")), () -> credentials, Clock.systemUTC(),
                Duration.ofSeconds(15), 2);
        return new ScenarioDeploy(api, env.required("VOXIMPLANT_APPLICATION_NAME"), env.required("VOXIMPLANT_RULE_NAME"),
                env.get("CALLS_SCENARIO_NAME", DEFAULT_NAME));
    }

    /** The scenario file with the webhook URL and the scenario key filled in. */
    static String script(Env env) throws IOException {
        String source = Files.readString(locate(env.get("CALLS_SCENARIO_FILE", DEFAULT_FILE)), StandardCharsets.UTF_8);
        String url = env.required("CALLS_WEBHOOK_URL");
        String key = new WebhookKeys(() -> env.required("CALLS_SIGNING_KEY")).scenarioKey();
        if (!source.contains("{{WEBHOOK_URL}}") || !source.contains("{{SCENARIO_KEY}}")) {
            throw new IllegalArgumentException("scenario lacks the {{WEBHOOK_URL}} / {{SCENARIO_KEY}} placeholders");
        }
        return source.replace("{{WEBHOOK_URL}}", url).replace("{{SCENARIO_KEY}}", key);
    }

    /** A relative path is looked up from the working directory upwards (the project root or a module in it). */
    static Path locate(String file) {
        Path path = Path.of(file);
        if (path.isAbsolute() || Files.isRegularFile(path)) {
            return path;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return dir.resolve(file);
            }
        }
        return path;
    }

    Result deploy(String script) {
        List<String> changes = new ArrayList<>();
        long applicationId = application(changes);
        long scenarioId = scenario(script, changes);
        long ruleId = rule(applicationId, scenarioId, changes);
        return new Result(applicationId, scenarioId, ruleId, changes);
    }

    private long application(List<String> changes) {
        JsonNode found = api.call("GetApplications", VoximplantApi.params("application_name", applicationName));
        for (JsonNode app : found.path("result")) {
            String name = app.path("application_name").asText();
            if (name.equals(applicationName) || name.startsWith(applicationName + ".")) {
                changes.add("application kept");
                return app.path("application_id").asLong();
            }
        }
        JsonNode added = api.call("AddApplication", VoximplantApi.params("application_name", applicationName));
        changes.add("application created");
        return added.path("application_id").asLong();
    }

    private long scenario(String script, List<String> changes) {
        // scenario_name matches every scenario containing it; with_script needs scenario_id (the declarations say
        // so), so the script is read in a second call by id.
        JsonNode found = api.call("GetScenarios", VoximplantApi.params("scenario_name", scenarioName));
        for (JsonNode s : found.path("result")) {
            if (scenarioName.equals(s.path("scenario_name").asText())) {
                long id = s.path("scenario_id").asLong();
                JsonNode current = api.call("GetScenarios", VoximplantApi.params("scenario_id", Long.toString(id),
                        "with_script", "true")).path("result").path(0);
                if (script.equals(current.path("scenario_script").asText(null))) {
                    changes.add("scenario unchanged");
                } else {
                    api.call("SetScenarioInfo", VoximplantApi.params("scenario_id", Long.toString(id),
                            "scenario_script", script));
                    changes.add("scenario updated");
                }
                return id;
            }
        }
        JsonNode added = api.call("AddScenario", VoximplantApi.params("scenario_name", scenarioName,
                "scenario_script", script));
        changes.add("scenario created");
        return added.path("scenario_id").asLong();
    }

    private long rule(long applicationId, long scenarioId, List<String> changes) {
        JsonNode found = api.call("GetRules", VoximplantApi.params("application_id", Long.toString(applicationId),
                "rule_name", ruleName, "with_scenarios", "true"));
        for (JsonNode r : found.path("result")) {
            if (ruleName.equals(r.path("rule_name").asText())) {
                long id = r.path("rule_id").asLong();
                boolean bound = false;
                for (JsonNode s : r.path("scenarios")) {
                    bound |= s.path("scenario_id").asLong() == scenarioId;
                }
                if (bound) {
                    changes.add("rule kept, scenario bound");
                } else {
                    api.call("BindScenario", VoximplantApi.params("scenario_id", Long.toString(scenarioId),
                            "rule_id", Long.toString(id), "application_id", Long.toString(applicationId), "bind", "true"));
                    changes.add("rule kept, scenario bound now");
                }
                return id;
            }
        }
        // StartScenarios launches the rule directly: the pattern is never matched against an incoming number.
        JsonNode added = api.call("AddRule", VoximplantApi.params("application_id", Long.toString(applicationId),
                "rule_name", ruleName, "rule_pattern", "^outbound-ai-call$", "scenario_id", Long.toString(scenarioId)));
        changes.add("rule created");
        return added.path("rule_id").asLong();
    }
}
