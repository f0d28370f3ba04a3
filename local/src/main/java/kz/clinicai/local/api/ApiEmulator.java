package kz.clinicai.local.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kz.clinicai.local.invoke.HandlerRuntime;
import kz.clinicai.local.invoke.Invocation;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.shared.json.Json;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What {@code sam local start-api} does, on one loopback server: every HttpApi route and every function URL
 * (under {@code /_url/<Function>/}) as payload format 2.0 events, with API Gateway's limits (10 MB payload,
 * 30 s integration timeout) and error bodies. Local controls live under {@code /_local/}.
 */
public final class ApiEmulator implements AutoCloseable {

    /** HTTP API's maximum payload. */
    static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    /** HTTP API's integration timeout, which cannot be raised. */
    static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LogManager.getLogger(ApiEmulator.class);

    /** Fires a schedule now: {@code POST /_local/schedules/<Function>/<EventName>}. */
    public interface ScheduleFiring {
        Optional<Invocation> fire(String function, String eventName);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HandlerRuntime runtime;
    private final RouteTable routes;
    private final ScheduleFiring schedules;

    private ApiEmulator(HttpServer server, HandlerRuntime runtime, ScheduleFiring schedules) {
        this.server = server;
        this.runtime = runtime;
        this.routes = new RouteTable(runtime.template());
        this.schedules = schedules;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static ApiEmulator start(int port, HandlerRuntime runtime, ScheduleFiring schedules) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ApiEmulator api = new ApiEmulator(server, runtime, schedules);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** One line per route and function URL: {@code POST http://127.0.0.1:3000/gpt/ -> ChatApiFunction}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        routes.routes().forEach(r -> lines.add((r.isDefault() ? "ANY " + url() + "/* ($default)"
                : r.method() + " " + url() + r.path()) + " -> " + r.function()));
        runtime.template().functions().stream().filter(f -> f.functionUrlAuthType().isPresent())
                .forEach(f -> lines.add("URL " + functionUrl(f.logicalId()) + " -> " + f.logicalId()
                        + " (function URL, AuthType " + f.functionUrlAuthType().get() + ")"));
        return lines;
    }

    public String functionUrl(String function) {
        return url() + "/_url/" + function + "/";
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            HttpResponses response;
            if (path.startsWith("/_local/")) {
                response = control(exchange, path.substring("/_local".length()));
            } else if (path.startsWith("/_url/")) {
                response = functionUrl(exchange, path.substring("/_url/".length()));
            } else {
                response = route(exchange, path);
            }
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            LOG.warn("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private HttpResponses route(HttpExchange exchange, String path) throws IOException {
        Optional<RouteTable.Match> match = routes.find(exchange.getRequestMethod(), path);
        if (match.isEmpty()) {
            return HttpResponses.message(404, "Not Found");
        }
        Optional<byte[]> body = readBody(exchange);
        if (body.isEmpty()) {
            return HttpResponses.message(413, "Request Entity Too Large");
        }
        Route route = match.get().route();
        byte[] event = Json.mapper().writeValueAsBytes(HttpEvents.of(exchange, path, route.routeKey(),
                match.get().pathParameters(), body.get(), "local", host(exchange), Instant.now()));
        return respond(route.function(), runtime.invoke(route.function(), event, INTEGRATION_TIMEOUT));
    }

    /** A function URL sees its own root: /_url/F/a/b arrives as rawPath /a/b. */
    private HttpResponses functionUrl(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String function = slash < 0 ? rest : rest.substring(0, slash);
        Optional<FunctionDef> def = runtime.template().function(function)
                .filter(f -> f.functionUrlAuthType().isPresent());
        if (def.isEmpty()) {
            return HttpResponses.message(404, "Not Found");
        }
        Optional<byte[]> body = readBody(exchange);
        if (body.isEmpty()) {
            return HttpResponses.message(413, "Request Entity Too Large");
        }
        String rawPath = slash < 0 ? "/" : rest.substring(slash);
        String urlId = function.toLowerCase();
        byte[] event = Json.mapper().writeValueAsBytes(HttpEvents.of(exchange, rawPath, "$default", Map.of(),
                body.get(), urlId, urlId + ".lambda-url.us-east-1.on.aws", Instant.now()));
        return respond(function, runtime.invoke(function, event, null));
    }

    private static HttpResponses respond(String function, Invocation invocation) {
        return switch (invocation) {
            case Invocation.Success s -> HttpResponses.fromLambda(s.response());
            // the stack trace stays in the local log (HandlerRuntime logged it)
            case Invocation.Failure f -> HttpResponses.message(500, "Internal Server Error");
            case Invocation.TimedOut t -> HttpResponses.message(503, "Service Unavailable");
        };
    }

    private HttpResponses control(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("/health")) {
            return HttpResponses.ofJson(200, Map.of("status", "ok", "pid", ProcessHandle.current().pid()));
        }
        if (method.equals("GET") && path.equals("/functions")) {
            return HttpResponses.ofJson(200, Map.of("coldStartMillis", runtime.coldStarts()));
        }
        if (method.equals("POST") && path.equals("/warm")) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (FunctionDef f : runtime.template().functions()) {
                try {
                    out.put(f.logicalId(), runtime.warmUp(f.logicalId()));
                } catch (RuntimeException e) {
                    out.put(f.logicalId(), "init failed: " + e.getMessage());
                }
            }
            return HttpResponses.ofJson(200, Map.of("coldStartMillis", out));
        }
        if (method.equals("POST") && path.startsWith("/invoke/")) {
            String function = path.substring("/invoke/".length());
            if (runtime.template().function(function).isEmpty()) {
                return HttpResponses.message(404, "No function " + function);
            }
            Optional<byte[]> body = readBody(exchange);
            return body.isEmpty() ? HttpResponses.message(413, "Request Entity Too Large")
                    : lambdaInvokeResponse(runtime.invoke(function, body.get(), null));
        }
        if (method.equals("POST") && path.startsWith("/schedules/")) {
            String[] parts = path.substring("/schedules/".length()).split("/");
            if (parts.length != 2) {
                return HttpResponses.message(404, "Not Found");
            }
            return schedules.fire(parts[0], parts[1]).map(ApiEmulator::lambdaInvokeResponse)
                    .orElseGet(() -> HttpResponses.message(404, "No schedule " + parts[1] + " of " + parts[0]));
        }
        return HttpResponses.message(404, "Not Found");
    }

    /** Like Lambda's Invoke API: the response, or the error JSON with X-Amz-Function-Error. */
    static HttpResponses lambdaInvokeResponse(Invocation invocation) {
        return switch (invocation) {
            case Invocation.Success s -> HttpResponses.json(200, s.response());
            case Invocation.Failure f -> functionError(Map.of("errorMessage", String.valueOf(f.error().getMessage()),
                    "errorType", f.error().getClass().getName()));
            case Invocation.TimedOut t -> functionError(Map.of("errorMessage", t.requestId()
                    + " Task timed out after " + t.timeoutSeconds() + ".00 seconds", "errorType", "Sandbox.Timedout"));
        };
    }

    private static HttpResponses functionError(Map<String, String> error) {
        HttpResponses r = HttpResponses.ofJson(200, error);
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put("X-Amz-Function-Error", List.of("Unhandled"));
        return new HttpResponses(200, headers, r.body());
    }

    /** Empty when the body is over API Gateway's limit. */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
            return body.length > MAX_PAYLOAD ? Optional.empty() : Optional.of(body);
        }
    }

    private static String host(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null ? "127.0.0.1" : host;
    }

    private static void send(HttpExchange exchange, HttpResponses response) throws IOException {
        response.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
