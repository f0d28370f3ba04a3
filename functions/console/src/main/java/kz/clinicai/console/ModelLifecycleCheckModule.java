package kz.clinicai.console;

import java.time.Clock;
import kz.clinicai.console.assistants.DynamoDbLatestAssistants;
import kz.clinicai.console.lifecycle.DynamoDbLifecycleStore;
import kz.clinicai.console.lifecycle.ModelLifecycleCheck;
import kz.clinicai.console.store.DynamoDbConsoleTable;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * Composition root of {@link ModelLifecycleCheckHandler} (no Spring: a scheduled function of the console's module).
 * {@code TEMPLATE_MODELS} lists the template's model parameters as {@code Name=model,…}; the assistants come from
 * the shared assistant store, their current versions only. Builds no connection.
 */
final class ModelLifecycleCheckModule {

    private final ModelLifecycleCheck check;

    private ModelLifecycleCheckModule(ModelLifecycleCheck check) {
        this.check = check;
    }

    static ModelLifecycleCheckModule fromEnv(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        return new ModelLifecycleCheckModule(ModelLifecycleCheck.daily(
                ModelLifecycleCheck.templateModels(env.get("TEMPLATE_MODELS", "")),
                new DynamoDbLatestAssistants(aws::dynamoDb, env.required("ASSISTANTS_TABLE")),
                OpenAiClients.create(OpenAiSettings.fromEnv(env, secrets)),
                new DynamoDbLifecycleStore(new DynamoDbConsoleTable(aws::dynamoDb, env.required("CONSOLE_TABLE"))),
                aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL"),
                TelegramAdmins.fromEnv(env),
                env.get("POWERTOOLS_METRICS_NAMESPACE", "clinicai"), Clock.systemUTC()));
    }

    ModelLifecycleCheck check() {
        return check;
    }
}
