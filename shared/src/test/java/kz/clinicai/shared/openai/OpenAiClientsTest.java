package kz.clinicai.shared.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiClientsTest {

    private static final String RESPONSE = """
            {"id":"resp_1","object":"response","created_at":1735000000,"status":"completed","model":"gpt-test",
             "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant",
                        "content":[{"type":"output_text","text":"Здравствуйте","annotations":[]}]}],
             "parallel_tool_calls":true,"tool_choice":"auto","tools":[],"error":null,"incomplete_details":null,
             "instructions":null,"metadata":{},"temperature":1.0,"top_p":1.0}
            """;

    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static OpenAiSettings settings(int maxRetries, Optional<String> project) {
        return new OpenAiSettings("sk-test-key", URI.create(server.baseUrl() + "/v1"), Duration.ofSeconds(5),
                maxRetries, project);
    }

    private static ResponseCreateParams params() {
        return ResponseCreateParams.builder().model("gpt-test").input("Привет").build();
    }

    @Test
    void responsesCallGoesToBaseUrlWithKeyAndProjectHeader() {
        server.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(RESPONSE)));
        OpenAIClient client = OpenAiClients.create(settings(0, Optional.of("b1gfolder")));
        try {
            Response response = client.responses().create(params());

            assertThat(response.id()).isEqualTo("resp_1");
        } finally {
            client.close();
        }
        server.verify(1, postRequestedFor(urlEqualTo("/v1/responses"))
                .withHeader("Authorization", equalTo("Bearer sk-test-key"))
                .withHeader("OpenAI-Project", equalTo("b1gfolder"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test")))
                .withRequestBody(matchingJsonPath("$.input", equalTo("Привет"))));
    }

    @Test
    void noProjectHeaderWithoutProject() {
        server.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(RESPONSE)));
        OpenAIClient client = OpenAiClients.create(settings(0, Optional.empty()));
        try {
            client.responses().create(params());
        } finally {
            client.close();
        }
        assertThat(server.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().containsHeader("OpenAI-Project")).isFalse());
    }

    @Test
    void maxRetriesZeroMakesOneAttempt() {
        assertAttemptsOn500(0, 1);
    }

    @Test
    void maxRetriesOneMakesTwoAttempts() {
        assertAttemptsOn500(1, 2);
    }

    private static void assertAttemptsOn500(int maxRetries, int attempts) {
        server.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(500)
                // The SDK honours this instead of its 0.5 s+ backoff, which keeps the test fast.
                .withHeader("retry-after-ms", "10")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\"}}")));
        OpenAIClient client = OpenAiClients.create(settings(maxRetries, Optional.empty()));
        try {
            assertThatThrownBy(() -> client.responses().create(params())).isInstanceOf(InternalServerException.class);
        } finally {
            client.close();
        }
        server.verify(attempts, postRequestedFor(urlEqualTo("/v1/responses")));
    }

    private static void stub429(String code) {
        server.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(429)
                .withHeader("retry-after-ms", "10")
                .withHeader("x-request-id", "req_abc123")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"429\",\"type\":\"" + code + "\",\"param\":null,\"code\":\""
                        + code + "\"}}")));
    }

    @Test
    void insufficientQuotaIsNotRetried() {
        stub429("insufficient_quota");
        OpenAIClient client = OpenAiClients.create(settings(2, Optional.empty()));
        try {
            assertThatThrownBy(() -> client.responses().create(params()))
                    .isInstanceOfSatisfying(RateLimitException.class, e ->
                            assertThat(e.code()).contains("insufficient_quota"));
        } finally {
            client.close();
        }
        server.verify(1, postRequestedFor(urlEqualTo("/v1/responses")));
    }

    @Test
    void rateLimitIsStillRetried() {
        stub429("rate_limit_exceeded");
        OpenAIClient client = OpenAiClients.create(settings(2, Optional.empty()));
        try {
            assertThatThrownBy(() -> client.responses().create(params())).isInstanceOf(RateLimitException.class);
        } finally {
            client.close();
        }
        server.verify(3, postRequestedFor(urlEqualTo("/v1/responses")));
    }

    @Test
    void aFailedAttemptIsLoggedWithItsRequestId() throws Exception {
        stub429("insufficient_quota");
        List<String> lines = new ArrayList<>();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(new FailedCallInterceptor(lines::add)).build();
        try (okhttp3.Response response = http.newCall(new Request.Builder().url(server.baseUrl() + "/v1/responses")
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build()).execute()) {
            assertThat(response.header("x-should-retry")).isEqualTo("false");
            // The body is still there for the SDK to turn into its exception.
            assertThat(response.body().string()).contains("insufficient_quota");
        }
        assertThat(lines).singleElement().asString()
                .contains("HTTP 429", "code insufficient_quota", "x-request-id req_abc123", "/v1/responses");
    }
}
