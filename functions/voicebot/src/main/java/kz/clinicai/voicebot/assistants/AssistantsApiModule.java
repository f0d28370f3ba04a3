package kz.clinicai.voicebot.assistants;

import java.time.Clock;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;

/** Composition root of the assistants API function. */
public final class AssistantsApiModule {
    private AssistantsApiModule() {
    }

    public static AssistantsApi fromEnv(Env env) {
        String table = env.required("ASSISTANTS_TABLE");
        String apiKey = env.required("ASSISTANTS_API_KEY");
        return new AssistantsApi(new DynamoDbAssistantRepository(new AwsClients(env).dynamoDbEnhanced(), table), apiKey,
                Clock.systemUTC());
    }
}
