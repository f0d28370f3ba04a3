package kz.clinicai.voicebot;

import kz.clinicai.shared.openai.ModelCapabilities;
import com.openai.client.OpenAIClient;
import java.time.Clock;
import java.time.Duration;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.ratelimit.DynamoDbRateLimiter;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.voicebot.booking.VoicebotService;
import kz.clinicai.shared.clinic.CachingInfoClinicaClients;
import kz.clinicai.shared.clinic.DynamoDbClinicRepository;
import kz.clinicai.shared.clinic.SecretsManagerClinicCertificates;
import kz.clinicai.shared.tools.ResponsesToolLoop;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;
import kz.clinicai.shared.booking.DynamoDbBookingLedger;
import kz.clinicai.voicebot.session.DynamoDbSessionRepository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** Composition root of the voicebot function: reads the environment once and builds every client once. */
final class VoicebotModule {
    private final VoicebotService service;
    private final OpenAIClient openAi;
    private final String defaultModel;

    private VoicebotModule(VoicebotService service, OpenAIClient openAi, String defaultModel) {
        this.service = service;
        this.openAi = openAi;
        this.defaultModel = defaultModel;
    }

    /** The template's VoicebotModel default: OpenAI's named replacement for the gpt-4o/4.1 families. */
    static final String DEFAULT_MODEL = ModelCapabilities.standard().defaultModel("responses");
    /**
     * One tool call per turn, with dates computed from "Сегодня:": the lowest effort that still reasons (none skips
     * reasoning entirely) — a wrong tool or date books the wrong slot, and each effort step adds a voice-turn delay.
     */
    static final String DEFAULT_REASONING_EFFORT = "low";

    static VoicebotModule fromEnv(Env env) {
        String clinicsTable = env.required("CLINICS_TABLE");
        String sessionsTable = env.required("VOICEBOT_SESSIONS_TABLE");
        String assistantsTable = env.required("ASSISTANTS_TABLE");
        Duration budget = env.seconds("VOICEBOT_DEADLINE_SECONDS", Duration.ofSeconds(25));
        int maxRounds = env.intValue("VOICEBOT_MAX_TOOL_ROUNDS", 4);
        Duration ttl = Duration.ofHours(env.intValue("VOICEBOT_SESSION_TTL_HOURS", 48));
        String defaultModel = env.get("VOICEBOT_MODEL", DEFAULT_MODEL);
        String effort = ModelTuning.effortFromEnv(env, "VOICEBOT_REASONING_EFFORT", DEFAULT_REASONING_EFFORT);
        AwsClients aws = new AwsClients(env);
        OpenAIClient openAi = OpenAiClients.create(OpenAiSettings.fromEnv(env, SecretStore.from(aws)));

        DynamoDbEnhancedClient dynamo = aws.dynamoDbEnhanced();
        Clock clock = Clock.systemUTC();
        VoicebotService service = new VoicebotService(
                new DynamoDbClinicRepository(dynamo, clinicsTable),
                new ClinicAccess(DynamoDbRateLimiter.keyedByPk(aws.dynamoDb(), sessionsTable), clock),
                new DynamoDbSessionRepository(dynamo, sessionsTable),
                new DynamoDbBookingLedger(dynamo, sessionsTable),
                new DynamoDbAssistantRepository(dynamo, assistantsTable),
                new CachingInfoClinicaClients(SecretsManagerClinicCertificates.from(aws), clock),
                new ResponsesToolLoop(openAi, maxRounds,
                        new DynamoDbUsageRepository(aws.dynamoDb(), env.required("USAGE_TABLE")), clock, effort),
                clock,
                new VoicebotService.Settings(budget, ttl, defaultModel, DefaultInstructions.load()));
        return new VoicebotModule(service, openAi, defaultModel);
    }

    VoicebotService service() {
        return service;
    }

    /** The client the service's tool loop uses (priming warms exactly it). */
    OpenAIClient openAi() {
        return openAi;
    }

    /** VOICEBOT_MODEL (or its default): the model a clinic without an assistant configuration gets. */
    String defaultModel() {
        return defaultModel;
    }
}
