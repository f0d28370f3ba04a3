package kz.clinicai.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated external services on one loopback HTTP server: each service under {@code /{name}}, an index
 * page at {@code /}, and control endpoints under {@code /_control} to inject latency and faults or reset state.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, SandboxService> services = new LinkedHashMap<>();
    private final Faults faults = new Faults();
    private final Path workDir;
    private final String baseUrl;

    private Sandbox(int port, List<SandboxService> services) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server.setExecutor(executor);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.workDir = Files.createTempDirectory("clinicai-sandbox");
        for (SandboxService service : services) {
            this.services.put(service.name(), service);
        }
        server.createContext("/", this::dispatch);
    }

    /** Starts the given services (those whose real credentials are absent) on {@code port} (0: any free one). */
    public static Sandbox start(int port, List<SandboxService> services) throws IOException {
        Sandbox sandbox = new Sandbox(port, services);
        SandboxContext context = new SandboxContext(sandbox.baseUrl, sandbox.workDir, sandbox.faults);
        try {
            for (SandboxService service : services) {
                service.start(context);
            }
        } catch (IOException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
        sandbox.server.start();
        return sandbox;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String mountUrl(String service) {
        return baseUrl + "/" + service;
    }

    public Faults faults() {
        return faults;
    }

    public Optional<SandboxService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public List<SandboxService> services() {
        return List.copyOf(services.values());
    }

    /** Every service's settings ({@code openai.baseUrl} → ...), for mapping onto template parameters. */
    public Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        services.values().forEach(s -> out.putAll(s.settings(mountUrl(s.name()))));
        return out;
    }

    public void reset() {
        faults.clear();
        services.values().forEach(SandboxService::reset);
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try {
            if (path.equals("/") || path.isEmpty()) {
                index(exchange);
                return;
            }
            if (path.startsWith("/_control/")) {
                control(new SandboxExchange(exchange, path.substring("/_control".length())));
                return;
            }
            String rest = path.substring(1);
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            SandboxService service = services.get(name);
            if (service == null) {
                new SandboxExchange(exchange, path).json(404, Map.of("error", "no simulated service " + name));
                return;
            }
            SandboxExchange sub = new SandboxExchange(exchange, slash < 0 ? "/" : rest.substring(slash));
            if (FaultGate.injure(faults, service, sub)) {
                return;
            }
            service.handle(sub);
            if (!sub.responded()) {
                sub.json(404, Map.of("error", "the " + name + " simulator has no " + sub.method() + " " + sub.path()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException | IOException e) {
            LOG.warn("sandbox request {} {} failed", exchange.getRequestMethod(), path, e);
            try {
                new SandboxExchange(exchange, path).json(500, Map.of("error", "sandbox failure: " + e));
            } catch (IOException | RuntimeException ignored) {
                exchange.close();
            }
        }
    }

    /**
     * POST /_control/faults/{service} {"latencyMs":200,"faults":[{"status":429,"retryAfter":1,"count":2,"code":"..."},
     * {"timeoutMs":30000},{"malformed":true}]}; DELETE /_control/faults; POST /_control/reset.
     */
    private void control(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        if (exchange.method().equals("POST") && path.equals("/reset")) {
            reset();
            exchange.json(200, Map.of("reset", true));
        } else if (exchange.method().equals("DELETE") && path.equals("/faults")) {
            faults.clear();
            exchange.json(200, Map.of("cleared", true));
        } else if (exchange.method().equals("POST") && path.startsWith("/faults/")) {
            String service = path.substring("/faults/".length());
            if (!services.containsKey(service)) {
                exchange.json(404, Map.of("error", "no simulated service " + service));
                return;
            }
            JsonNode body = exchange.bodyJson();
            if (body.has("latencyMs")) {
                faults.latency(service, Duration.ofMillis(body.get("latencyMs").asLong()));
            }
            List<Faults.Fault> queued = new ArrayList<>();
            for (JsonNode f : body.path("faults")) {
                Faults.Fault fault;
                if (f.has("status")) {
                    fault = new Faults.Fault.Status(f.get("status").asInt(), f.path("retryAfter").asInt(0),
                            f.hasNonNull("code") ? f.get("code").asText() : null);
                } else if (f.has("timeoutMs")) {
                    fault = new Faults.Fault.Timeout(Duration.ofMillis(f.get("timeoutMs").asLong()));
                } else if (f.path("malformed").asBoolean(false)) {
                    fault = new Faults.Fault.Malformed();
                } else {
                    exchange.json(400, Map.of("error", "a fault needs status, timeoutMs or malformed"));
                    return;
                }
                for (int i = 0; i < Math.max(1, f.path("count").asInt(1)); i++) {
                    queued.add(fault);
                }
            }
            faults.enqueue(service, queued);
            exchange.json(200, Map.of("service", service, "queued", queued.size()));
        } else {
            exchange.json(404, Map.of("error", "unknown control " + exchange.method() + " " + path));
        }
    }

    private void index(HttpExchange raw) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>clinicai sandbox</title>
                <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}code{background:#eee}</style>
                </head><body><h1>Sandbox of external services (simulators, not the real APIs)</h1><ul>
                """);
        for (SandboxService s : services.values()) {
            html.append("<li><b>").append(s.name()).append("</b> — ").append(escape(s.summary()))
                    .append(" at <code>").append(mountUrl(s.name())).append("</code>");
            s.pages().forEach((title, rel) -> html.append(" · <a href=\"/").append(s.name()).append('/')
                    .append(rel).append("\">").append(escape(title)).append("</a>"));
            html.append("</li>");
        }
        html.append("""
                </ul><h2>Control</h2><ul>
                <li><code>POST /_control/faults/{service}</code> {"latencyMs":200,"faults":[{"status":429,"retryAfter":1,"count":2},{"timeoutMs":30000},{"malformed":true}]}; a status fault may name the service's error kind, e.g. openai {"status":429,"code":"insufficient_quota"}</li>
                <li><code>DELETE /_control/faults</code> clears every fault and latency</li>
                <li><code>POST /_control/reset</code> forgets recorded requests and shaped state</li>
                </ul></body></html>
                """);
        new SandboxExchange(raw, "/").html(html.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
        services.values().forEach(SandboxService::close);
        executor.shutdownNow();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove {}", workDir, e);
        }
    }
}
