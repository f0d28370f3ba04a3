package kz.clinicai.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class HttpResponsesTest {

    record Created(String callId, String status, Instant at, String absent) {
    }

    @Test
    void jsonWritesTheBodyWithTheSharedMapper() throws Exception {
        APIGatewayV2HTTPResponse response = HttpResponses.json(201,
                new Created("c1", "pending", Instant.parse("2025-01-29T10:30:00Z"), null));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
        assertThat(response.getBody())
                .isEqualTo("{\"callId\":\"c1\",\"status\":\"pending\",\"at\":\"2025-01-29T10:30:00Z\"}");
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(Json.mapper().readTree(response.getBody()).has("absent")).isFalse();
    }

    @Test
    void extraHeadersAreAdded() {
        APIGatewayV2HTTPResponse response = HttpResponses.json(200, Map.of("a", 1), Map.of("Cache-Control", "no-store"));

        assertThat(response.getHeaders())
                .containsEntry("Cache-Control", "no-store")
                .containsEntry("Content-Type", HttpResponses.JSON_CONTENT_TYPE);
    }

    @Test
    void errorUsesTheOneErrorModelAndTheExceptionsHeaders() throws Exception {
        APIGatewayV2HTTPResponse response = HttpResponses.error(ApiException.tooManyRequests(Duration.ofSeconds(5)));

        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "5");
        assertThat(Json.mapper().readValue(response.getBody(), ApiError.class))
                .isEqualTo(new ApiError("too_many_requests", "Too many requests; retry in 5 s"));
        assertThat(Json.mapper().readTree(response.getBody()).fieldNames()).toIterable().containsExactly("error", "message");
    }

    @Test
    void emptyHasNoBodyAndNoContentType() {
        APIGatewayV2HTTPResponse response = HttpResponses.empty(204);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
        assertThat(response.getHeaders()).doesNotContainKey("Content-Type");
    }
}
