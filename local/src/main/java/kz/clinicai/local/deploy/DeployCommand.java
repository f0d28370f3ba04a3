package kz.clinicai.local.deploy;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.template.SamTemplate;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The operator's commands around {@code sam deploy}, run as {@code ./mvnw -q -Plocal -Dlocal.args="bootstrap …"}
 * and {@code … "smoke …"} (docs/deploy.md). They use the caller's AWS credentials and region (the SDK's default
 * chain: AWS_PROFILE, AWS_REGION, ~/.aws) unless {@code --region} / {@code --endpoint} say otherwise.
 *
 * <pre>
 * bootstrap [--region R] [--endpoint URL] [--parameter-overrides "Name=Value Name=Value"]
 * smoke --api URL [--calls-webhook-url URL] [--console-key ck_…] [--clinic SLUG --acs-token T [--appointment ID]]
 *       [--region R] [--endpoint URL] [--parameter-overrides …]
 * </pre>
 * Exit status: 0 done; 1 a smoke check failed; 2 bad arguments; 3 the bootstrap still misses a credential.
 */
public final class DeployCommand {

    private DeployCommand() {
    }

    public static int bootstrap(Path templateFile, List<String> args, PrintStream out) {
        try (SecretsManagerClient sm = client(args)) {
            Bootstrap.Result result = new Bootstrap(sm, parameters(templateFile, args), System::getenv,
                    Bootstrap.Prompt.console(), out).run();
            return result.complete() ? 0 : 3;
        } catch (IllegalArgumentException | SdkException e) {
            return refused(e, out);
        }
    }

    /** No region, no credentials, no network, a denied call, a misspelt parameter: one line, no stack trace. */
    private static int refused(RuntimeException e, PrintStream out) {
        out.println("Stopped: " + e.getMessage());
        out.println("(AWS credentials and region come from AWS_PROFILE / AWS_REGION / ~/.aws, or --region; see docs/deploy.md)");
        return 2;
    }

    public static int smoke(Path templateFile, List<String> args, PrintStream out) {
        Map<String, String> parameters;
        try {
            parameters = parameters(templateFile, args);
        } catch (IllegalArgumentException e) {
            return refused(e, out);
        }
        String api = option(args, "--api", System.getenv().getOrDefault("CLINICAI_API_URL", ""));
        if (api.isBlank()) {
            out.println("smoke needs --api <the stack's ApiUrl output>");
            return 2;
        }
        Smoke.Target target = new Smoke.Target(api, parameters,
                option(args, "--console-key", System.getenv().getOrDefault("CLINICAI_CONSOLE_KEY", "")),
                option(args, "--clinic", ""),
                option(args, "--acs-token", System.getenv().getOrDefault("CLINICAI_ACS_TOKEN", "")),
                option(args, "--appointment", ""),
                option(args, "--calls-webhook-url", ""));
        try (SecretsManagerClient sm = client(args)) {
            boolean failed = new Smoke(sm, out).run(target).stream()
                    .anyMatch(c -> c.status() == Smoke.Status.FAIL);
            return failed ? 1 : 0;
        } catch (SdkException e) {
            return refused(e, out);
        }
    }

    static Map<String, String> parameters(Path templateFile, List<String> args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        String text = option(args, "--parameter-overrides", "");
        for (String pair : text.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--parameter-overrides takes Name=Value pairs: " + pair);
            }
            overrides.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return Bootstrap.parameters(SamTemplate.load(templateFile), overrides);
    }

    private static SecretsManagerClient client(List<String> args) {
        SecretsManagerClientBuilder b = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        String region = option(args, "--region", "");
        if (!region.isBlank()) {
            b.region(Region.of(region));
        }
        String endpoint = option(args, "--endpoint", "");
        if (!endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }
}
