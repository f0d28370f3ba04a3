package kz.clinicai.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.console.ConsoleAccess;
import kz.clinicai.local.template.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The smoke check against the local stack as if it were a deployed one (its API URL, its function URL, its Secrets
 * Manager): every part passes; a wrong key makes exactly its part fail, saying what came back.
 */
class SmokeIT {

    private static final Map<String, String> PARAMETERS = Bootstrap.parameters(
            SamTemplate.load(ProjectRoot.find(Path.of("")).resolve("template.yaml")), Map.of());
    private static SecretsManagerClient secrets;

    @BeforeAll
    static void boot() {
        PlatformStackFixture.stack();
        secrets = SecretsManagerClient.builder()
                .endpointOverride(URI.create(PlatformStackFixture.stack().secretsManager().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void close() {
        secrets.close();
    }

    private static Map<String, Smoke.Check> run(Smoke.Target target, StringBuilder printed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Smoke.Check> checks = new Smoke(secrets, new PrintStream(out, true, StandardCharsets.UTF_8)).run(target);
        printed.append(out.toString(StandardCharsets.UTF_8));
        return checks.stream().collect(Collectors.toMap(Smoke.Check::part, c -> c));
    }

    @Test
    void everyPartOfAWorkingStackPasses() {
        long appointment = 995_000 + System.nanoTime() % 4_000;
        LocalDate date = LocalDate.now(ZoneId.of("Asia/Almaty")).plusDays(2);
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        PlatformStackFixture.sandboxPost("/infoclinica/_control/appointments", Map.of("schedid", appointment,
                "pcode", appointment, "dcode", 1001, "date", date.toString(), "start", "15:00", "end", "15:30"));
        String consoleKey = ConsoleAccess.adminApiKey("smoke-it");
        StringBuilder printed = new StringBuilder();

        Map<String, Smoke.Check> checks = run(new Smoke.Target(PlatformStackFixture.api(), PARAMETERS, consoleKey,
                "infoclinica-clinic", "local-acs-token", String.valueOf(appointment),
                PlatformStackFixture.api() + "/_url/CallsWebhookFunction/"), printed);

        assertThat(checks.keySet()).containsExactlyInAnyOrder("health", "console", "assistants", "chat", "telegram",
                "calls", "calls-webhook", "analytics", "voicebot", "console-api");
        assertThat(checks.values()).as(printed.toString()).allSatisfy(c ->
                assertThat(c.status()).as(c.part() + ": " + c.detail()).isEqualTo(Smoke.Status.OK));
        assertThat(printed).contains("Smoke check passed.").doesNotContain("local-calls-key", "local-analytics-key",
                "local-assistants-key", consoleKey);
    }

    @Test
    void aWrongKeyFailsItsPartOnlyAndSaysWhatCameBackAndMissingOptionsAreSkips() {
        secrets.createSecret(b -> b.name("smoke-it/calls-api-" + System.nanoTime() % 100_000)
                .secretString("{\"api_key\":\"not-the-calls-key-of-this-stack\"}"));
        String wrong = secrets.listSecrets(b -> { }).secretList().stream().map(s -> s.name())
                .filter(n -> n.startsWith("smoke-it/calls-api-")).findFirst().orElseThrow();
        Map<String, String> parameters = new HashMap<>(PARAMETERS);
        parameters.put("CallsApiSecretName", wrong);
        StringBuilder printed = new StringBuilder();

        Map<String, Smoke.Check> checks = run(new Smoke.Target(PlatformStackFixture.api(), parameters, "", "", "",
                "", ""), printed);

        assertThat(checks.get("calls").status()).isEqualTo(Smoke.Status.FAIL);
        assertThat(checks.get("calls").detail()).contains("got 401");
        assertThat(checks.get("voicebot").status()).isEqualTo(Smoke.Status.SKIP);
        assertThat(checks.get("console-api").status()).isEqualTo(Smoke.Status.SKIP);
        assertThat(checks.get("calls-webhook").status()).isEqualTo(Smoke.Status.SKIP);
        assertThat(checks.values()).filteredOn(c -> c.status() == Smoke.Status.FAIL).hasSize(1);
        assertThat(printed).contains("1 part(s) failed").doesNotContain("not-the-calls-key-of-this-stack");
    }
}
