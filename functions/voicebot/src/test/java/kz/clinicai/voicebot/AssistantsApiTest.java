package kz.clinicai.voicebot;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.assistant.InMemoryAssistantRepository;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class AssistantsApiTest {
    static final String KEY = "0123456789abcdef-key";

    final InMemoryAssistantRepository repository = new InMemoryAssistantRepository();
    final AssistantsApiHandler handler = new AssistantsApiHandler(
            new AssistantsApi(repository, Clock.fixed(Instant.parse("2025-01-29T04:00:00Z"), ZoneOffset.UTC)), () -> KEY);

    static APIGatewayV2HTTPEvent request(String method, String path, String key, String body, Map<String, String> query) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (key != null) {
            headers.put("x-api-key", key);
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build();
        // API Gateway's route key names the declared route (no trailing slash) whatever slash the caller sent.
        return APIGatewayV2HTTPEvent.builder().withRouteKey(method + " " + path.replaceFirst("(.)/$", "$1")).withRawPath(path).withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).build())
                .withQueryStringParameters(query).withBody(body).build();
    }

    static final String CREATE = "{\"name\":\"voicebot-default\",\"instructions\":\"Ты — модуль\",\"model\":\"gpt-4.1-mini\","
            + "\"temperature\":0.2,\"top_p\":0.9}";

    @Test
    void createThenUpdateKeepsVersionsAndInfoReadsTheLatest() throws Exception {
        APIGatewayV2HTTPResponse created = handler.handleRequest(request("POST", "/api/assistants/create/", KEY, CREATE, null), null);
        APIGatewayV2HTTPResponse updated = handler.handleRequest(request("POST", "/api/assistants/create/", KEY, CREATE, null), null);
        APIGatewayV2HTTPResponse byName = handler.handleRequest(request("GET", "/api/assistants/info/", KEY, null,
                Map.of("name", "voicebot-default")), null);
        String id = Json.mapper().readTree(created.getBody()).get("id").asText();
        APIGatewayV2HTTPResponse byId = handler.handleRequest(request("GET", "/api/assistants/info/", KEY, null,
                Map.of("id", id)), null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(updated.getStatusCode()).isEqualTo(200);
        JsonNode info = Json.mapper().readTree(byName.getBody());
        assertThat(info.get("version").asInt()).isEqualTo(2);
        assertThat(info.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(info.get("updated_at").asText()).isEqualTo("2025-01-29T04:00:00Z");
        assertThat(Json.mapper().readTree(byId.getBody()).get("name").asText()).isEqualTo("voicebot-default");
    }

    @Test
    void aMissingOrWrongKeyIsUnauthorized() {
        assertThat(handler.handleRequest(request("POST", "/api/assistants/create/", null, CREATE, null), null)
                .getStatusCode()).isEqualTo(401);
        assertThat(handler.handleRequest(request("GET", "/api/assistants/info/", KEY + "x", null,
                Map.of("name", "a")), null).getStatusCode()).isEqualTo(401);
        assertThat(repository.isEmpty()).isTrue();
    }

    @Test
    void theKeyMayAlsoComeAsABearerToken() {
        APIGatewayV2HTTPEvent bearer = request("GET", "/api/assistants/info/", null, null, Map.of("name", "nope"));
        bearer.getHeaders().put("authorization", "Bearer " + KEY);
        APIGatewayV2HTTPEvent wrong = request("GET", "/api/assistants/info/", null, null, Map.of("name", "nope"));
        wrong.getHeaders().put("authorization", "Bearer " + KEY + "x");

        assertThat(handler.handleRequest(bearer, null).getStatusCode()).isEqualTo(404);
        assertThat(handler.handleRequest(wrong, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void invalidDraftsAndUnknownAssistants() {
        String badTemperature = CREATE.replace("0.2", "3.5");
        String badName = CREATE.replace("voicebot-default", "имя с пробелами");

        assertThat(handler.handleRequest(request("POST", "/api/assistants/create/", KEY, badTemperature, null), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(request("POST", "/api/assistants/create/", KEY, badName, null), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(request("GET", "/api/assistants/info/", KEY, null, Map.of("name", "nope")), null)
                .getStatusCode()).isEqualTo(404);
        assertThat(handler.handleRequest(request("GET", "/api/assistants/info/", KEY, null, Map.of()), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(repository.isEmpty()).isTrue();
    }

    @Test
    void aReasoningModelWithSamplingParametersIsRefusedAtSaveWithAClearMessage() throws Exception {
        String reasoning = CREATE.replace("gpt-4.1-mini", "gpt-5");
        APIGatewayV2HTTPResponse refused = handler.handleRequest(request("POST", "/api/assistants/create/", KEY,
                reasoning, null), null);
        assertThat(refused.getStatusCode()).isEqualTo(400);
        var body = kz.clinicai.shared.json.Json.mapper().readTree(refused.getBody());
        assertThat(body.path("error").asText()).isEqualTo("unsupported_model_parameters");
        assertThat(body.path("message").asText()).contains("gpt-5", "reasoning model", "temperature", "top_p");
        assertThat(repository.isEmpty()).isTrue();

        String unknown = CREATE.replace("gpt-4.1-mini", "gpt-does-not-exist-9");
        assertThat(handler.handleRequest(request("POST", "/api/assistants/create/", KEY, unknown, null), null)
                .getStatusCode()).isEqualTo(400);

        String withoutSampling = "{\"name\":\"voicebot-default\",\"instructions\":\"Ты — модуль\",\"model\":\"gpt-5\"}";
        assertThat(handler.handleRequest(request("POST", "/api/assistants/create/", KEY, withoutSampling, null), null)
                .getStatusCode()).isEqualTo(201);
    }

    @Test
    void aModelShuttingDownWithin30DaysOrShutDownIsRefusedWithItsReplacementNamed() throws Exception {
        // gpt-4.1-mini shuts down on 2027-01-14 (the model table; OpenAI's deprecations page), replacement gpt-6-luna.
        for (String today : List.of("2026-12-20", "2027-01-14", "2027-02-01")) {
            AssistantsApiHandler at = new AssistantsApiHandler(new AssistantsApi(repository,
                    Clock.fixed(Instant.parse(today + "T04:00:00Z"), ZoneOffset.UTC)), () -> KEY);
            APIGatewayV2HTTPResponse refused = at.handleRequest(request("POST", "/api/assistants/create/", KEY, CREATE,
                    null), null);
            assertThat(refused.getStatusCode()).as(today).isEqualTo(400);
            JsonNode body = Json.mapper().readTree(refused.getBody());
            assertThat(body.path("error").asText()).isEqualTo("model_shutting_down");
            assertThat(body.path("message").asText()).as(today).contains("gpt-4.1-mini", "2027-01-14", "gpt-6-luna");
        }
        assertThat(repository.isEmpty()).isTrue();
        AssistantsApiHandler earlier = new AssistantsApiHandler(new AssistantsApi(repository,
                Clock.fixed(Instant.parse("2026-12-14T04:00:00Z"), ZoneOffset.UTC)), () -> KEY);
        assertThat(earlier.handleRequest(request("POST", "/api/assistants/create/", KEY, CREATE, null), null)
                .getStatusCode()).as("31 days before the shutdown").isEqualTo(201);
    }

    @Test
    void nanInfinityAndKeysLongerThanDynamoDbAllowsAre400sBeforeAnyStorageCall() {
        for (String temperature : List.of("\"NaN\"", "\"0.5\"", "1e400", "-1e400")) {
            String body = CREATE.replace("0.2", temperature);
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    request("POST", "/api/assistants/create/", KEY, body, null), null);
            assertThat(response.getStatusCode()).as(temperature).isEqualTo(400);
        }
        for (Map<String, String> query : List.of(Map.of("name", "n".repeat(3000)), Map.of("id", "я".repeat(700)))) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    request("GET", "/api/assistants/info/", KEY, null, query), null);
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).contains("\"error\":\"invalid_");
        }
        assertThat(repository.isEmpty()).isTrue();
    }

    @Test
    void theKeyIsAskedForOnEveryRequestSoARotationNeedsNoRedeploy() {
        String[] current = {KEY};
        AssistantsApiHandler rotating = new AssistantsApiHandler(new AssistantsApi(repository,
                Clock.fixed(Instant.parse("2025-01-29T04:00:00Z"), ZoneOffset.UTC)), () -> current[0]);
        Map<String, String> query = Map.of("name", "nope");

        assertThat(rotating.handleRequest(request("GET", "/api/assistants/info/", KEY, null, query), null)
                .getStatusCode()).isEqualTo(404);
        current[0] = "rotated-key-0123456789";
        assertThat(rotating.handleRequest(request("GET", "/api/assistants/info/", KEY, null, query), null)
                .getStatusCode()).isEqualTo(401);
        assertThat(rotating.handleRequest(request("GET", "/api/assistants/info/", "rotated-key-0123456789", null, query),
                null).getStatusCode()).isEqualTo(404);
        // A key too short to be safe refuses everything rather than becoming guessable.
        current[0] = "short";
        assertThat(rotating.handleRequest(request("GET", "/api/assistants/info/", "short", null, query), null)
                .getStatusCode()).isEqualTo(401);
    }
}
