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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;
import kz.clinicai.local.settings.StackSettings;
import kz.clinicai.shared.json.Json;

/**
 * {@code LocalStack chat-bench [--messages N] [--latency MS]}: the web chat's own latency on the local stack with
 * the sandbox model answering after a fixed delay. For each message (a fresh token each, so the per-token rate limit
 * stays out of the way): POST /gpt/, then GET /message/ every {@value #POLL_MS} ms until the reply is there; the
 * figure is that time minus the model's fixed latency, i.e. what the queue, worker, DynamoDB and API add. Then the
 * warm latency of an empty GET /message/. Prints p50/p99.
 */
public final class ChatLatencyBench {

    static final int POLL_MS = 2;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChatLatencyBench() {
    }

    public static void run(StackConfig base, int messages, int latencyMs, PrintStream out) throws Exception {
        Map<String, String> raw = new HashMap<>(StackSettings.load().raw(""));
        // One client on 127.0.0.1 sends every message: the per-IP limit would stop the run, not measure it.
        raw.put("parameter.ChatIpRateLimitPerMinute", "1000000");
        // Ephemeral port and data folder: a stack already running on 3000 is left alone.
        StackConfig config = new StackConfig(base.template(), 0, false, Files.createTempDirectory("chat-bench"), true,
                base.catalog(), new StackSettings(raw), Map.of());
        ByteArrayOutputStream boot = new ByteArrayOutputStream();
        try (Stack stack = Stack.boot(config, new PrintStream(boot, true, StandardCharsets.UTF_8))) {
            String api = stack.apiUrl();
            post(stack.sandbox().baseUrl() + "/_control/faults/openai", Map.of("Content-Type", "application/json"),
                    "{\"latencyMs\":" + latencyMs + "}");
            out.printf("chat-bench: %d messages, sandbox model latency %d ms, GET poll every %d ms%n", messages,
                    latencyMs, POLL_MS);
            // Warm-up: every handler cold-starts once, the JIT sees the paths.
            for (int i = 0; i < 10; i++) {
                roundTrip(api, "warmup-" + i);
            }
            List<Double> overhead = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                overhead.add(roundTrip(api, "bench-" + i) - latencyMs);
            }
            String idle = token("idle");
            for (int i = 0; i < 50; i++) {
                emptyGet(api, idle);
            }
            List<Double> gets = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                gets.add(emptyGet(api, idle));
            }
            out.printf("POST -> reply returned by GET, beyond the model's %d ms: p50 %.1f ms, p99 %.1f ms (n=%d)%n",
                    latencyMs, percentile(overhead, 50), percentile(overhead, 99), overhead.size());
            out.printf("empty GET /message/ (warm): p50 %.2f ms, p99 %.2f ms (n=%d)%n",
                    percentile(gets, 50), percentile(gets, 99), gets.size());
        }
    }

    private static String token(String label) {
        return label + "-" + System.nanoTime() + "-bench-token";
    }

    /** Milliseconds from the POST to the GET that returned the reply. */
    private static double roundTrip(String api, String label) throws Exception {
        String token = token(label);
        long start = System.nanoTime();
        HttpResponse<String> posted = post(api + "/gpt/", Map.of("chat-token", token, "Content-Type", "application/json"),
                "{\"message\":\"Сколько стоит доставка? " + label + "\"}");
        if (posted.statusCode() != 201) {
            throw new IllegalStateException("POST /gpt/ answered " + posted.statusCode() + ": " + posted.body());
        }
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> got = get(api + "/message/", token);
            JsonNode list = Json.mapper().readTree(got.body()).path("messages");
            for (JsonNode m : list) {
                if (m.path("user").asText().equals("GPT")) {
                    return (System.nanoTime() - start) / 1e6;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(POLL_MS).toNanos());
        }
        throw new IllegalStateException("no reply for " + token + " within 30 s");
    }

    private static double emptyGet(String api, String token) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> got = get(api + "/message/", token);
        double ms = (System.nanoTime() - start) / 1e6;
        if (got.statusCode() != 200) {
            throw new IllegalStateException("GET /message/ answered " + got.statusCode());
        }
        return ms;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static HttpResponse<String> post(String url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("chat-token", token).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
