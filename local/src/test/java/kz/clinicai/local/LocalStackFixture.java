package kz.clinicai.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.fixture.FixtureSandboxService;
import kz.clinicai.local.settings.SandboxCatalog;
import kz.clinicai.local.settings.StackSettings;

/** The fixture stack, booted once per test JVM on ephemeral ports and shared by every IT. */
public final class LocalStackFixture {

    private static Stack stack;
    private static String bootOutput;
    private static Path dataDir;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalStackFixture() {
    }

    public static synchronized Stack stack() {
        if (stack == null) {
            try {
                dataDir = Files.createTempDirectory("local-stack-it");
                ByteArrayOutputStream lines = new ByteArrayOutputStream();
                stack = Stack.boot(config(dataDir, true), new PrintStream(lines, true, StandardCharsets.UTF_8));
                bootOutput = lines.toString(StandardCharsets.UTF_8);
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            } catch (Exception e) {
                throw new IllegalStateException("fixture stack did not boot", e);
            }
        }
        return stack;
    }

    static StackConfig config(Path dataDir, boolean serve) {
        return new StackConfig(template("/fixture/template.yaml"), 0, false, dataDir, serve,
                new SandboxCatalog(List.of(
                        new SandboxCatalog.Entry("fixture", "FIXTURE_REAL_KEY", FixtureSandboxService::new),
                        new SandboxCatalog.Entry("realone", "REAL_ONE_KEY", FixtureSandboxService::new))),
                new StackSettings(Map.of(
                        "parameter.Greeting", "${fixture.greeting}",
                        "secret.fixture/api", "{\"api_key\":\"${realone.key}\"}",
                        "real.realone.realone.key", "${env:REAL_ONE_KEY}")),
                Map.of("REAL_ONE_KEY", "k-123"));
    }

    public static Path template(String resource) {
        try {
            return Path.of(LocalStackFixture.class.getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized String bootOutput() {
        stack();
        return bootOutput;
    }

    public static synchronized Path dataDir() {
        stack();
        return dataDir;
    }

    public static String api() {
        return stack().apiUrl();
    }

    public static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).GET());
    }

    public static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(40)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Polls until the condition holds (no sleeping tests). */
    public static void await(String what, Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }
}
