package kz.clinicai.calls;

import java.time.Clock;
import java.util.function.Supplier;
import kz.clinicai.calls.api.CallsApi;
import kz.clinicai.calls.reminders.DynamoDbReminderUsage;
import kz.clinicai.calls.reminders.RemindersApi;
import kz.clinicai.calls.reminders.RemindersService;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.ratelimit.DynamoDbRateLimiter;
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
        Clock clock = Clock.systemUTC();
        // The clinic's own credential guards its reminder lists, with the voicebot's rate limits (counters in the
        // reminders table, which has the key shape and TTL attribute the shared limiter writes); the calls API's key
        // (the console) is admitted for any clinic.
        String remindersTable = env.required("REMINDERS_TABLE");
        RemindersApi reminders = new RemindersApi(
                new RemindersService(CallsWiring.reminders(env, aws, clock), CallsWiring.repository(env, aws, clock),
                        clock),
                CallsWiring.clinics(env, aws),
                new ClinicAccess(DynamoDbRateLimiter.keyedByPkAndSk(aws.dynamoDb(), remindersTable), clock),
                CallsWiring.phones(CallsWiring.settings(env)), key)
                // Each clinic's key for its lists' outcome webhook; plain http to loopback only on the local stack.
                .withWebhooks(CallsWiring.webhookKeys(env, secrets)::reminderKey,
                        env.flag("REMINDERS_WEBHOOK_LOOPBACK_HTTP", false))
                .withUsage(new DynamoDbReminderUsage(aws.dynamoDb(), env.required("USAGE_TABLE")), clock);
        return new CallsApiModule(new CallsApi(CallsWiring.service(env, aws, secrets, clock), key,
                reminders::register));
    }

    CallsApi api() {
        return api;
    }
}
