package kz.clinicai.voicebot;

import java.time.Clock;
import java.util.function.Supplier;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * Composition root of the assistants API function. Reads ASSISTANTS_TABLE and ASSISTANTS_API_SECRET_NAME (the
 * Secrets Manager secret whose {@code api_key} is the x-api-key; the value is read at run time, cached with a TTL,
 * so a rotated key takes effect without a deploy and never sits in the function's configuration).
 */
final class AssistantsApiModule {

    /** The key of the secret's JSON that holds the x-api-key. */
    static final String SECRET_KEY = "api_key";

    private final AssistantsApi api;
    private final Supplier<String> apiKey;

    private AssistantsApiModule(AssistantsApi api, Supplier<String> apiKey) {
        this.api = api;
        this.apiKey = apiKey;
    }

    static AssistantsApiModule fromEnv(Env env) {
        String table = env.required("ASSISTANTS_TABLE");
        String secretName = env.required("ASSISTANTS_API_SECRET_NAME");
        AwsClients aws = new AwsClients(env);
        return new AssistantsApiModule(
                new AssistantsApi(new DynamoDbAssistantRepository(aws.dynamoDbEnhanced(), table), Clock.systemUTC()),
                SecretStore.from(aws).fieldSupplier(secretName, SECRET_KEY));
    }

    AssistantsApi api() {
        return api;
    }

    /** The current x-api-key, asked on every request. */
    Supplier<String> apiKey() {
        return apiKey;
    }
}
