package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The API emulator where a deployed HTTP API differs from a literal path matcher: trailing slashes, empty path
 * parameters, CORS preflights from the template's CorsConfiguration (fixture: Globals.HttpApi), Lambda's 6 MB
 * payload limits, and malformed requests answered in JSON.
 */
class ApiGatewayParityIT {

    private static final String ALLOWED = "https://allowed.example";

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalStackFixture.api() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return LocalStackFixture.send(request);
    }

    // ---- routes ----------------------------------------------------------------------------------------------

    @Test
    void aRouteServesItsPathWithAndWithoutTrailingSlash() throws Exception {
        JsonNode slash = json(LocalStackFixture.get("/items/42/"));
        JsonNode plain = json(LocalStackFixture.get("/items/42"));

        assertThat(slash.path("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(slash.path("rawPath").asText()).isEqualTo("/items/42/");
        assertThat(slash.path("pathParameters").path("id").asText()).isEqualTo("42");
        assertThat(plain.path("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(LocalStackFixture.post("/upload/", "application/json", "{}".getBytes()).statusCode()).isEqualTo(200);
        assertThat(LocalStackFixture.get("/plain/").statusCode()).isEqualTo(200);
    }

    @Test
    void aParameterNeverMatchesAnEmptySegmentAndOnlyOneSlashIsForgiven() throws Exception {
        assertThat(LocalStackFixture.get("/items/").statusCode()).isEqualTo(404);
        assertThat(LocalStackFixture.get("/items//").statusCode()).isEqualTo(404);
        assertThat(LocalStackFixture.get("/plain//").statusCode()).isEqualTo(404);
        assertThat(LocalStackFixture.get("/items/42/extra").body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    // ---- CORS ------------------------------------------------------------------------------------------------

    @Test
    void anAllowedPreflightIsAnsweredByTheGatewayFromCorsConfiguration() throws Exception {
        for (String path : new String[] {"/items/1", "/files/a/b", "/upload", "/plain", "/slow"}) {
            HttpResponse<String> r = send("OPTIONS", path, Map.of("Origin", ALLOWED,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "Content-Type, X-Token"));

            // /slow's function times out after 1 s (503): a 204 shows that no function was called.
            assertThat(r.statusCode()).as(path).isEqualTo(204);
            assertThat(r.headers().firstValue("access-control-allow-origin")).as(path).hasValue(ALLOWED);
            assertThat(r.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST");
            assertThat(r.headers().firstValue("access-control-allow-headers")).hasValue("content-type,x-token");
            assertThat(r.headers().firstValue("access-control-max-age")).hasValue("300");
            assertThat(r.headers().allValues("vary")).contains("Origin");
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void aWildcardSubdomainOriginIsAllowed() throws Exception {
        HttpResponse<String> r = send("OPTIONS", "/items/1", Map.of("Origin", "https://shop.sites.example",
                "Access-Control-Request-Method", "GET"));

        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("https://shop.sites.example");
    }

    @Test
    void aRefusedPreflightGetsNoCorsHeaders() throws Exception {
        Map<String, Map<String, String>> refused = Map.of(
                "origin", Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"),
                "method", Map.of("Origin", ALLOWED, "Access-Control-Request-Method", "DELETE"),
                "header", Map.of("Origin", ALLOWED, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "content-type,chat-token"));
        for (String path : new String[] {"/items/1", "/files/a/b", "/upload", "/plain", "/slow"}) {
            for (var entry : refused.entrySet()) {
                HttpResponse<String> r = send("OPTIONS", path, entry.getValue());

                assertThat(r.statusCode()).as(path + " " + entry.getKey()).isEqualTo(204);
                assertThat(r.headers().map().keySet()).as(path + " " + entry.getKey())
                        .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            }
        }
    }

    @Test
    void anOptionsRequestThatIsNoPreflightGoesToTheRoutes() throws Exception {
        assertThat(send("OPTIONS", "/items/1", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void responsesToAnAllowedOriginCarryTheGatewaysCorsHeadersNotTheFunctions() throws Exception {
        HttpResponse<String> allowed = send("GET", "/items/1", Map.of("Origin", ALLOWED));
        HttpResponse<String> other = send("GET", "/items/1", Map.of("Origin", "https://evil.example"));
        HttpResponse<String> none = send("GET", "/items/1", Map.of());
        HttpResponse<String> notFound = send("GET", "/nowhere", Map.of("Origin", ALLOWED));

        assertThat(allowed.headers().allValues("access-control-allow-origin")).containsExactly(ALLOWED);
        assertThat(allowed.headers().firstValue("access-control-expose-headers")).hasValue("x-request-id");
        assertThat(allowed.headers().allValues("vary")).contains("Origin");
        assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(none.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("access-control-allow-origin")).hasValue(ALLOWED);
    }

    // ---- Lambda's 6 MB --------------------------------------------------------------------------------------

    @Test
    void aResponseOverLambdasSixMegabytesIsTheGateways502() throws Exception {
        HttpResponse<String> over = LocalStackFixture.get("/items/big?respond=6300000");
        HttpResponse<String> under = LocalStackFixture.get("/items/big?respond=6000000");

        assertThat(over.statusCode()).isEqualTo(502);
        assertThat(over.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(under.statusCode()).isEqualTo(200);
        assertThat(under.body()).hasSize(6_000_000);
    }

    @Test
    void aRequestWhoseEventExceedsSixMegabytesIs413ThoughUnderTheGatewaysTen() throws Exception {
        byte[] seven = ("\"" + "x".repeat(7 * 1024 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] five = ("\"" + "x".repeat(5 * 1024 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> over = LocalStackFixture.post("/upload", "application/json", seven);
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(LocalStackFixture.post("/upload", "application/json", five).statusCode()).isEqualTo(200);
    }

    // ---- malformed requests -----------------------------------------------------------------------------------

    @Test
    void malformedRequestsAreAnsweredInJsonNeverHtmlOrADroppedConnection() throws Exception {
        String bigHeader = "X-Big: " + "a".repeat(11_000) + "\r\n";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        Map<String, String> cases = Map.of(
                "GET /items/%zz HTTP/1.1\r\nHost: a\r\n\r\n", "400 {\"message\":\"Bad Request\"}",
                "GET /items/1?q=%G1 HTTP/1.1\r\nHost: a\r\n\r\n", "400 {\"message\":\"Bad Request\"}",
                "GET /items/1 HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n", "400 {\"message\":\"Bad Request\"}",
                "GET /items/1\r\n\r\n", "400 {\"message\":\"Bad Request\"}",
                "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n", "400 {\"message\":\"Bad Request\"}",
                "GET /items/1 HTTP/1.1\r\nHost: a\r\n" + bigHeader + "\r\n",
                "431 {\"message\":\"Request Header Fields Too Large\"}",
                "GET /items/1 HTTP/1.1\r\nHost: a\r\n" + many + "\r\n",
                "431 {\"message\":\"Request Header Fields Too Large\"}");
        for (var c : cases.entrySet()) {
            String answer = raw(c.getKey());
            String status = answer.substring(9, 12);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);

            assertThat(status + " " + body).as(c.getKey().lines().findFirst().orElse("")).isEqualTo(c.getValue());
            assertThat(answer).containsIgnoringCase("content-type: application/json");
        }
    }

    @Test
    void aClientSendingAHeaderFarOverTheQuotaReads431NotABrokenPipe() throws Exception {
        // java.net.http writes the whole 200 KB head before reading: the refusal must survive until it does.
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(LocalStackFixture.api() + "/items/1"))
                        .header("X-Big", "a".repeat(200 * 1024)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        String two = "GET /plain HTTP/1.1\r\nHost: a\r\n\r\nGET /items/7 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
        String answer = raw(two);

        assertThat(answer.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        assertThat(answer).contains("\"plain\":true").contains("\"id\":\"7\"");
    }

    /** Writes bytes as they are (no client would send these) and reads until the server closes. */
    private static String raw(String request) throws Exception {
        URI api = URI.create(LocalStackFixture.api());
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
