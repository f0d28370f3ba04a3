package kz.clinicai.local.chat;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;
import kz.clinicai.local.settings.SandboxCatalog;
import kz.clinicai.local.settings.StackSettings;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The REAL template.yaml on the local stack with every external service simulated, booted once per test JVM for
 * the web chat ITs. Local values that differ from local-stack.properties: the per-IP rate limit is raised (every
 * test posts from 127.0.0.1), and the model retry window and hand-off timeout are shortened (20 s, 30 s) so the
 * fault ITs see outages and untaken hand-offs play out in seconds rather than the deployed 10 and 5 minutes.
 */
public final class ChatStackFixture {

    static final int MODEL_RETRY_SECONDS = 20;
    static final int HANDOFF_TIMEOUT_SECONDS = 30;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final AtomicLong TOKENS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static Stack stack;
    private static String bootOutput;

    private ChatStackFixture() {
    }

    public static synchronized Stack stack() {
        if (stack == null) {
            try {
                Path root = ProjectRoot.find(Path.of(""));
                Map<String, String> raw = new HashMap<>(StackSettings.load().raw(""));
                raw.put("parameter.ChatIpRateLimitPerMinute", "100000");
                raw.put("parameter.ChatModelRetrySeconds", String.valueOf(MODEL_RETRY_SECONDS));
                raw.put("parameter.ChatHandoffTimeoutSeconds", String.valueOf(HANDOFF_TIMEOUT_SECONDS));
                ByteArrayOutputStream lines = new ByteArrayOutputStream();
                stack = Stack.boot(new StackConfig(root.resolve("template.yaml"), 0, false,
                        Files.createTempDirectory("chat-stack-it"), true, SandboxCatalog.platform(),
                        new StackSettings(raw), Map.of()), new PrintStream(lines, true, StandardCharsets.UTF_8));
                bootOutput = lines.toString(StandardCharsets.UTF_8);
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            } catch (Exception e) {
                throw new IllegalStateException("chat stack did not boot", e);
            }
        }
        return stack;
    }

    static synchronized String bootOutput() {
        stack();
        return bootOutput;
    }

    static String api() {
        return stack().apiUrl();
    }

    static String sandbox(String service) {
        return stack().sandbox().mountUrl(service);
    }

    /** Sets a queue's visibility timeout; returns the previous one. */
    static int visibility(String queueLogicalId, int seconds) {
        String url = queueUrl(queueLogicalId);
        var sqs = stack().aws().sqs();
        int previous = Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
        sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(seconds))));
        return previous;
    }

    static String queueUrl(String logicalId) {
        return stack().world().queueUrl(stack().world().queue(logicalId));
    }

    /** A fresh visitor token per test: chats never share state across tests. */
    static String newToken(String label) {
        return (label + "-" + TOKENS.incrementAndGet() + "-visitor-token").replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    static HttpResponse<String> post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b.build());
    }

    static HttpResponse<String> get(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
