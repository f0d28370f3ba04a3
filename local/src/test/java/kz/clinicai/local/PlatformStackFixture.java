package kz.clinicai.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kz.clinicai.local.settings.SandboxCatalog;
import kz.clinicai.local.settings.StackSettings;
import kz.clinicai.shared.json.Json;

/**
 * The platform as {@code ./mvnw -Plocal} runs it: the project's real template.yaml, every external service
 * simulated by the sandbox (no real credential is taken from the shell), the seeds and secrets of
 * local-stack.properties. Booted once per test JVM on ephemeral ports and shared by the end-to-end ITs. The only
 * differences from the developer's stack are a short voicebot deadline, so a test of a slow InfoClinica is quick,
 * a low cap on concurrent AI calls, so the calls ITs can reach it, small UIS report pages and a short wait for
 * late recordings.
 */
public final class PlatformStackFixture {

    /** VoicebotDeadlineSeconds of the test stack. */
    public static final int DEADLINE_SECONDS = 5;
    /** CallsMaxConcurrent of the test stack. */
    public static final int CALLS_MAX_CONCURRENT = 4;
    /** AnalyticsPullPageSize of the test stack. */
    public static final int ANALYTICS_PAGE_SIZE = 4;
    /** Longer than any answer may take: the deadline plus generous slack for a loaded build machine. */
    /** Where the reminder ITs' callees are (+7 701…: Kazakhstan). */
    private static final java.time.ZoneId ALMATY = java.time.ZoneId.of("Asia/Almaty");
    /** When this JVM's stack was set up: whether the ITs are inside calling hours is decided once, from here. */
    private static final java.time.Instant BOOT = java.time.Instant.now();

    /**
     * The stack's calling hours (template parameter CallsHours). {@code -Dit.callsHours=HH:mm-HH:mm} sets them, so the
     * ITs that act differently outside calling hours (a reminder call then waits for its hour) can be run on either
     * side of the window at any time of day. Otherwise the template's 09:00-21:00, unless the run starts within an hour
     * of its opening or closing in Almaty: then a window the whole run is clearly outside of, so a test never sees a
     * call dialled that it expected to wait (or the reverse) because the hour turned during the run.
     */
    public static final String CALLS_HOURS = System.getProperty("it.callsHours", defaultCallsHours());

    private static String defaultCallsHours() {
        java.time.LocalTime t = BOOT.atZone(ALMATY).toLocalTime();
        if (!t.isBefore(java.time.LocalTime.of(8, 0)) && t.isBefore(java.time.LocalTime.of(9, 0))) {
            return "10:00-21:00";
        }
        if (!t.isBefore(java.time.LocalTime.of(20, 0)) && t.isBefore(java.time.LocalTime.of(21, 0))) {
            return "09:00-20:00";
        }
        return "09:00-21:00";
    }

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(DEADLINE_SECONDS + 20);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Stack stack;
    private static String bootOutput;

    private PlatformStackFixture() {
    }

    public static synchronized Stack stack() {
        if (stack == null) {
            try {
                Path root = ProjectRoot.find(Path.of(""));
                StackConfig config = new StackConfig(root.resolve("template.yaml"), 0, false,
                        Files.createTempDirectory("platform-stack-it"), true, SandboxCatalog.platform(),
                        StackSettings.load().with(Map.of("parameter.VoicebotDeadlineSeconds",
                                String.valueOf(DEADLINE_SECONDS),
                                // a cap the calls ITs can reach with a few calls
                                "parameter.CallsMaxConcurrent", String.valueOf(CALLS_MAX_CONCURRENT),
                                // Small UIS pages: every analytics pull pages past its limit.
                                "parameter.AnalyticsPullPageSize", String.valueOf(ANALYTICS_PAGE_SIZE),
                                // A recording UIS publishes late is looked for again after seconds, not minutes.
                                "parameter.AnalyticsRecordingRetrySeconds", "2",
                                "parameter.CallsHours", CALLS_HOURS,
                                // Every reminder IT calls the one seeded clinic. Outside calling hours each call waits
                                // for the morning holding one of its clinic's slots, so the template's 5 would leave
                                // later tests' entries queued; the cap itself is proven by ReminderStoreContract on
                                // DynamoDB Local and by RemindersBench.
                                "parameter.RemindersMaxConcurrentPerClinic", "100")),
                        Map.of());
                ByteArrayOutputStream lines = new ByteArrayOutputStream();
                stack = Stack.boot(config, new PrintStream(lines, true, StandardCharsets.UTF_8));
                bootOutput = lines.toString(StandardCharsets.UTF_8);
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            } catch (Exception e) {
                throw new IllegalStateException("platform stack did not boot", e);
            }
        }
        return stack;
    }

    /** Sets a queue's visibility timeout (a test of redelivery need not wait the real minutes); returns the old one. */
    public static int visibility(String queueLogicalId, int seconds) {
        var world = stack().world();
        String url = world.queueUrl(world.queue(queueLogicalId));
        var sqs = stack().aws().sqs();
        var name = software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT;
        int previous = Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(name))
                .attributes().get(name));
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(name, String.valueOf(seconds))));
        return previous;
    }

    /** When the stack's calling hours open: a call placed outside them waits for this local time. */
    public static java.time.LocalTime callingHoursStart() {
        return java.time.LocalTime.parse(CALLS_HOURS.split("-")[0].trim());
    }

    /**
     * Whether the reminder ITs' calls to this zone are dialled in this run: the stack's calling hours held at its
     * start and for an hour after (decided once, so every test of the run takes the same side).
     */
    public static boolean insideCallingHours(java.time.ZoneId zone) {
        kz.clinicai.calls.api.CallingHours hours = kz.clinicai.calls.api.CallingHours.parse(CALLS_HOURS);
        return hours.allows(BOOT, zone) && hours.allows(BOOT.plus(Duration.ofHours(1)), zone);
    }

    public static synchronized String bootOutput() {
        stack();
        return bootOutput;
    }

    public static String api() {
        return stack().apiUrl();
    }

    /** A sandbox URL: {@code /infoclinica/_control/state}, {@code /_control/faults/infoclinica}… */
    public static String sandbox(String path) {
        return stack().sandbox().baseUrl() + path;
    }

    public static HttpResponse<String> send(String method, String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " interrupted", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        }
    }

    /** POSTs {@code body} as JSON to the sandbox and returns the answer's JSON (2xx expected). */
    public static JsonNode sandboxPost(String path, Object body) {
        try {
            HttpResponse<String> response = send("POST", sandbox(path), Json.mapper().writeValueAsString(body));
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("sandbox " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode sandboxGet(String path) {
        HttpResponse<String> response = send("GET", sandbox(path), null);
        try {
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
