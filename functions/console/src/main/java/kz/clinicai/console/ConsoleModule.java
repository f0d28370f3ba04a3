package kz.clinicai.console;

import com.openai.client.OpenAIClient;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import kz.clinicai.console.ai.OpenAiGateway;
import kz.clinicai.console.ai.OpenAiJavaGateway;
import kz.clinicai.console.audit.AuditLog;
import kz.clinicai.console.clinics.ClinicService;
import kz.clinicai.console.calls.CallsApiClient;
import kz.clinicai.console.calls.CallsSettingsService;
import kz.clinicai.console.api.DynamoDbThreadStore;
import kz.clinicai.console.api.ThreadStore;
import kz.clinicai.console.assistants.AssistantService;
import kz.clinicai.console.assistants.DynamoDbLatestAssistants;
import kz.clinicai.console.lifecycle.DynamoDbLifecycleStore;
import kz.clinicai.console.lifecycle.LifecycleStore;
import kz.clinicai.console.lifecycle.ModelAvailability;
import kz.clinicai.console.lifecycle.ModelMigrations;
import kz.clinicai.console.profiles.AnalyticsApiBase;
import kz.clinicai.console.profiles.AnalyticsApiClient;
import kz.clinicai.console.profiles.AnalyticsSecrets;
import kz.clinicai.console.profiles.ProfilesService;
import kz.clinicai.console.security.ApiKeys;
import kz.clinicai.console.security.DynamoDbUserStore;
import kz.clinicai.console.security.SessionCookies;
import kz.clinicai.console.security.UserStore;
import kz.clinicai.console.settings.SiteSettings;
import kz.clinicai.console.spend.BudgetAlerts;
import kz.clinicai.console.spend.OrgCostsClient;
import kz.clinicai.console.spend.PriceTable;
import kz.clinicai.console.spend.SpendService;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.console.store.DynamoDbConsoleTable;
import kz.clinicai.console.web.Uploads;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.clinic.DynamoDbClinicRepository;
import kz.clinicai.shared.clinic.SecretsManagerClinicCertificates;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.ModelLifecycle;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;
import kz.clinicai.shared.usage.UsageRecorder;
import kz.clinicai.shared.usage.UsageRepository;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Composition root of the console: reads the function's environment once and builds every client, store and
 * service once per container. {@link #registerBeans} hands Spring exactly these objects, each as the narrow bean a
 * controller asks for (a store, a service, a client), never this module; nothing in Spring reads the environment
 * itself, so the local stack (all functions in one JVM) gives the console its own variables. Only what Spring
 * wires in a feature package's own configuration (the security filter chain, its login throttle and session
 * sealer) is built there, from these beans.
 *
 * <p>Builds no connection: every client connects on first use (the template contract constructs the handler).
 */
final class ConsoleModule {

    /** Secrets Manager secret (JSON) whose {@code session_key} (base64, 32 bytes) seals the session cookie. */
    static final String SESSION_KEY_FIELD = "session_key";

    private final Clock clock;
    private final ConsoleTable table;
    private final OpenAiGateway openAi;
    private final UsageRecorder usage;
    private final UserStore users;
    private final ApiKeys apiKeys;
    private final SessionCookies sessionCookies;
    private final ThreadStore threads;
    private final LifecycleStore lifecycle;
    private final ModelAvailability models;
    private final AssistantService assistants;
    private final ModelMigrations migrations;
    private final SiteSettings site;
    private final SpendService spend;
    private final Uploads uploads;
    private final AuditLog audit;
    private final ClinicService clinics;
    private final ProfilesService profiles;
    private final AnalyticsApiBase analyticsApi;
    private final CallsSettingsService calls;

