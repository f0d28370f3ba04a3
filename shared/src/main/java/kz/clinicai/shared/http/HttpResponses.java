package kz.clinicai.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/** Placeholder until the shared-lib branch lands (same API). */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("content-type", "application/json; charset=utf-8"))
                    .withBody(Json.mapper().writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static APIGatewayV2HTTPResponse error(ApiException e) {
        return json(e.status(), new ApiError(e.code(), e.getMessage()));
    }
}
