package kz.clinicai.local.sandbox.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A loopback HTTP proxy in front of the sandbox that keeps every answer (method, path, status, content type, body):
 * the contract test sends openai-java and its raw requests through it, so each answer the simulator gives can be
 * judged by openai-java's model classes ({@link OpenAiModels}) and, when it is beside the project, OpenAI's published
 * OpenAPI document ({@link OpenAiSpec}), without the simulator knowing it is watched.
 */
final class RecordingProxy implements AutoCloseable {

    /**
     * One answer the simulator gave, with the request body it answered (a transcription's response_format decides
     * which model class its answer is).
     */
    record Answer(String method, String path, byte[] request, int status, String contentType, byte[] body) {
    }

    // java.net.http sets these itself and refuses them as request headers.
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "upgrade", "expect",
            "transfer-encoding", "keep-alive", "te");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private final List<Answer> answers = new ArrayList<>();

    /** @param target the sandbox's origin ({@code http://127.0.0.1:port}); paths are forwarded unchanged */
    RecordingProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    /** This proxy's origin, to put in place of the sandbox's. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Answer> drain() {
        List<Answer> out = List.copyOf(answers);
        answers.clear();
        return out;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            byte[] answer = response.body();
            String type = response.headers().firstValue("Content-Type").orElse(null);
            synchronized (this) {
                answers.add(new Answer(exchange.getRequestMethod(), uri.getPath(), body, response.statusCode(), type,
                        answer));
            }
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HOP.contains(lower) && !lower.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
