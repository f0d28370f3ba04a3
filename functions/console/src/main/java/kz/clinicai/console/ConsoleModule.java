package kz.clinicai.console;

import com.openai.client.OpenAIClient;
import java.time.Clock;
import java.util.Optional;
import kz.clinicai.console.ai.OpenAiGateway;
import kz.clinicai.console.ai.OpenAiJavaGateway;
import kz.clinicai.console.spend.BudgetAlerts;
import kz.clinicai.console.spend.OrgCostsClient;
import kz.clinicai.console.spend.PriceTable;
import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;
import kz.clinicai.shared.usage.UsageRepository;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Composition root of the console: reads the function's environment once and builds every client once per
 * container. Spring receives these objects as beans ({@link ConsoleBeans}); nothing in Spring reads the
 * environment itself, so the local stack (all functions in one JVM) gives the console its own variables.
 *
 * <p>Builds no connection: every client connects on first use (the template contract constructs the handler).
 */
public record ConsoleModule(
        ConsoleTable table,
        DynamoDbAssistantRepository assistants,
        kz.clinicai.console.assistants.LatestAssistants latestAssistants,
        OpenAiGateway openAi,
        SecretStore secrets,
        String sessionSecretName,
        Optional<String> adminKeySecretName,
        OrgCostsClient orgCosts,
        String uploadBucket,
        S3Presigner presigner,
        software.amazon.awssdk.services.s3.S3Client s3,
        PriceTable prices,
        UsageRepository usage,
        boolean secureCookies,
        BudgetAlerts budgetAlerts,
        Clock clock) {

    /** Secrets Manager secret (JSON) whose {@code session_key} (base64, 32 bytes) seals the session cookie. */
    public static final String SESSION_KEY_FIELD = "session_key";

    public static ConsoleModule fromEnv(Env env) {
        AwsClients aws = new AwsClients(env);
        SecretStore secrets = SecretStore.from(aws);
        OpenAIClient client = OpenAiClients.create(OpenAiSettings.fromEnv(env, secrets));
        var s3Endpoint = env.uri("AWS_ENDPOINT_URL_S3").or(() -> env.uri("AWS_ENDPOINT_URL"));
        S3Presigner.Builder presigner = S3Presigner.builder().region(aws.region())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(s3Endpoint.isPresent()).build());
        s3Endpoint.ifPresent(presigner::endpointOverride);
        presigner.credentialsProvider(credentials(env));
        ConsoleTable table = new ConsoleTable(aws::dynamoDb, env.required("CONSOLE_TABLE"));
        return new ConsoleModule(
                table,
                new DynamoDbAssistantRepository(aws.dynamoDbEnhanced(), env.required("ASSISTANTS_TABLE")),
                new kz.clinicai.console.assistants.LatestAssistants(aws::dynamoDb, env.required("ASSISTANTS_TABLE")),
                new OpenAiJavaGateway(client, kz.clinicai.shared.openai.ModelTuning.effortFromEnv(env,
                        "CONSOLE_REASONING_EFFORT", "low")),
                secrets,
                env.required("CONSOLE_SECRET_NAME"),
                env.optional("OPENAI_ADMIN_SECRET_NAME"),
                new OrgCostsClient(env.uri("OPENAI_BASE_URL").orElse(OpenAiSettings.DEFAULT_BASE_URL)),
                env.required("UPLOAD_BUCKET"),
                presigner.build(),
                aws.s3(),
                PriceTable.parse(env.optional("PRICE_TABLE_JSON")),
                new DynamoDbUsageRepository(aws.dynamoDb(), env.required("USAGE_TABLE")),
                env.flag("SECURE_COOKIES", true),
                budgetAlerts(env, secrets, table),
                Clock.systemUTC());
    }

    /** Budget alerts go to the operators' Telegram bot's admins; without TELEGRAM_SECRET_NAME only the banner shows. */
    private static BudgetAlerts budgetAlerts(Env env, SecretStore secrets, ConsoleTable table) {
        Optional<String> secret = env.optional("TELEGRAM_SECRET_NAME");
        java.util.List<Long> admins = java.util.Arrays.stream(env.get("TELEGRAM_ADMIN_IDS", "").split(","))
                .map(String::strip).filter(s -> s.matches("-?\\d{1,18}")).map(Long::parseLong).toList();
        java.net.URI api = env.uri("TELEGRAM_API_BASE_URL").orElse(java.net.URI.create("https://api.telegram.org"));
        Optional<java.net.URI> base = secret.map(s -> api);
        return new BudgetAlerts(table, base,
                secret.map(name -> secrets.fieldSupplier(name, "bot_token")).orElse(() -> ""), admins);
    }

    private static software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials(Env env) {
        var id = env.optional("AWS_ACCESS_KEY_ID");
        var secret = env.optional("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) {
            return software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build();
        }
        var token = env.optional("AWS_SESSION_TOKEN");
        return software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(token.isPresent()
                ? software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(id.get(), secret.get(), token.get())
                : software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(id.get(), secret.get()));
    }
}
