package kz.clinicai.calls;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import kz.clinicai.calls.api.CallingHours;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.calls.api.CallsSettings;
import kz.clinicai.calls.api.PhoneNumbers;
import kz.clinicai.calls.reminders.DynamoDbReminderStore;
import kz.clinicai.calls.reminders.ReminderStore;
import kz.clinicai.shared.clinic.ClinicRepository;
import kz.clinicai.shared.clinic.DynamoDbClinicRepository;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.DynamoDbCallRepository;
import kz.clinicai.calls.voximplant.VoximplantApi;
import kz.clinicai.calls.voximplant.VoximplantCredentials;
import kz.clinicai.calls.voximplant.VoximplantScenarioStarter;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * What more than one calls function builds the same way from its environment: the calls table, Voximplant's
 * credentials and API, the calls service (API and scheduler). Called only from the functions' modules; nothing here
 * touches the network (secrets are read on first use).
 */
final class CallsWiring {

    /** How long a call's item outlives its last write (the table's TTL, {@code expires_at}). */
    static final Duration RETENTION = Duration.ofDays(90);

    private CallsWiring() {
    }

    static CallRepository repository(Env env, AwsClients aws, Clock clock) {
        return new DynamoDbCallRepository(aws.dynamoDb(), env.required("CALLS_TABLE"), clock, RETENTION);
    }

    /** CallsApiFunction's and CallsSchedulerFunction's service: the same settings, the same Voximplant rule. */
    static CallsService service(Env env, AwsClients aws, SecretStore secrets, Clock clock) {
        VoximplantApi api = voximplant(env, secrets, clock);
        return new CallsService(repository(env, aws, clock), new VoximplantScenarioStarter(api,
                env.required("VOXIMPLANT_APPLICATION_NAME"), env.required("VOXIMPLANT_RULE_NAME")), settings(env), clock);
    }

    static CallsSettings settings(Env env) {
        return new CallsSettings(
                env.intValue("CALLS_MAX_CONCURRENT", 10),
                CallingHours.parse(env.get("CALLS_HOURS", "09:00-21:00")),
                env.get("CALLS_DEFAULT_REGION", "KZ"),
                zones(env.get("CALLS_REGION_ZONES", "KZ=Asia/Almaty,RU=Europe/Moscow")),
                ZoneId.of(env.get("CALLS_FALLBACK_ZONE", "Asia/Almaty")),
                env.get("CALLS_DEFAULT_MODE", "asr"),
                new LinkedHashSet<>(CallsSettings.ALL_MODES),
                "ru", null,
                env.seconds("CALLS_RETRY_INTERVAL_SECONDS", Duration.ofMinutes(30)),
                env.intValue("CALLS_MAX_ATTEMPTS", 3),
                env.get("CALLS_VERSION", "dev"),
                env.get("CALLS_OPERATOR_PHONE", ""));
    }

    static ReminderStore reminders(Env env, AwsClients aws, Clock clock) {
        return new DynamoDbReminderStore(aws.dynamoDb(), env.required("REMINDERS_TABLE"), clock, RETENTION);
    }

    /** The clinics' reminder webhook keys and the scenario's, from the calls webhook secret's master key. */
    static kz.clinicai.calls.webhook.WebhookKeys webhookKeys(Env env, SecretStore secrets) {
        return new kz.clinicai.calls.webhook.WebhookKeys(
                secrets.fieldSupplier(env.required("CALLS_WEBHOOK_SECRET_NAME"), "signing_key"));
    }

    static ClinicRepository clinics(Env env, AwsClients aws) {
        return new DynamoDbClinicRepository(aws.dynamoDbEnhanced(), env.required("CLINICS_TABLE"));
    }

    static PhoneNumbers phones(CallsSettings settings) {
        return new PhoneNumbers(settings.defaultRegion(), settings.zones(), settings.fallbackZone());
    }

    /** The callee's zone from the number, as the calls API judges calling hours (the webhook reads only these). */
    static PhoneNumbers phones(Env env) {
        return new PhoneNumbers(env.get("CALLS_DEFAULT_REGION", "KZ"),
                zones(env.get("CALLS_REGION_ZONES", "KZ=Asia/Almaty,RU=Europe/Moscow")),
                ZoneId.of(env.get("CALLS_FALLBACK_ZONE", "Asia/Almaty")));
    }

    private static VoximplantApi voximplant(Env env, SecretStore secrets, Clock clock) {
        URI base = env.uri("VOXIMPLANT_API_URL").orElse(URI.create("https://api.voximplant.com/platform_api"));
        return new VoximplantApi(base, credentials(env, secrets), clock, Duration.ofSeconds(5), 2);
    }

    static Supplier<VoximplantCredentials> credentials(Env env, SecretStore secrets) {
        Supplier<String> json = secrets.fieldSupplier(env.required("VOXIMPLANT_SECRET_NAME"), "credentials");
        // Parsed on each use from the cached secret string: cheap, and a rotated key is picked up.
        return () -> VoximplantCredentials.parse(json.get());
    }

    static Map<String, ZoneId> zones(String spec) {
        Map<String, ZoneId> out = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String[] kv = pair.trim().split("=");
            if (kv.length != 2) {
                throw new InvalidEnvironmentException("CALLS_REGION_ZONES", spec, "REGION=Zone,REGION=Zone");
            }
            out.put(kv[0].trim().toUpperCase(Locale.ROOT), ZoneId.of(kv[1].trim()));
        }
        return out;
    }
}
