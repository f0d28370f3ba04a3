package kz.clinicai.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kz.clinicai.shared.json.Json;

/**
 * The part of AWS Secrets Manager the platform uses (secrets holding clinic certificates and API keys), on the
 * service's own wire protocol (AWS JSON 1.1, {@code X-Amz-Target: secretsmanager.<Action>}), so functions use
 * the real SDK client against it. None of the embedded emulators covers Secrets Manager.
 */
public final class EmbeddedSecretsManager implements AutoCloseable {

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    private record Secret(String name, String arn, String value, String versionId, long createdEpochSeconds) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    private EmbeddedSecretsManager(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static EmbeddedSecretsManager start(int port) throws IOException {
        EmbeddedSecretsManager sm = new EmbeddedSecretsManager(port);
        sm.server.start();
        return sm;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Creates or replaces a secret directly (the local stack seeds the secrets that template.yaml names). */
    public void put(String name, String value) {
        secrets.compute(name, (k, old) -> new Secret(name, old != null ? old.arn() : arn(name), value,
                UUID.randomUUID().toString(), System.currentTimeMillis() / 1000));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith("secretsmanager.")) {
                error(exchange, 400, "UnknownOperationException", "Expected POST with X-Amz-Target secretsmanager.*");
                return;
            }
            JsonNode body;
            try {
                body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                error(exchange, 400, "SerializationException", "Request body is not JSON");
                return;
            }
            String action = target.substring("secretsmanager.".length());
            switch (action) {
                case "GetSecretValue" -> {
                    Secret s = find(body.path("SecretId").asText());
                    if (s == null) {
                        notFound(exchange);
                        return;
                    }
                    ObjectNode out = describe(s);
                    out.put("SecretString", s.value());
                    out.put("VersionId", s.versionId());
                    out.putArray("VersionStages").add("AWSCURRENT");
                    ok(exchange, out);
                }
                case "DescribeSecret" -> {
                    Secret s = find(body.path("SecretId").asText());
                    if (s == null) {
                        notFound(exchange);
                        return;
                    }
                    ok(exchange, describe(s));
                }
                case "CreateSecret" -> {
                    String name = body.path("Name").asText();
                    if (name.isEmpty() || !body.hasNonNull("SecretString")) {
                        error(exchange, 400, "InvalidParameterException", "Name and SecretString are required");
                        return;
                    }
                    Secret created = new Secret(name, arn(name), body.get("SecretString").asText(),
                            UUID.randomUUID().toString(), System.currentTimeMillis() / 1000);
                    if (secrets.putIfAbsent(name, created) != null) {
                        error(exchange, 400, "ResourceExistsException", "The secret " + name + " already exists.");
                        return;
                    }
                    ObjectNode out = describe(created);
                    out.put("VersionId", created.versionId());
                    ok(exchange, out);
                }
                case "PutSecretValue" -> {
                    Secret s = find(body.path("SecretId").asText());
                    if (s == null) {
                        notFound(exchange);
                        return;
                    }
                    put(s.name(), body.path("SecretString").asText());
                    Secret updated = secrets.get(s.name());
                    ObjectNode out = describe(updated);
                    out.put("VersionId", updated.versionId());
                    ok(exchange, out);
                }
                case "DeleteSecret" -> {
                    Secret s = find(body.path("SecretId").asText());
                    if (s == null) {
                        notFound(exchange);
                        return;
                    }
                    secrets.remove(s.name());
                    ObjectNode out = describe(s);
                    out.put("DeletionDate", System.currentTimeMillis() / 1000);
                    ok(exchange, out);
                }
                case "ListSecrets" -> {
                    ObjectNode out = Json.mapper().createObjectNode();
                    var list = out.putArray("SecretList");
                    secrets.values().forEach(s -> list.add(describe(s)));
                    ok(exchange, out);
                }
                default -> error(exchange, 400, "UnknownOperationException", "Not emulated: " + action);
            }
        }
    }

    private Secret find(String id) {
        Secret byName = secrets.get(id);
        if (byName != null) {
            return byName;
        }
        return secrets.values().stream().filter(s -> s.arn().equals(id)).findFirst().orElse(null);
    }

    private static ObjectNode describe(Secret s) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("ARN", s.arn());
        out.put("Name", s.name());
        out.put("CreatedDate", s.createdEpochSeconds());
        return out;
    }

    private static String arn(String name) {
        // Real ARNs end in a random 6-character suffix; callers must not build them from the name.
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-" + suffix;
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    private static void ok(HttpExchange exchange, JsonNode body) throws IOException {
        send(exchange, 200, Json.mapper().writeValueAsBytes(body), null);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        send(exchange, status, Json.mapper().writeValueAsBytes(Map.of("__type", type, "message", message)), type);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String errorType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