    private ConsoleModule(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        OpenAIClient client = OpenAiClients.create(OpenAiSettings.fromEnv(env, secrets));
        UsageRepository usageRepository = new DynamoDbUsageRepository(aws.dynamoDb(), env.required("USAGE_TABLE"));
        clock = Clock.systemUTC();
        table = new DynamoDbConsoleTable(aws::dynamoDb, env.required("CONSOLE_TABLE"));
        audit = new AuditLog(table, clock);
        openAi = new OpenAiJavaGateway(client, ModelTuning.effortFromEnv(env, "CONSOLE_REASONING_EFFORT", "low"));
        usage = usageRepository;
        users = new DynamoDbUserStore(table);
        apiKeys = new ApiKeys(table);
        sessionCookies = new SessionCookies(secrets.fieldSupplier(env.required("CONSOLE_SECRET_NAME"),
                SESSION_KEY_FIELD), env.flag("SECURE_COOKIES", true));
        threads = new DynamoDbThreadStore(table, clock);
        lifecycle = new DynamoDbLifecycleStore(table);
        models = ModelAvailability.live(ModelLifecycle.standard(), lifecycle, clock);
        String assistantsTable = env.required("ASSISTANTS_TABLE");
        assistants = new AssistantService(new DynamoDbAssistantRepository(aws.dynamoDbEnhanced(), assistantsTable),
                new DynamoDbLatestAssistants(aws::dynamoDb, assistantsTable), table, clock, models);
        migrations = new ModelMigrations(assistants, openAi, usage, table, clock);
        site = new SiteSettings(table);
        spend = new SpendService(usageRepository, PriceTable.parse(env.optional("PRICE_TABLE_JSON")), site,
                new OrgCostsClient(env.uri("OPENAI_BASE_URL").orElse(OpenAiSettings.DEFAULT_BASE_URL)), secrets,
                env.optional("OPENAI_ADMIN_SECRET_NAME"), clock, budgetAlerts(env, secrets, table));
        uploads = new Uploads(presigner(env, aws), aws.s3(), env.required("UPLOAD_BUCKET"));
        // The voicebot's clinics (one definition in shared.clinic): certificates go to <CLINIC_SECRETS_PREFIX><slug>.
        clinics = new ClinicService(new DynamoDbClinicRepository(aws.dynamoDbEnhanced(), env.required("CLINICS_TABLE")),
                SecretsManagerClinicCertificates.from(aws), env.required("CLINIC_SECRETS_PREFIX"),
                () -> assistants.all().stream().map(a -> a.name()).sorted().toList(), audit, clock);
        // Analytics profiles through the analytics API (its validation); its key is the API's own secret.
        profiles = new ProfilesService(new AnalyticsApiClient(secrets.fieldSupplier(
                env.required("ANALYTICS_API_SECRET_NAME"), "api_key")),
                new AnalyticsSecrets(aws.configured(SecretsManagerClient.builder(), "SECRETS_MANAGER").build(),
                        env.required("ANALYTICS_SECRETS_PREFIX")), audit);
        analyticsApi = new AnalyticsApiBase(env.uri("ANALYTICS_API_URL"));
        // The calls settings belong to the calls capability: the console changes them through its API.
        // Unset (the template's default): the stack's own API, the one the console's request came in on.
        calls = new CallsSettingsService(CallsApiClient.of(env.uri("CALLS_API_URL"),
                secrets.fieldSupplier(env.required("CALLS_API_SECRET_NAME"), "api_key")), audit);
    }

    static ConsoleModule fromEnv(Env env) {
        return new ConsoleModule(env);
    }

    /**
     * Registers the beans Spring's controllers and configurations are built from, on the context the handler's
     * container is starting (before its configuration classes are read).
     */
    void registerBeans(GenericApplicationContext context) {
        context.registerBean(Clock.class, () -> clock);
        context.registerBean(ConsoleTable.class, () -> table);
        context.registerBean(OpenAiGateway.class, () -> openAi);
        context.registerBean(UsageRecorder.class, () -> usage);
        context.registerBean(UserStore.class, () -> users);
        context.registerBean(ApiKeys.class, () -> apiKeys);
        context.registerBean(SessionCookies.class, () -> sessionCookies);
        context.registerBean(ThreadStore.class, () -> threads);
        context.registerBean(LifecycleStore.class, () -> lifecycle);
        context.registerBean(ModelAvailability.class, () -> models);
        context.registerBean(AssistantService.class, () -> assistants);
        context.registerBean(ModelMigrations.class, () -> migrations);
        context.registerBean(SiteSettings.class, () -> site);
        context.registerBean(SpendService.class, () -> spend);
        context.registerBean(Uploads.class, () -> uploads);
        context.registerBean(AuditLog.class, () -> audit);
        context.registerBean(ClinicService.class, () -> clinics);
        context.registerBean(ProfilesService.class, () -> profiles);
        context.registerBean(AnalyticsApiBase.class, () -> analyticsApi);
        context.registerBean(CallsSettingsService.class, () -> calls);
    }

    /** Budget alerts go to the operators' Telegram bot's admins; without TELEGRAM_SECRET_NAME only the banner shows. */
    private static BudgetAlerts budgetAlerts(Env env, SecretStore secrets, ConsoleTable table) {
        Optional<String> secret = env.optional("TELEGRAM_SECRET_NAME");
        List<Long> admins = TelegramAdmins.fromEnv(env);
        URI api = env.uri("TELEGRAM_API_BASE_URL").orElse(URI.create("https://api.telegram.org"));
        Supplier<String> botToken = secret.<Supplier<String>>map(name -> secrets.fieldSupplier(name, "bot_token"))
                .orElse(() -> "");
        return new BudgetAlerts(table, secret.map(s -> api), botToken, admins);
    }

    /** Path-style against an endpoint override (the local stack's S3), signed with the function's credentials. */
    private static S3Presigner presigner(Env env, AwsClients aws) {
        Optional<URI> s3Endpoint = env.uri("AWS_ENDPOINT_URL_S3").or(() -> env.uri("AWS_ENDPOINT_URL"));
        S3Presigner.Builder presigner = S3Presigner.builder().region(aws.region())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3Endpoint.isPresent()).build());
        s3Endpoint.ifPresent(presigner::endpointOverride);
        return presigner.credentialsProvider(credentials(env)).build();
    }

    private static AwsCredentialsProvider credentials(Env env) {
        var id = env.optional("AWS_ACCESS_KEY_ID");
        var secret = env.optional("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        var token = env.optional("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token.isPresent()
                ? AwsSessionCredentials.create(id.get(), secret.get(), token.get())
                : AwsBasicCredentials.create(id.get(), secret.get()));
    }
}
