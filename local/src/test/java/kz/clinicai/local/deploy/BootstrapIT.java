package kz.clinicai.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.aws.EmbeddedSecretsManager;
import kz.clinicai.local.template.SamTemplate;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The bootstrap against the local stack's Secrets Manager emulator (a fresh one per test, so "a clean account"):
 * the secrets template.yaml names with every key the functions read, strong random internal values, vendor
 * credentials from the environment, nothing printed that is a secret, and a second run that changes nothing.
 */
class BootstrapIT {

    private static final Map<String, String> PARAMETERS = Bootstrap.parameters(
            SamTemplate.load(ProjectRoot.find(Path.of("")).resolve("template.yaml")), Map.of());
    private static final String OPENAI = "sk-proj-" + "A".repeat(40);
    private static final String TELEGRAM = "123456789:" + "AAbbCCddEEffGGhhIIjjKKllMMnnOOpp_-";
    private static final String VOXIMPLANT = "{\"account_id\":1234,\"key_id\":\"k-1\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\"}";
    private static final String GOOGLE = "{\"type\":\"service_account\",\"client_email\":\"a@b.iam.gserviceaccount.com\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\"}";

    @TempDir
    Path dir;
    private EmbeddedSecretsManager emulator;
    private SecretsManagerClient client;
    private String printed;

