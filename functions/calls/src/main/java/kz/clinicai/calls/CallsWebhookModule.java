package kz.clinicai.calls;

import com.openai.client.OpenAIClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.dialogue.OpenAiDialogueModel;
import kz.clinicai.calls.dialogue.OpenAiRealtimeKeys;
import kz.clinicai.calls.webhook.HttpRecordings;
import kz.clinicai.calls.webhook.ResultWebhook;
import kz.clinicai.calls.webhook.ScenarioSettings;
import kz.clinicai.calls.reminders.DynamoDbReminderUsage;
import kz.clinicai.calls.reminders.InfoClinicaReminderAppointments;
import kz.clinicai.calls.reminders.ReminderMetering;
import kz.clinicai.calls.reminders.ReminderOpening;
import kz.clinicai.calls.reminders.ReminderOutcomes;
import kz.clinicai.calls.reminders.ReminderStore;
import kz.clinicai.calls.reminders.ReminderTools;
import kz.clinicai.shared.booking.DynamoDbBookingLedger;
import kz.clinicai.shared.tools.ResponsesToolLoop;
import kz.clinicai.shared.clinic.CachingInfoClinicaClients;
import kz.clinicai.shared.clinic.SecretsManagerClinicCertificates;
import kz.clinicai.calls.webhook.ScenarioWebhook;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;

/** CallsWebhookFunction's composition root: reads its environment once, builds its clients once, no network. */
final class CallsWebhookModule {

    /** The template's CallsModel default: the model table's live default for the Responses API. */
    static final String DEFAULT_MODEL = ModelCapabilities.standard().defaultModel("responses");
    /**
     * A live turn on a phone line: a short reply or one of two obvious tools (operator, hang up); every effort step is
     * heard as silence, so no reasoning.
     */
    static final String DEFAULT_TURN_REASONING_EFFORT = "none";
    /** After the call: a summary and an outcome from a fixed list, no one waiting; a little reasoning. */
    static final String DEFAULT_OUTCOME_REASONING_EFFORT = "low";

    private final ScenarioWebhook webhook;
    private final OpenAIClient openAi;
    private final String model;

    private CallsWebhookModule(ScenarioWebhook webhook, OpenAIClient openAi, String model) {
        this.webhook = webhook;
        this.openAi = openAi;
        this.model = model;
    }

