package kz.clinicai.local;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import kz.clinicai.local.api.ApiEmulator;
import kz.clinicai.local.aws.AwsClients;
import kz.clinicai.local.aws.EmbeddedDynamo;
import kz.clinicai.local.aws.EmbeddedS3;
import kz.clinicai.local.aws.EmbeddedSecretsManager;
import kz.clinicai.local.aws.EmbeddedSqs;
import kz.clinicai.local.aws.LocalWorld;
import kz.clinicai.local.aws.ResourceProvisioner;
import kz.clinicai.local.aws.TableSeeder;
import kz.clinicai.local.events.ScheduleTrigger;
import kz.clinicai.local.events.SqsPoller;
import kz.clinicai.local.invoke.FunctionEnvironment;
import kz.clinicai.local.invoke.HandlerRuntime;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.local.settings.SandboxCatalog;
import kz.clinicai.local.settings.StackSettings;
import kz.clinicai.local.setup.SetupSteps;
import kz.clinicai.local.template.EventSource;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.local.template.Intrinsics;
import kz.clinicai.local.template.SamTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local stack in this JVM: embedded DynamoDB, SQS and S3 with the template's resources, the sandbox
 * (or real services), the handlers, and when serving, the API emulator, SQS pollers and schedules.
 * {@link #close()} stops them in reverse order.
 */
public final class Stack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

    private final StackConfig config;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private EmbeddedDynamo dynamo;
    private EmbeddedSqs sqs;
    private EmbeddedS3 s3;
    private EmbeddedSecretsManager secretsManager;
    private AwsClients aws;
    private Sandbox sandbox;
    private LocalWorld world;
    private HandlerRuntime runtime;
    private ApiEmulator api;
    private ScheduleTrigger schedules;
    private final List<SqsPoller> pollers = new ArrayList<>();

    private Stack(StackConfig config) {
        this.config = config;
    }

    /** Boots and prints one line per part to {@code out}, then {@code READY <api url>} when serving. */
    public static Stack boot(StackConfig config, PrintStream out) throws Exception {
        Stack stack = new Stack(config);
        try {
            stack.start(out);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void start(PrintStream out) throws Exception {
        SamTemplate template = SamTemplate.load(config.template());
        // the three emulators start in parallel: together they are most of the boot time
        CompletableFuture<EmbeddedDynamo> dynamoF = CompletableFuture.supplyAsync(() -> unchecked(() ->
                EmbeddedDynamo.start(persisted("dynamodb"))));
        CompletableFuture<EmbeddedSqs> sqsF = CompletableFuture.supplyAsync(() ->
                EmbeddedSqs.start(LocalWorld.REGION, LocalWorld.ACCOUNT));
        CompletableFuture<EmbeddedS3> s3F = CompletableFuture.supplyAsync(() -> unchecked(() ->
                EmbeddedS3.start(persisted("s3"))));
        try {
            CompletableFuture.allOf(dynamoF, sqsF, s3F).join();
        } finally {
            dynamoF.thenAccept(d -> dynamo = register(d));
            sqsF.thenAccept(q -> sqs = register(q));
            s3F.thenAccept(b -> s3 = register(b));
        }
        aws = register(new AwsClients(dynamo.endpoint(), sqs.endpoint(), s3.endpoint()));

        List<SandboxService> simulated = new ArrayList<>();
        List<String> real = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (SandboxCatalog.Entry entry : config.catalog().entries()) {
            String credential = config.env().get(entry.realCredentialEnv());
            if (credential != null && !credential.isBlank()) {
                real.add(entry.name());
                settings.putAll(config.settings().realSettings(entry.name(), config.env()));
            } else {
                simulated.add(entry.factory().get());
            }
        }
        sandbox = register(Sandbox.start(0, simulated));
        settings.putAll(sandbox.settings());

        // The API's port is chosen before the functions' environments are resolved: a parameter may name the stack's
        // own API (the console's ConsoleCallsApiUrl = ${local.apiUrl}, as the deployed console calls its own stack's).
        int apiPort = config.apiPort() == 0 ? kz.clinicai.local.aws.FreePort.find() : config.apiPort();
        if (config.serve()) {
            settings.put(SetupSteps.API_URL, "http://127.0.0.1:" + apiPort);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        template.parameters().values().forEach(p -> {
            if (p.defaultValue() != null) {
                parameters.put(p.name(), p.defaultValue());
            }
        });
        parameters.putAll(config.settings().parameters(settings, config.env()));
        world = new LocalWorld(template, parameters, sqs.endpoint());
        new ResourceProvisioner(world, aws).provisionAll();
        TableSeeder.Result seeded = new TableSeeder(world, aws, Thread.currentThread().getContextClassLoader())
                .seedAll(item -> StackSettings.expand(item, settings, config.env()));

        String persistNote = config.persist() ? " (persisted in " + config.dataDir() + ")" : " (in memory)";
        out.println("DynamoDB  " + dynamo.endpoint() + "  " + template.tables().size() + " tables" + persistNote);
        out.println("Seeded    " + seeded.total() + " items from " + TableSeeder.DIRECTORY.substring(1) + "*.json"
                + (seeded.items().isEmpty() ? "" : "  " + seeded.items().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                + (seeded.skipped() == 0 ? "" : "; " + seeded.skipped() + " skipped (a setting they use is not provided)"));
        out.println("SQS       " + sqs.endpoint() + "  " + template.queues().size() + " queues (in memory"
                + (config.persist() ? "; ElasticMQ message persistence is not wired, queues start empty" : "") + ")");
        out.println("S3        " + s3.endpoint() + "  " + template.buckets().size() + " buckets" + persistNote);
        out.println("Sandbox   " + sandbox.baseUrl() + "/  simulated: "
                + (simulated.isEmpty() ? "none" : String.join(", ", simulated.stream().map(SandboxService::name).toList()))
                + "; real: " + (real.isEmpty() ? "none" : String.join(", ", real)));

        // The same secrets serve CloudFormation's deploy-time references and functions that read them at run time.
        Map<String, String> secrets = config.settings().secrets(settings, config.env());
        secretsManager = register(EmbeddedSecretsManager.start(0));
        secrets.forEach(secretsManager::put);
        out.println("Secrets   " + secretsManager.endpoint() + "  " + secrets.size() + " secrets (Secrets Manager)");

        FunctionEnvironment environments = new FunctionEnvironment(world, secrets,
                Map.of("DYNAMODB", dynamo.endpoint(), "SQS", sqs.endpoint(), "S3", s3.endpoint(),
                        "SECRETS_MANAGER", URI.create(secretsManager.endpoint())));
        runtime = register(new HandlerRuntime(template, environments, Thread.currentThread().getContextClassLoader()));
        if (!config.serve()) {
            return;
        }
        schedules = new ScheduleTrigger(runtime);
        // One API emulator serves every HttpApi route; its CORS is the (first) HTTP API's, resolved locally.
        Intrinsics intrinsics = new Intrinsics(template, world);
        Object cors = template.httpApiIds().stream().findFirst().map(template::httpApiCors).map(c -> {
            // resolve() takes one intrinsic; the CorsConfiguration object holds one per property (AllowOrigins: !Ref).
            if (c instanceof Map<?, ?> properties) {
                Map<String, Object> resolved = new LinkedHashMap<>();
                properties.forEach((k, v) -> resolved.put(String.valueOf(k), intrinsics.resolve(v)));
                return (Object) resolved;
            }
            return intrinsics.resolve(c);
        }).orElse(null);
        api = register(ApiEmulator.start(apiPort, runtime, schedules::fireNow, cors));
        out.println("API       " + api.url() + "  " + template.functions().size() + " functions");
        api.describe().forEach(line -> out.println("  " + line));
        for (FunctionDef f : template.functions()) {
            for (EventSource.SqsSource source : f.events(EventSource.SqsSource.class)) {
                if (source.enabled() && source.queueId() != null) {
                    pollers.add(register(new SqsPoller(f.logicalId(), source, source.concurrencyCap(intrinsics),
                            world, aws.sqs(), runtime)));
                }
            }
        }
        pollers.forEach(SqsPoller::start);
        out.println("Pollers   " + pollers.size());
        pollers.forEach(p -> out.println("  " + p.describe()));
        register(schedules).start();
        out.println("Schedules " + schedules.describe().size() + "  fire now: POST " + api.url()
                + "/_local/schedules/<Function>/<EventName>");
        schedules.describe().forEach(line -> out.println("  " + line));
        // Web chat: setup steps (e.g. the bot webhook) and the pages a person opens first.
        settings.put(SetupSteps.API_URL, api.url());
        // Setup steps read secrets by name from the local Secrets Manager, as the deployed commands do.
        settings.put("local.secretsManagerUrl", secretsManager.endpoint());
        settings.put("local.awsRegion", LocalWorld.REGION);
        settings.put("local.awsAccessKeyId", kz.clinicai.local.aws.AwsClients.ACCESS_KEY);
        settings.put("local.awsSecretAccessKey", kz.clinicai.local.aws.AwsClients.SECRET_KEY);
        SetupSteps setup = new SetupSteps(config.settings());
        setup.run(settings, config.env(), simulatedNames(simulated), out);
        printPages(out, simulated, setup.pages(settings, config.env()));
        StackFile.write(config.dataDir(), Map.of("pid", ProcessHandle.current().pid(), "api", api.url(),
                "dynamodb", dynamo.endpoint().toString(), "sqs", sqs.endpoint().toString(),
                "s3", s3.endpoint().toString(), "secretsmanager", secretsManager.endpoint(),
                "sandbox", sandbox.baseUrl()));
        out.println("READY " + api.url());
        out.flush();
    }

    private static java.util.Set<String> simulatedNames(List<SandboxService> simulated) {
        return simulated.stream().map(SandboxService::name).collect(java.util.stream.Collectors.toSet());
    }

    private void printPages(PrintStream out, List<SandboxService> simulated, Map<String, String> pages) {
        Map<String, String> all = new LinkedHashMap<>(pages);
        simulated.forEach(s -> s.pages().forEach((title, rel) -> all.put(title, sandbox.mountUrl(s.name()) + "/" + rel)));
        if (!all.isEmpty()) {
            out.println("Pages");
            all.forEach((title, url) -> out.println("  " + title + "  " + url));
        }
    }

    private Optional<java.nio.file.Path> persisted(String part) {
        return config.persist() ? Optional.of(config.dataDir().resolve(part)) : Optional.empty();
    }

    private synchronized <T extends AutoCloseable> T register(T part) {
        parts.add(part);
        return part;
    }

    private interface Start<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Start<T> start) {
        try {
            return start.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the SQS pollers of {@code function}: its messages stay in the queue (a benchmark then hands one to the
     * function in a JVM of its own).
     */
    public void stopPollers(String function) {
        pollers.stream().filter(p -> p.function().equals(function)).forEach(SqsPoller::close);
        try {
            // A long poll the stopped pollers left pending in the queue server would still take the next message.
            Thread.sleep(SqsPoller.longPoll().plusMillis(500).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public HandlerRuntime runtime() {
        return runtime;
    }

    public LocalWorld world() {
        return world;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public AwsClients aws() {
        return aws;
    }

    public URI dynamoEndpoint() {
        return dynamo.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public EmbeddedSecretsManager secretsManager() {
        return secretsManager;
    }

    /** The API emulator's URL (serving stacks only). */
    public String apiUrl() {
        return api.url();
    }

    @Override
    public synchronized void close() {
        if (config.serve()) {
            StackFile.delete(config.dataDir());
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", parts.get(i).getClass().getSimpleName(), e);
            }
        }
        parts.clear();
    }
}
