package kz.clinicai.console.lifecycle;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.clinicai.console.assistants.LatestAssistants;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.ModelLifecycle;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * Composition root of {@link ModelLifecycleCheckHandler} (no Spring: a scheduled function of the console's module).
 * {@code TEMPLATE_MODELS} lists the template's model parameters as {@code Name=model,…}; the assistants come from
 * the shared assistant store, their current versions only.
 */
record ModelLifecycleCheckModule(ModelLifecycleCheck check) {

    static ModelLifecycleCheckModule fromEnv(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        var openAi = OpenAiClients.create(OpenAiSettings.fromEnv(env, secrets));
        Map<String, String> template = templateModels(env.get("TEMPLATE_MODELS", ""));
        LatestAssistants assistants = new LatestAssistants(aws::dynamoDb, env.required("ASSISTANTS_TABLE"));
        ModelLifecycleCheck.ModelsInUse inUse = () -> {
            Map<String, String> byName = new LinkedHashMap<>();
            for (AssistantConfig c : assistants.all()) {
                byName.put(c.name(), c.model());
            }
            return ModelLifecycleCheck.merge(template, byName);
        };
        Clock clock = Clock.systemUTC();
        return new ModelLifecycleCheckModule(new ModelLifecycleCheck(inUse, new OpenAiModelCatalog(openAi),
                ModelLifecycle.standard(),
                new ConsoleTableLifecycleStore(new ConsoleTable(aws::dynamoDb, env.required("CONSOLE_TABLE"))),
                new OutboxNotices(aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL"),
                        OutboxNotices.parseIds(env.get("TELEGRAM_ADMIN_IDS", ""))),
                new EmbeddedMetrics(env.get("POWERTOOLS_METRICS_NAMESPACE", "clinicai"), System.out, clock),
                clock));
    }

    /** {@code VoicebotModel=gpt-6-luna,ChatModel=…} → ordered map; blank values are skipped. */
    static Map<String, String> templateModels(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && !part.substring(eq + 1).isBlank()) {
                out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
