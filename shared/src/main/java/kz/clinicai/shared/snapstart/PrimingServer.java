package kz.clinicai.shared.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.shared.json.Json;

/**
 * The network a priming twin talks to while its function is being snapshotted: a loopback HTTP/1.1 server in the
 * function's own JVM that answers the AWS JSON protocols (DynamoDB, SQS, Secrets Manager) and OpenAI's Responses
 * API with well-formed, empty answers, so the twin's SDK and OpenAI clients marshal, sign, send, receive and
 * unmarshal for real without one byte leaving the machine. Nothing it answers is data: no table item, no secret
 * (the secret strings hold the word "priming" under the platform's field names, so a path reads "a key", never a
 * real one), no queue message. Every connection is closed after its answer and the server is closed when priming
 * ends, so no socket survives into the snapshot.
 *
 * <p>Plain sockets rather than the JDK's HTTP server: the Lambda runtime's JRE need not carry jdk.httpserver.
 */
final class PrimingServer implements AutoCloseable {

    /** The field names the platform's secrets use (docs/operations.md, "secret" table), each holding a harmless placeholder. */
    static final String SECRET_STRING = "{\"api_key\":\"priming\",\"bot_token\":\"0:priming\","
            + "\"webhook_secret\":\"priming\",\"signing_key\":\"priming\",\"result_signing_key\":\"priming\","
            + "\"access_token\":\"priming\",\"credentials\":\"{}\"}";

    private final ServerSocket socket;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "priming-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();

    PrimingServer() throws IOException {
        socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        workers.submit(this::accept);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    int requests() {
        return requests.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                workers.submit(() -> serve(client));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            client.setSoTimeout(5_000);
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            requests.incrementAndGet();
            String[] parts = requestLine.split(" ");
            Answer answer = answer(parts.length > 1 ? parts[1] : "/", headers, body);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + answer.status() + (answer.status() == 200 ? " OK" : " Not Found") + "\r\n"
                    + "Content-Type: " + answer.contentType() + "\r\n"
                    + "Content-Length: " + bytes.length + "\r\n"
                    + "x-amzn-RequestId: priming\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // A twin that gives up mid-request is fine: priming only warms code paths.
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    static Answer answer(String path, Map<String, String> headers, byte[] body) {
        String target = headers.get("x-amz-target");
        if (target != null) {
            return new Answer(200, "application/x-amz-json-1.0", aws(target, body));
        }
        if (path.endsWith("/responses")) {
            return new Answer(200, "application/json", openAiResponse(body));
        }
        if (path.contains("/v1/") || path.startsWith("/v1")) {
            return new Answer(404, "application/json", "{\"error\":{\"message\":\"priming\",\"type\":"
                    + "\"invalid_request_error\",\"param\":null,\"code\":null}}");
        }
        return new Answer(404, "application/json", "{}");
    }

    private static String aws(String target, byte[] body) {
        String operation = target.substring(target.indexOf('.') + 1);
        try {
            return switch (operation) {
                case "Query", "Scan" -> "{\"Count\":0,\"ScannedCount\":0,\"Items\":[]}";
                case "BatchGetItem" -> "{\"Responses\":{},\"UnprocessedKeys\":{}}";
                case "BatchWriteItem" -> "{\"UnprocessedItems\":{}}";
                case "GetSecretValue" -> {
                    String name = Json.mapper().readTree(body).path("SecretId").asText("priming");
                    ObjectNode secret = Json.mapper().createObjectNode();
                    secret.put("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name + "-priming");
                    secret.put("Name", name);
                    secret.put("VersionId", "priming");
                    secret.put("SecretString", SECRET_STRING);
                    yield secret.toString();
                }
                case "SendMessage" -> {
                    JsonNode request = Json.mapper().readTree(body);
                    yield "{\"MessageId\":\"priming\",\"MD5OfMessageBody\":\""
                            + md5(request.path("MessageBody").asText()) + "\"}";
                }
                case "SendMessageBatch" -> {
                    ArrayNode ok = Json.mapper().createArrayNode();
                    for (JsonNode entry : Json.mapper().readTree(body).path("Entries")) {
                        ok.addObject().put("Id", entry.path("Id").asText()).put("MessageId", "priming")
                                .put("MD5OfMessageBody", md5(entry.path("MessageBody").asText()));
                    }
                    ObjectNode out = Json.mapper().createObjectNode();
                    out.set("Successful", ok);
                    out.putArray("Failed");
                    yield out.toString();
                }
                case "ReceiveMessage" -> "{\"Messages\":[]}";
                default -> "{}";
            };
        } catch (IOException e) {
            return "{}";
        }
    }

    /** A completed Responses answer: a short output text and a function call (both parsers), echoing the model. */
    private static String openAiResponse(byte[] body) {
        // Echoes the request's model (the function's configured one); no model name of its own.
        String model = "";
        try {
            model = Json.mapper().readTree(body).path("model").asText("");
        } catch (IOException e) {
            // an empty model then: priming parses the answer, it does not judge the model
        }
        return "{\"id\":\"resp_priming\",\"object\":\"response\",\"created_at\":0,\"status\":\"completed\","
                + "\"model\":" + quoted(model) + ",\"output\":[{\"type\":\"message\",\"id\":\"msg_priming\","
                + "\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"priming\",\"annotations\":[]}]},{\"type\":\"function_call\",\"id\":\"fc_priming\","
                + "\"call_id\":\"call_priming\",\"name\":\"priming\",\"arguments\":\"{}\",\"status\":\"completed\"}],\"parallel_tool_calls\":true,\"tool_choice\":\"auto\","
                + "\"tools\":[],\"temperature\":1.0,\"top_p\":1.0,\"error\":null,\"incomplete_details\":null,"
                + "\"instructions\":null,\"metadata\":{},\"usage\":{\"input_tokens\":1,\"input_tokens_details\":"
                + "{\"cached_tokens\":0},\"output_tokens\":1,\"output_tokens_details\":{\"reasoning_tokens\":0},"
                + "\"total_tokens\":2}}";
    }

    private static String quoted(String text) {
        return Json.write(text);
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return b == -1 && buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
        workers.shutdownNow();
    }
}
