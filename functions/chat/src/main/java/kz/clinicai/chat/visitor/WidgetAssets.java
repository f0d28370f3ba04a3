package kz.clinicai.chat.visitor;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.clinicai.shared.http.HttpRequest;
import kz.clinicai.shared.json.Json;

/**
 * The widget script (its stylesheet inlined, so one script tag brings everything) and the demo page, read
 * once at init and served with validators: browsers cache them and revalidate cheaply with If-None-Match.
 */
final class WidgetAssets {

    static final String SCRIPT_TYPE = "text/javascript; charset=utf-8";
    static final String HTML_TYPE = "text/html; charset=utf-8";
    // A day: long enough to spare the API, short enough that a fix reaches every site by tomorrow.
    static final String SCRIPT_CACHE = "public, max-age=86400";
    static final String PAGE_CACHE = "no-cache";
    static final String CSS_PLACEHOLDER = "\"__CHAT_CSS__\"";

    private final Asset script;
    private final Asset demo;

    WidgetAssets() {
        String css = read("/widget/chat.css");
        String js = read("/widget/chat.js");
        if (!js.contains(CSS_PLACEHOLDER)) {
            throw new IllegalStateException("chat.js lacks the stylesheet placeholder " + CSS_PLACEHOLDER);
        }
        // The stylesheet as a JSON string literal is a JavaScript string literal too.
        this.script = new Asset(js.replace(CSS_PLACEHOLDER, Json.write(css)), SCRIPT_TYPE, SCRIPT_CACHE);
        this.demo = new Asset(read("/widget/demo.html"), HTML_TYPE, PAGE_CACHE);
    }

    APIGatewayV2HTTPResponse script(HttpRequest request) {
        return script.serve(request);
    }

    APIGatewayV2HTTPResponse demo(HttpRequest request) {
        return demo.serve(request);
    }

    private record Asset(String body, String contentType, String cacheControl, String etag) {

        Asset(String body, String contentType, String cacheControl) {
            this(body, contentType, cacheControl, WidgetAssets.etag(body));
        }

        APIGatewayV2HTTPResponse serve(HttpRequest request) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", contentType);
            headers.put("Cache-Control", cacheControl);
            headers.put("ETag", etag);
            headers.put("X-Content-Type-Options", "nosniff");
            boolean fresh = request.header("If-None-Match").map(v -> v.contains(etag)).orElse(false);
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(fresh ? 304 : 200)
                    .withHeaders(headers)
                    .withBody(fresh ? null : body)
                    .withIsBase64Encoded(false)
                    .build();
        }
    }

    private static String etag(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = WidgetAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
