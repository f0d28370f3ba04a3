package kz.clinicai.calls;

import kz.clinicai.shared.openai.ModelCapabilities;
import com.openai.client.OpenAIClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kz.clinicai.calls.api.CallingHours;
import kz.clinicai.calls.api.CallsApi;
import kz.clinicai.calls.api.CallsService;
import kz.clinicai.calls.api.CallsSettings;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.DynamoDbCallRepository;
import kz.clinicai.calls.dialogue.OpenAiDialogueModel;
import kz.clinicai.calls.dialogue.OpenAiRealtimeKeys;
import kz.clinicai.calls.voximplant.VoximplantApi;
import kz.clinicai.calls.voximplant.VoximplantCredentials;
import kz.clinicai.calls.voximplant.VoximplantScenarioStarter;
import kz.clinicai.calls.webhook.HttpRecordings;
import kz.clinicai.calls.webhook.ResultWebhook;
import kz.clinicai.calls.webhook.ScenarioSettings;
import kz.clinicai.calls.webhook.ScenarioWebhook;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;

/**
 * Composition roots of the calls functions: each reads its environment once and builds its clients once; nothing
 * here touches the network (secrets are read on first use).
 */
public final class CallsModule {

    static final Duration RETENTION = Duration.ofDays(90);

    private CallsModule() {
    }

    /** CallsApiFunction and CallsSchedulerFunction. */
    /**
     * An active call nothing has touched (no webhook, no turn) for this long is failed as lost by the scheduler and
     * gives its line back. Above the longest silence a live call has between its scenario's posts.
     */
    static Duration lostAfter(Env env) {
        return env.seconds("CALLS_LOST_AFTER_SECONDS", Duration.ofMinutes(30));
    }

    public static CallsService service(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        Clock clock = Clock.systemUTC();
        CallRepository calls = repository(env, aws, clock);
        VoximplantApi api = voximplant(env, secrets, clock);
        CallsSettings settings = new CallsSettings(
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
                env.get("CALLS_VERSION", "dev"));
        return new CallsService(calls, new VoximplantScenarioStarter(api, env.required("VOXIMPLANT_APPLICATION_NAME"),
                env.required("VOXIMPLANT_RULE_NAME")), settings, clock);
    }

    static CallsApi api(Env env) {
        AwsClients aws = new AwsClients(env);
        Supplier<String> key = SecretStore.from(aws).fieldSupplier(env.required("CALLS_API_SECRET_NAME"), "api_key");
        return new CallsApi(service(env), key);
    }

    /** CallsWebhookFunction. */
    /** The template's CallsModel default: OpenAI's named replacement for the gpt-4o/4.1 families. */
    static final String DEFAULT_MODEL = ModelCapabilities.standard().defaultModel("responses");
    /**
     * A live turn on a phone line: a short reply or one of two obvious tools (operator, hang up); every effort step is
     * heard as silence, so no reasoning.
     */
    static final String DEFAULT_TURN_REASONING_EFFORT = "none";
    /** After the call: a summary and an outcome from a fixed list, no one waiting; a little reasoning. */
    static final String DEFAULT_OUTCOME_REASONING_EFFORT = "low";

