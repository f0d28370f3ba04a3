package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;

/** Placeholder until the shared-lib branch lands (same API): read access to a payload 2.0 event. */
public final class HttpRequest {
    private final APIGatewayV2HTTPEvent event;

    private HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public static HttpRequest of(APIGatewayV2HTTPEvent event) {
        return new HttpRequest(event);
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public Optional<String> header(String name) {
        return find(event.getHeaders(), name, true);
    }

    public Optional<String> pathParam(String name) {
        return find(event.getPathParameters(), name, false);
    }

    public Optional<String> queryParam(String name) {
        return find(event.getQueryStringParameters(), name, false);
    }

    public String bodyText() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                : body;
    }

    public <T> T readJson(Class<T> type, int maxBytes) {
        String body = bodyText();
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ApiException(413, "payload_too_large", "Request body exceeds " + maxBytes + " bytes");
        }
        header("content-type").filter(ct -> !ct.toLowerCase().startsWith("application/json")).ifPresent(ct -> {
            throw new ApiException(415, "unsupported_media_type", "Expected application/json");
        });
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "Request body is not valid JSON");
        }
    }

    private static Optional<String> find(Map<String, String> map, String name, boolean ignoreCase) {
        if (map == null) {
            return Optional.empty();
        }
        if (!ignoreCase) {
            return Optional.ofNullable(map.get(name));
        }
        return map.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
