package kz.clinicai.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;

/** One request to a service, with the path below its mount point. */
public final class SandboxExchange {

    private final HttpExchange exchange;
    private final String path;
    private byte[] body;
    private boolean responded;

    SandboxExchange(HttpExchange exchange, String path) {
        this.exchange = exchange;
        this.path = path;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** Path below the mount, always starting with "/" (e.g. "/v1/responses"). */
    public String path() {
        return path;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    public byte[] body() throws IOException {
        if (body == null) {
            body = exchange.getRequestBody().readAllBytes();
        }
        return body;
    }

    public String bodyText() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    public JsonNode bodyJson() throws IOException {
        return Json.mapper().readTree(body());
    }

    /** The underlying exchange, for what this wrapper does not cover (TLS peer, streaming). */
    public HttpExchange raw() {
        return exchange;
    }

    public void respond(int status, String contentType, byte[] content, Map<String, String> headers)
            throws IOException {
        responded = true;
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = content == null || content.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : content.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
        exchange.close();
    }

    public void json(int status, Object body) throws IOException {
        respond(status, "application/json", Json.mapper().writeValueAsBytes(body), Map.of());
    }

    public void text(int status, String contentType, String text) throws IOException {
        respond(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public void html(String html) throws IOException {
        text(200, "text/html; charset=utf-8", html);
    }

    public boolean responded() {
        return responded;
    }
}
