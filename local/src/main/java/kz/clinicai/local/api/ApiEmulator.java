package kz.clinicai.local.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.local.invoke.HandlerRuntime;
import kz.clinicai.local.invoke.Invocation;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code sam local start-api} does, on one loopback server, but closer to a deployed HTTP API: every HttpApi
 * route and every function URL (under {@code /_url/<Function>/}) as payload format 2.0 events; route {@code /x}
 * serves {@code /x/} too; CORS preflights answered from the template's CorsConfiguration without calling a
 * function; API Gateway's limits (10 MB payload, 30 s integration timeout) and Lambda's (6 MB request and response
 * of a synchronous invocation) with their error bodies; malformed requests refused in JSON ({@link HttpWire}).
 * Local controls live under {@code /_local/}.
 */
public final class ApiEmulator implements AutoCloseable {

    /** HTTP API's integration timeout, which cannot be raised. */
    static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** A synchronous invocation's request payload limit: Lambda refuses a larger event (RequestEntityTooLarge). */
    static final int LAMBDA_MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /** A synchronous invocation's response limit, in the number Lambda's error message quotes. */
    static final int LAMBDA_MAX_RESPONSE_BYTES = 6_291_556;

    private static final Logger LOG = LoggerFactory.getLogger(ApiEmulator.class);

    /** Fires a schedule now: {@code POST /_local/schedules/<Function>/<EventName>}. */
    public interface ScheduleFiring {
        Optional<Invocation> fire(String function, String eventName);
    }

    private final HttpWire server;
    private final HandlerRuntime runtime;
    private final RouteTable routes;
    private final CorsPolicy cors;
    private final ScheduleFiring schedules;

    private ApiEmulator(int port, HandlerRuntime runtime, ScheduleFiring schedules, Object corsConfiguration)
            throws IOException {
        this.runtime = runtime;
        this.routes = new RouteTable(runtime.template());
        this.cors = CorsPolicy.of(corsConfiguration);
        this.schedules = schedules;
        this.server = HttpWire.start(port, this::handle);
    }

    /**
     * @param corsConfiguration the HTTP API's CorsConfiguration with intrinsics resolved (null: no CORS), as
     *                          {@link kz.clinicai.local.template.SamTemplate#httpApiCors} gives it
     */
    public static ApiEmulator start(int port, HandlerRuntime runtime, ScheduleFiring schedules,
                                    Object corsConfiguration) throws IOException {
        return new ApiEmulator(port, runtime, schedules, corsConfiguration);
    }

    public int port() {
        return server.port();
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

    private HttpResponses handle(WireRequest request) {
        String path = request.rawPath();
        try {
            if (path.startsWith("/_local/")) {
                return control(request, path.substring("/_local".length()));
            }
            if (path.startsWith("/_url/")) {
                return functionUrl(request, path.substring("/_url/".length()));
            }
            // API Gateway answers a preflight itself, whatever the path; the function never sees it.
            Optional<HttpResponses> preflight = cors.preflight(request);
            return preflight.isPresent() ? preflight.get() : cors.apply(request, route(request, path));
        } catch (IOException e) {
            LOG.warn("request {} {} failed", request.method(), path, e);
            return HttpResponses.message(500, "Internal Server Error");
        }
    }

    private HttpResponses route(WireRequest request, String path) throws IOException {
        Optional<RouteTable.Match> match = routes.find(request.method(), path);
        if (match.isEmpty()) {
            return HttpResponses.message(404, "Not Found");
        }
        Route route = match.get().route();
        byte[] event = Json.mapper().writeValueAsBytes(HttpEvents.of(request, path, route.routeKey(),
                match.get().pathParameters(), "local", host(request), Instant.now()));
        return invoke(route.function(), event, INTEGRATION_TIMEOUT);
    }

    /** Lambda's 6 MB limits of a synchronous invocation, answered as API Gateway relays them. */
    private HttpResponses invoke(String function, byte[] event, Duration timeout) {
        if (event.length > LAMBDA_MAX_REQUEST_BYTES) {
            LOG.warn("{}: event of {} bytes exceeds Lambda's maximum request payload ({} bytes)", function,
                    event.length, LAMBDA_MAX_REQUEST_BYTES);
            return HttpResponses.message(413, "Request Entity Too Large");
        }
        Invocation invocation = runtime.invoke(function, event, timeout);
        if (invocation instanceof Invocation.Success s && s.response().length > LAMBDA_MAX_RESPONSE_BYTES) {
            LOG.warn("{}: Response payload size exceeded maximum allowed payload size ({} bytes): {} bytes",
                    function, LAMBDA_MAX_RESPONSE_BYTES, s.response().length);
            return HttpResponses.message(502, "Internal Server Error");
        }
        return respond(function, invocation);
    }

    /** A function URL sees its own root: /_url/F/a/b arrives as rawPath /a/b. */
    private HttpResponses functionUrl(WireRequest request, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String function = slash < 0 ? rest : rest.substring(0, slash);
        Optional<FunctionDef> def = runtime.template().function(function)
                .filter(f -> f.functionUrlAuthType().isPresent());
        if (def.isEmpty()) {
            return HttpResponses.message(404, "Not Found");
        }
        String rawPath = slash < 0 ? "/" : rest.substring(slash);
        String urlId = function.toLowerCase();
        byte[] event = Json.mapper().writeValueAsBytes(HttpEvents.of(request, rawPath, "$default", Map.of(),
                urlId, urlId + ".lambda-url.us-east-1.on.aws", Instant.now()));
        return invoke(function, event, null);
    }

    private static HttpResponses respond(String function, Invocation invocation) {
        return switch (invocation) {
            case Invocation.Success s -> HttpResponses.fromLambda(s.response());
            // the stack trace stays in the local log (HandlerRuntime logged it)
            case Invocation.Failure f -> HttpResponses.message(500, "Internal Server Error");
            case Invocation.TimedOut t -> HttpResponses.message(503, "Service Unavailable");
        };
    }

    private HttpResponses control(WireRequest request, String path) {
        String method = request.method();
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
            return lambdaInvokeResponse(runtime.invoke(function, request.body(), null));
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

    private static String host(WireRequest request) {
        return request.header("Host").orElse("127.0.0.1");
    }

    @Override
    public void close() {
        server.close();
    }
}
