package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import kz.clinicai.local.fixture.SlowHandler;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class ApiEmulatorIT {

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void pathParametersQueryAndCookiesReachTheHandlerAsPayload20() throws Exception {
        HttpResponse<String> r = LocalStackFixture.send(HttpRequest.newBuilder(
                URI.create(LocalStackFixture.api() + "/items/42?q=a%20b&q=c")).header("Cookie", "a=1; b=2")
                .header("X-Multi", "one").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode echo = json(r);
        assertThat(echo.path("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(echo.path("pathParameters").path("id").asText()).isEqualTo("42");
        assertThat(echo.path("queryStringParameters").path("q").asText()).isEqualTo("a b,c");
        assertThat(echo.path("rawQueryString").asText()).isEqualTo("q=a%20b&q=c");
        assertThat(echo.path("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
        assertThat(echo.path("headers").path("x-multi").asText()).isEqualTo("one");
        assertThat(echo.path("stage").asText()).isEqualTo("$default");
        assertThat(r.headers().allValues("set-cookie")).contains("seen=1; Path=/");
    }

    @Test
    void greedyProxyTakesTheRestOfThePath() throws Exception {
        JsonNode echo = json(LocalStackFixture.get("/files/a/b/c.txt"));
        assertThat(echo.path("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        assertThat(echo.path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c.txt");
    }

    @Test
    void unknownRouteIsApiGatewaysNotFound() throws Exception {
        HttpResponse<String> r = LocalStackFixture.get("/nowhere");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void binaryBodyArrivesBase64Encoded() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        JsonNode echo = json(LocalStackFixture.post("/upload", "image/png", png));
        assertThat(echo.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(echo.path("body").asText())).isEqualTo(png);

        JsonNode text = json(LocalStackFixture.post("/upload", "application/json", "{\"a\":1}".getBytes()));
        assertThat(text.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(text.path("body").asText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void handlerIsCreatedOnceAndReusedWarm() throws Exception {
        int first = json(LocalStackFixture.get("/items/1")).path("instance").asInt();
        int second = json(LocalStackFixture.get("/items/2")).path("instance").asInt();
        assertThat(second).isEqualTo(first);
        assertThat(LocalStackFixture.stack().runtime().instance("HttpFunction")).isPresent();
        assertThat(LocalStackFixture.stack().runtime().coldStarts()).containsKey("HttpFunction");
    }

    @Test
    void environmentIsTheTemplatesResolvedAgainstTheLocalWorld() throws Exception {
        JsonNode env = json(LocalStackFixture.get("/items/env")).path("env");
        Stack stack = LocalStackFixture.stack();
        assertThat(env.path("TABLE_NAME").asText()).isEqualTo("clinicai-test-items");
        assertThat(env.path("QUEUE_URL").asText()).isEqualTo(stack.sqsEndpoint() + "/000000000000/WorkQueue");
        assertThat(env.path("QUEUE_ARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:WorkQueue");
        assertThat(env.path("BUCKET").asText()).isEqualTo("filesbucket");
        assertThat(env.path("GREETING").asText()).isEqualTo("from-sandbox");
        assertThat(env.path("WHERE").asText()).isEqualTo("us-east-1/000000000000/local");
        assertThat(env.path("API_KEY").asText()).isEqualTo("k-123");
        assertThat(env.path("STAGE").asText()).isEqualTo("test");
        assertThat(env.path("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.path("AWS_ENDPOINT_URL_DYNAMODB").asText()).isEqualTo(stack.dynamoEndpoint().toString());
        assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("HttpFunction");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("512");
    }

    @Test
    void startupLinesSaySimulatedAndRealServicesAndEndWithReady() {
        String out = LocalStackFixture.bootOutput();
        assertThat(out).contains("simulated: fixture; real: realone");
        assertThat(out).contains("GET " + LocalStackFixture.api() + "/items/{id} -> HttpFunction");
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("READY " + LocalStackFixture.api());
    }

    @Test
    void functionUrlSeesItsOwnRootPath() throws Exception {
        JsonNode echo = json(LocalStackFixture.get("/_url/HttpFunction/hooks/x?y=1"));
        assertThat(echo.path("rawPath").asText()).isEqualTo("/hooks/x");
        assertThat(echo.path("routeKey").asText()).isEqualTo("$default");
    }

    @Test
    void plainObjectResponseBecomesJson200AndExceptionsA500WithoutTrace() throws Exception {
        HttpResponse<String> plain = LocalStackFixture.get("/plain");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json(plain).path("plain").asBoolean()).isTrue();

        HttpResponse<String> boom = LocalStackFixture.get("/boom");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void functionTimeoutInterruptsTheHandlerAndAnswers503() throws Exception {
        HttpResponse<String> r = LocalStackFixture.get("/slow");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(SlowHandler.INTERRUPTED.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void payloadOverTenMegabytesIs413() throws Exception {
        HttpResponse<String> r = LocalStackFixture.post("/upload", "application/octet-stream",
                new byte[10 * 1024 * 1024 + 1]);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(100);
    }
}