    @BeforeEach
    void start() throws Exception {
        emulator = EmbeddedSecretsManager.start(0);
        client = SecretsManagerClient.builder().endpointOverride(URI.create(emulator.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private Bootstrap.Result run(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bootstrap.Result result = new Bootstrap(client, PARAMETERS, env::get, Bootstrap.Prompt.NONE,
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        printed = out.toString(StandardCharsets.UTF_8);
        return result;
    }

    private Map<String, String> all() {
        Map<String, String> values = new TreeMap<>();
        client.listSecrets(b -> { }).secretList().forEach(s ->
                values.put(s.name(), client.getSecretValue(b -> b.secretId(s.name())).secretString()));
        return values;
    }

    private JsonNode secret(String name) throws Exception {
        return Json.mapper().readTree(client.getSecretValue(b -> b.secretId(name)).secretString());
    }

    @Test
    void createsEverySecretOnceWithStrongValuesAndNeverPrintsOne() throws Exception {
        Path voximplant = dir.resolve("voximplant.json");
        Files.writeString(voximplant, VOXIMPLANT);
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", OPENAI, "TELEGRAM_BOT_TOKEN", TELEGRAM,
                "VOXIMPLANT_CREDENTIALS_FILE", voximplant.toString()));

        Bootstrap.Result first = run(env);

        assertThat(first.created()).containsExactlyInAnyOrder("clinicai/openai", "clinicai/assistants-api",
                "clinicai/telegram", "clinicai/calls-api", "clinicai/calls-webhook", "clinicai/voximplant",
                "clinicai/analytics-api", "clinicai/console");
        assertThat(first.missing()).singleElement().asString()
                .contains("clinicai/analytics/google", "GOOGLE_SERVICE_ACCOUNT_JSON");
        assertThat(printed).contains("Still missing (1)");
        assertThat(secret("clinicai/openai").path("api_key").asText()).isEqualTo(OPENAI);
        assertThat(secret("clinicai/telegram").path("bot_token").asText()).isEqualTo(TELEGRAM);
        assertThat(secret("clinicai/voximplant").path("credentials").asText()).isEqualTo(VOXIMPLANT);
        // Internal keys: long, random (all different), in the alphabet their readers take.
        List<String> internal = new ArrayList<>();
        for (String name : List.of("clinicai/assistants-api", "clinicai/calls-api", "clinicai/analytics-api")) {
            internal.add(secret(name).path("api_key").asText());
        }
        internal.add(secret("clinicai/calls-webhook").path("signing_key").asText());
        internal.add(secret("clinicai/calls-webhook").path("result_signing_key").asText());
        String webhookSecret = secret("clinicai/telegram").path("webhook_secret").asText();
        internal.add(webhookSecret);
        assertThat(internal).doesNotHaveDuplicates().allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(43)
                .matches("[A-Za-z0-9_-]+"));
        assertThat(webhookSecret).hasSizeLessThanOrEqualTo(256);
        assertThat(Base64.getDecoder().decode(secret("clinicai/console").path("session_key").asText())).hasSize(32);
        // Names and keys are printed, values never.
        internal.add(OPENAI);
        internal.add(TELEGRAM);
        internal.add(secret("clinicai/console").path("session_key").asText());
        assertThat(internal).allSatisfy(v -> assertThat(printed).doesNotContain(v));
        assertThat(printed).doesNotContain("BEGIN PRIVATE KEY").contains("created   clinicai/calls-webhook");

        Map<String, String> before = all();
        env.put("GOOGLE_SERVICE_ACCOUNT_JSON", GOOGLE);
        Bootstrap.Result second = run(env);

        assertThat(second.created()).containsExactly("clinicai/analytics/google");
        assertThat(second.updated()).isEmpty();
        assertThat(second.unchanged()).hasSize(8);
        assertThat(second.complete()).isTrue();
        Map<String, String> after = all();
        after.remove("clinicai/analytics/google");
        assertThat(after).as("nothing recreated or rewritten").isEqualTo(before);
        assertThat(printed).doesNotContain("client_email").contains("Complete");

        Bootstrap.Result third = run(Map.of());
        assertThat(third.created()).isEmpty();
        assertThat(third.updated()).isEmpty();
        assertThat(third.complete()).as("the vendor keys stored before are not asked again").isTrue();
    }

    @Test
    void aSecretMissingAKeyGetsOnlyThatKeyAndABadOrUnreadableValueIsReportedNotStored() throws Exception {
        client.createSecret(b -> b.name("clinicai/calls-webhook").secretString("{\"signing_key\":\"keep-me-as-it-is\"}"));
        client.createSecret(b -> b.name("clinicai/console").secretString("not json"));

        Bootstrap.Result result = run(Map.of("TELEGRAM_BOT_TOKEN", "nonsense-token-value"));

        assertThat(result.updated()).containsExactly("clinicai/calls-webhook");
        JsonNode webhook = secret("clinicai/calls-webhook");
        assertThat(webhook.path("signing_key").asText()).isEqualTo("keep-me-as-it-is");
        assertThat(webhook.path("result_signing_key").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(printed).contains("added     clinicai/calls-webhook: result_signing_key (kept signing_key)");
        assertThat(client.getSecretValue(b -> b.secretId("clinicai/console")).secretString()).isEqualTo("not json");
        assertThat(result.missing()).anySatisfy(m -> assertThat(m).contains("clinicai/console", "not a JSON object"))
                .anySatisfy(m -> assertThat(m).contains("clinicai/telegram bot_token", "refused"))
                .anySatisfy(m -> assertThat(m).contains("clinicai/openai api_key", "OPENAI_API_KEY"));
        // the telegram secret has its internal webhook_secret already; the bad token was not stored or printed
        assertThat(secret("clinicai/telegram").has("bot_token")).isFalse();
        assertThat(printed).doesNotContain("nonsense-token-value");
    }

    @Test
    void renamedSecretsAreFollowedAndAnEmptyOptionalSecretNameIsSkipped() throws Exception {
        Map<String, String> parameters = new HashMap<>(PARAMETERS);
        parameters.put("CallsApiSecretName", "clinic-b/calls-api");
        parameters.put("ConsoleOpenAiAdminSecretName", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Bootstrap(client, parameters, Map.<String, String>of()::get, Bootstrap.Prompt.NONE,
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();

        assertThat(secret("clinic-b/calls-api").path("api_key").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(all()).doesNotContainKey("clinicai/calls-api");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("skip      ConsoleOpenAiAdminSecretName is empty");
    }
}
