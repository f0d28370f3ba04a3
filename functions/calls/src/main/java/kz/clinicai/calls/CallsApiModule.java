package kz.clinicai.calls;

import java.time.Clock;
import java.util.function.Supplier;
import kz.clinicai.calls.api.CallsApi;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.secrets.SecretStore;

/** CallsApiFunction's composition root: reads its environment once, builds its clients once, no network. */
final class CallsApiModule {

    private final CallsApi api;

    private CallsApiModule(CallsApi api) {
        this.api = api;
    }

    static CallsApiModule fromEnv(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        Supplier<String> key = secrets.fieldSupplier(env.required("CALLS_API_SECRET_NAME"), "api_key");
        return new CallsApiModule(new CallsApi(CallsWiring.service(env, aws, secrets, Clock.systemUTC()), key));
    }

    CallsApi api() {
        return api;
    }
}
