package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/** Responses in payload format 2.0, JSON bodies written by {@link Json#mapper()}. */
public final class HttpResponses {

    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    /** A JSON response; {@code extraHeaders} are added after (and may override) the content type. */
    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        // A body we cannot write is our bug: Json.write throws, the router answers 500 and logs it.
        String text = Json.write(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON_CONTENT_TYPE);
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(text)
                .withIsBase64Encoded(false)
                .build();
    }

    /** The {@link ApiError} body with the exception's status and headers. */
    public static APIGatewayV2HTTPResponse error(ApiException e) {
        return json(e.status(), ApiError.of(e), e.headers());
    }

    /** A response without a body (e.g. 204, 202). */
    public static APIGatewayV2HTTPResponse empty(int status) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>())
                .withIsBase64Encoded(false)
                .build();
    }
}
