package kz.clinicai.calls.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code StartScenarios} on the rule the deploy command created. The rule id is looked up by application and rule
 * name once per container ({@code GetRules}), so the template needs no id that only exists after a deploy.
 */
public final class VoximplantScenarioStarter implements ScenarioStarter {

    private final VoximplantApi api;
    private final String applicationName;
    private final String ruleName;
    private final AtomicReference<String> ruleId = new AtomicReference<>();

    public VoximplantScenarioStarter(VoximplantApi api, String applicationName, String ruleName) {
        this.api = api;
        this.applicationName = applicationName;
        this.ruleName = ruleName;
    }

    @Override
    public String start(String callId) {
        JsonNode answer = api.call("StartScenarios", VoximplantApi.params("rule_id", ruleId(),
                "script_custom_data", callId));
        return answer.path("call_session_history_id").asText();
    }

    private String ruleId() {
        String id = ruleId.get();
        if (id == null) {
            JsonNode rules = api.call("GetRules", VoximplantApi.params("application_name", applicationName,
                    "rule_name", ruleName));
            for (JsonNode r : rules.path("result")) {
                if (ruleName.equals(r.path("rule_name").asText())) {
                    id = r.path("rule_id").asText();
                }
            }
            if (id == null) {
                throw new VoximplantException("Rule " + ruleName + " of " + applicationName
                        + " not found: run the scenario deploy command", false, null);
            }
            ruleId.set(id);
        }
        return id;
    }
}
