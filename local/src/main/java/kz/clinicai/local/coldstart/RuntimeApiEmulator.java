package kz.clinicai.local.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, as the runtime interface client
 * speaks it: {@code GET /runtime/invocation/next} (long poll; the event with {@code Lambda-Runtime-Aws-Request-Id},
 * {@code -Deadline-Ms}, {@code -Invoked-Function-Arn}, {@code -Trace-Id}), {@code POST /runtime/invocation/{id}/response}
 * and {@code /error}, {@code POST /runtime/init/error}, and SnapStart's {@code GET /runtime/restore/next} (answered at
 * once: the "restore" happens in the same process, so what the first invocation meets is what a snapshot holds) and
 * {@code POST /runtime/restore/error}. Anything else is 404, a response for an unknown request id 400 — the RIC's
 * mistakes show instead of hanging. Records when the runtime first asked for work: the end of its init.
 */
public final class RuntimeApiEmulator implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the function answered: the response body, or the error the runtime reported. */
    public record Outcome(boolean error, String errorType, byte[] body, long answeredNanos) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Pending(String id, byte[] event, long deadlineMs, CompletableFuture<Outcome> outcome) {
    }

    private final HttpServer server;
    private final String functionArn;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile long lastDelivered;

    public RuntimeApiEmulator(String functionArn) throws IOException {
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        // Long polls park a thread each; the RIC holds at most one at a time.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event; the future completes when the runtime posts its response or error. */
    public CompletableFuture<Outcome> invoke(byte[] event, Duration timeout) {
        Pending p = new Pending(UUID.randomUUID().toString(), event,
                System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>());
        inFlight.put(p.id(), p);
        queue.add(p);
        return p.outcome();
    }

    /** System.nanoTime() of the runtime's first {@code /invocation/next}: its init is over. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** System.nanoTime() of {@code /restore/next}: the runtime ran its beforeCheckpoint hooks (SnapStart init). */
    public CompletableFuture<Long> restoreNext() {
        return restoreNext;
    }

    public CompletableFuture<String> initError() {
        return initError;
    }

    /** System.nanoTime() when the last event left in a {@code /next} answer. */
    public long lastDelivered() {
        return lastDelivered;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = readAll(exchange.getRequestBody());
            if (!path.startsWith(PREFIX)) {
                answer(exchange, 404, "{\"errorType\":\"NotFound\"}");
                return;
            }
            String rest = path.substring(PREFIX.length());
            if (method.equals("GET") && rest.equals("invocation/next")) {
                firstNext.complete(System.nanoTime());
                next(exchange);
            } else if (method.equals("GET") && rest.equals("restore/next")) {
                restoreNext.complete(System.nanoTime());
                exchange.sendResponseHeaders(200, -1);
            } else if (method.equals("POST") && (rest.equals("init/error") || rest.equals("restore/error"))) {
                initError.complete(rest + " " + header(exchange, "Lambda-Runtime-Function-Error-Type") + " "
                        + new String(body, StandardCharsets.UTF_8));
                answer(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && rest.startsWith("invocation/")
                    && (rest.endsWith("/response") || rest.endsWith("/error"))) {
                long now = System.nanoTime();
                String id = rest.substring("invocation/".length(), rest.lastIndexOf('/'));
                Pending p = inFlight.remove(id);
                if (p == null) {
                    answer(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                boolean error = rest.endsWith("/error");
                p.outcome().complete(new Outcome(error, error ? header(exchange, "Lambda-Runtime-Function-Error-Type")
                        : null, body, now));
                answer(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                answer(exchange, 404, "{\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending p;
        try {
            p = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", p.id());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(p.deadlineMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + p.id().replace("-", "").substring(0, 24) + ";Parent=" + p.id().replace("-", "").substring(0, 16)
                + ";Sampled=0");
        lastDelivered = System.nanoTime();
        exchange.sendResponseHeaders(200, p.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(p.event());
        }
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        try {
            ((java.util.concurrent.ExecutorService) server.getExecutor()).awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