    static CallsWebhookModule fromEnv(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        Clock clock = Clock.systemUTC();
        CallRepository calls = CallsWiring.repository(env, aws, clock);
        String webhookSecret = env.required("CALLS_WEBHOOK_SECRET_NAME");
        WebhookKeys keys = new WebhookKeys(secrets.fieldSupplier(webhookSecret, "signing_key"));
        OpenAiSettings openAiSettings = OpenAiSettings.fromEnv(env, secrets);
        OpenAIClient openAi = OpenAiClients.create(openAiSettings);
        String modelName = env.get("CALLS_MODEL", DEFAULT_MODEL);
        ReminderStore reminders = CallsWiring.reminders(env, aws, clock);
        // A reminder call's calls, connected time and model tokens, per clinic (GET /reminders/usage).
        ReminderMetering metering = new ReminderMetering(
                new DynamoDbReminderUsage(aws.dynamoDb(), env.required("USAGE_TABLE")), calls, clock);
        OpenAiDialogueModel model = new OpenAiDialogueModel(openAi, modelName,
                env.get("CALLS_TRANSCRIPTION_MODEL", ModelCapabilities.standard().defaultModel("transcription")),
                List.of(env.get("CALLS_OUTCOMES", "interested,call_back,not_interested,wrong_number,voicemail,other")
                        .split("\\s*,\\s*")),
                metering.dialogue(new DynamoDbUsageRepository(aws.dynamoDb(), env.required("USAGE_TABLE"))), clock,
                new OpenAiDialogueModel.Efforts(
                        ModelTuning.effortFromEnv(env, "CALLS_REASONING_EFFORT", DEFAULT_TURN_REASONING_EFFORT),
                        ModelTuning.effortFromEnv(env, "CALLS_OUTCOME_REASONING_EFFORT",
                                DEFAULT_OUTCOME_REASONING_EFFORT))).prime();
        HttpRecordings recordings = new HttpRecordings(CallsWiring.credentials(env, secrets), aws.s3(),
                env.required("CALLS_RECORDINGS_BUCKET"), clock, Duration.ofSeconds(10));
        ScenarioSettings settings = new ScenarioSettings(
                env.get("CALLS_CALLER_ID", ""),
                env.get("CALLS_OPERATOR_PHONE", ""),
                Map.of("ru", env.get("CALLS_VOICE_RU", "Yandex.Neural.ru_RU_alena"),
                        "kk", env.get("CALLS_VOICE_KK", "Yandex.Neural.kk_KK_amira")),
                Map.of("ru", env.get("CALLS_ASR_PROFILE_RU", "Google.ru_RU"),
                        "kk", env.get("CALLS_ASR_PROFILE_KK", "Google.kk_KZ")),
                ScenarioSettings.defaultInstructions(),
                ScenarioSettings.defaultGreetings(),
                env.get("CALLS_VOICEMAIL_MESSAGE", ScenarioSettings.defaultVoicemailMessage()),
                env.intValue("CALLS_MAX_TURNS", 20),
                env.seconds("CALLS_RETRY_INTERVAL_SECONDS", Duration.ofMinutes(30)),
                env.intValue("CALLS_MAX_ATTEMPTS", 3),
                env.get("CALLS_REALTIME_MODEL", ModelCapabilities.standard().defaultModel("realtime")),
                env.get("CALLS_REALTIME_VOICE", "alloy"),
                env.get("CALLS_REALTIME_TRANSCRIPTION_MODEL",
                        ModelCapabilities.standard().defaultModel("live-transcription")));
        ResultWebhook results = new ResultWebhook(env.uri("CALLS_RESULT_WEBHOOK_URL"),
                secrets.fieldSupplier(webhookSecret, "result_signing_key"), clock);
        CachingInfoClinicaClients infoClinica = new CachingInfoClinicaClients(
                SecretsManagerClinicCertificates.from(aws), clock);
        // A reminder call's turns: the voicebot's InfoClinica tools, with its booking ledger (its sessions table), so
        // a retried turn never moves or cancels twice.
        ReminderTools reminderTools = new ReminderTools(CallsWiring.clinics(env, aws), infoClinica,
                new DynamoDbBookingLedger(aws.dynamoDbEnhanced(), env.required("VOICEBOT_SESSIONS_TABLE")),
                new ResponsesToolLoop(openAi, env.intValue("REMINDERS_MAX_TOOL_ROUNDS", 3),
                        metering.tools(new DynamoDbUsageRepository(aws.dynamoDb(), env.required("USAGE_TABLE"))),
                        clock, ModelTuning.effortFromEnv(env, "REMINDERS_REASONING_EFFORT", "low")),
                clock, new ReminderTools.Settings(env.get("REMINDERS_MODEL", modelName),
                        ReminderTools.Settings.defaultInstructions(),
                        env.seconds("REMINDERS_TURN_DEADLINE_SECONDS", Duration.ofSeconds(20)),
                        Duration.ofHours(env.intValue("REMINDERS_LEDGER_TTL_HOURS", 48))));
        ReminderOutcomes outcomes = new ReminderOutcomes(reminders);
        ScenarioWebhook webhook = new ScenarioWebhook(calls, keys, new WebhookSignature(calls::claimNonce), model,
                recordings, settings, clock, results)
                .withRealtimeKeys(new OpenAiRealtimeKeys(openAiSettings.apiKey(), openAiSettings.baseUrl()))
                // A reminder call's end is its entry's outcome (GET /reminders/{id}).
                .onEnded(call -> {
                    outcomes.ended(call);
                    metering.ended(call);
                })
                // A reminder call reads its appointment again before anyone is dialled.
                .withOpening(new ReminderOpening(new InfoClinicaReminderAppointments(CallsWiring.clinics(env, aws),
                        infoClinica, clock,
                        env.seconds("REMINDERS_INFOCLINICA_TIMEOUT_SECONDS", Duration.ofSeconds(5))), reminders,
                        CallsWiring.phones(env), clock))
                .withTools(reminderTools);
        return new CallsWebhookModule(webhook, openAi, modelName);
    }

    ScenarioWebhook webhook() {
        return webhook;
    }

    /** The turns' OpenAI client (priming sends one Responses call through it). */
    OpenAIClient openAi() {
        return openAi;
    }

    /** The turns' model (CALLS_MODEL). */
    String model() {
        return model;
    }
}