    static ScenarioWebhook webhook(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        Clock clock = Clock.systemUTC();
        CallRepository calls = repository(env, aws, clock);
        WebhookKeys keys = new WebhookKeys(secrets.fieldSupplier(env.required("CALLS_WEBHOOK_SECRET_NAME"), "signing_key"));
        OpenAiSettings openAiSettings = OpenAiSettings.fromEnv(env, secrets);
        OpenAIClient openAi = OpenAiClients.create(openAiSettings);
        OpenAiDialogueModel model = new OpenAiDialogueModel(openAi, env.get("CALLS_MODEL", DEFAULT_MODEL),
                env.get("CALLS_TRANSCRIPTION_MODEL", ModelCapabilities.standard().defaultModel("transcription")),
                List.of(env.get("CALLS_OUTCOMES", "interested,call_back,not_interested,wrong_number,voicemail,other")
                        .split("\\s*,\\s*")),
                new DynamoDbUsageRepository(aws.dynamoDb(), env.required("USAGE_TABLE")), clock,
                new OpenAiDialogueModel.Efforts(
                        ModelTuning.effortFromEnv(env, "CALLS_REASONING_EFFORT", DEFAULT_TURN_REASONING_EFFORT),
                        ModelTuning.effortFromEnv(env, "CALLS_OUTCOME_REASONING_EFFORT",
                                DEFAULT_OUTCOME_REASONING_EFFORT))).prime();
        Supplier<VoximplantCredentials> credentials = credentials(env, secrets);
        HttpRecordings recordings = new HttpRecordings(credentials, aws.s3(), env.required("CALLS_RECORDINGS_BUCKET"),
                clock, Duration.ofSeconds(10));
        ScenarioSettings settings = new ScenarioSettings(
                env.get("CALLS_CALLER_ID", ""),
                env.get("CALLS_OPERATOR_PHONE", ""),
                Map.of("ru", env.get("CALLS_VOICE_RU", "Yandex.Neural.ru_RU_alena"),
                        "kk", env.get("CALLS_VOICE_KK", "Yandex.Neural.kk_KK_amira")),
                Map.of("ru", env.get("CALLS_ASR_PROFILE_RU", "Google.ru_RU"),
                        "kk", env.get("CALLS_ASR_PROFILE_KK", "Google.kk_KZ")),
                Map.of("ru", "Ты вежливый голосовой ассистент компании, звонишь клиенту по телефону. Говори по-русски.",
                        "kk", "Сен компанияның сыпайы дауыстық көмекшісісің, клиентке телефон арқылы қоңырау шалып тұрсың. Қазақша сөйле."),
                Map.of("ru", "Здравствуйте! Я голосовой ассистент. Чем могу помочь?",
                        "kk", "Сәлеметсіз бе! Мен дауыстық көмекшімін. Сізге қалай көмектесе аламын?"),
                env.get("CALLS_VOICEMAIL_MESSAGE", "Здравствуйте! Мы вам перезвоним позже. До свидания!"),
                env.intValue("CALLS_MAX_TURNS", 20),
                env.seconds("CALLS_RETRY_INTERVAL_SECONDS", Duration.ofMinutes(30)),
                env.intValue("CALLS_MAX_ATTEMPTS", 3),
                // The first realtime model shuts down 2027-01-20; its successor family is gpt-realtime-2.
                env.get("CALLS_REALTIME_MODEL", ModelCapabilities.standard().defaultModel("realtime")),
                env.get("CALLS_REALTIME_VOICE", "alloy"),
                env.get("CALLS_REALTIME_TRANSCRIPTION_MODEL",
                        ModelCapabilities.standard().defaultModel("live-transcription")));
        String webhookSecret = env.required("CALLS_WEBHOOK_SECRET_NAME");
        ResultWebhook results = new ResultWebhook(env.uri("CALLS_RESULT_WEBHOOK_URL"),
                secrets.fieldSupplier(webhookSecret, "result_signing_key"), clock);
        return new ScenarioWebhook(calls, keys, new WebhookSignature(calls::claimNonce), model, recordings, settings, clock,
                results).withRealtimeKeys(new OpenAiRealtimeKeys(openAiSettings.apiKey(), openAiSettings.baseUrl()));
    }

    private static CallRepository repository(Env env, AwsClients aws, Clock clock) {
        return new DynamoDbCallRepository(aws.dynamoDb(), env.required("CALLS_TABLE"), clock, RETENTION);
    }

    private static VoximplantApi voximplant(Env env, SecretStore secrets, Clock clock) {
        URI base = env.uri("VOXIMPLANT_API_URL").orElse(URI.create("https://api.voximplant.com/platform_api"));
        return new VoximplantApi(base, credentials(env, secrets), clock, Duration.ofSeconds(5), 2);
    }

    private static Supplier<VoximplantCredentials> credentials(Env env, SecretStore secrets) {
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
            out.put(kv[0].trim().toUpperCase(java.util.Locale.ROOT), ZoneId.of(kv[1].trim()));
        }
        return out;
    }

    static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
