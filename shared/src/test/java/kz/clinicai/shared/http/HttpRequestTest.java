package kz.clinicai.shared.http;

import static kz.clinicai.shared.http.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    record Message(String text, int priority) {
    }

    @Test
    void exposesMethodPathSourceIpAndRequestId() {
        HttpRequest request = HttpRequest.of(event("post", "/voicebot/c1/v1/", null, null));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/voicebot/c1/v1/");
        assertThat(request.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(request.requestId()).isEqualTo("req-123");
    }

    @Test
    void headersAreCaseInsensitive() {
        HttpRequest request = HttpRequest.of(event("GET", "/", Map.of("Chat-Token", "abc", "x-forwarded-for", "1.2.3.4, 5.6.7.8"), null));

        assertThat(request.header("chat-token")).contains("abc");
        assertThat(request.header("CHAT-TOKEN")).contains("abc");
        assertThat(request.header("X-Forwarded-For")).contains("1.2.3.4, 5.6.7.8");
        assertThat(request.header("missing")).isEmpty();
    }

    @Test
    void sameHeaderInTwoCasesIsJoined() {
        HttpRequest request = HttpRequest.of(event("GET", "/", Map.of("Accept", "a", "accept", "b"), null));

        assertThat(request.header("ACCEPT").orElseThrow()).matches("a,b|b,a");
    }

    @Test
    void eventWithoutAnyOptionalPartDoesNotFail() {
        HttpRequest request = HttpRequest.of(new APIGatewayV2HTTPEvent());

        assertThat(request.header("content-type")).isEmpty();
        assertThat(request.queryParam("q")).isEmpty();
        assertThat(request.pathParam("clinic")).isEmpty();
        assertThat(request.bodyBytes()).isEmpty();
        assertThat(request.bodyText()).isEmpty();
        assertThat(request.method()).isEmpty();
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.sourceIp()).isEmpty();
        assertThat(request.requestId()).isEmpty();
    }

    @Test
    void readsQueryAndEventPathParameters() {
        APIGatewayV2HTTPEvent event = event("GET", "/message/", null, null);
        event.setQueryStringParameters(Map.of("since", "5", "tag", "a,b"));
        event.setPathParameters(Map.of("clinic", "c7"));
        HttpRequest request = HttpRequest.of(event);

        assertThat(request.queryParam("since")).contains("5");
        assertThat(request.queryParam("tag")).contains("a,b");
        assertThat(request.queryParam("other")).isEmpty();
        assertThat(request.pathParam("clinic")).contains("c7");
    }

    @Test
    void decodesBase64Bodies() {
        byte[] binary = {0, (byte) 0xFF, 'a', (byte) 0xD0, (byte) 0x9F};
        APIGatewayV2HTTPEvent event = event("POST", "/upload", null, Base64.getEncoder().encodeToString(binary));
        event.setIsBase64Encoded(true);

        assertThat(HttpRequest.of(event).bodyBytes()).containsExactly(binary);
    }

    @Test
    void readsBase64EncodedJson() {
        String json = "{\"text\":\"Привет\",\"priority\":2}";
        APIGatewayV2HTTPEvent event = TestEvents.json("POST", "/gpt/",
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        HttpRequest request = HttpRequest.of(event);

        assertThat(request.bodyText()).isEqualTo(json);
        assertThat(request.readJson(Message.class, 1000)).isEqualTo(new Message("Привет", 2));
    }

    @Test
    void bodyBytesCannotBeAlteredByTheCaller() {
        HttpRequest request = HttpRequest.of(event("POST", "/", null, "abc"));
        request.bodyBytes()[0] = 'X';

        assertThat(request.bodyText()).isEqualTo("abc");
    }

    @Test
    void invalidBase64IsTheCallersMistake() {
        APIGatewayV2HTTPEvent event = event("POST", "/", null, "***not base64***");
        event.setIsBase64Encoded(true);

        assertThatThrownBy(() -> HttpRequest.of(event).bodyBytes())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    record Settings(String text, Double temperature, Boolean enabled) {
    }

    @Test
    void readJsonIsStrictAboutTypesNumbersAreNotStringsAndStringsAreNotNumbers() {
        for (String body : List.of("{\"text\": 5}", "{\"text\": true}", "{\"text\": 1.5}", "{\"text\": {}}",
                "{\"text\": [\"a\"]}", "{\"temperature\": \"NaN\"}", "{\"temperature\": \"0.5\"}",
                "{\"enabled\": \"true\"}", "{\"enabled\": 1}")) {
            assertThatThrownBy(() -> HttpRequest.of(event("POST", "/", null, body)).readJson(Settings.class, 100))
                    .as(body)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("malformed_json");
                    });
        }
        assertThat(HttpRequest.of(event("POST", "/", null, "{\"text\":\"5\",\"temperature\":0.5,\"enabled\":true}"))
                .readJson(Settings.class, 100)).isEqualTo(new Settings("5", 0.5, true));
    }

    @Test
    void readJsonAcceptsJsonWithCharsetOrWithoutContentType() {
        String body = "{\"text\":\"hi\",\"priority\":1}";
        HttpRequest withCharset = HttpRequest.of(event("POST", "/", Map.of("Content-Type", "Application/JSON; charset=UTF-8"), body));
        HttpRequest withoutType = HttpRequest.of(event("POST", "/", null, body));

        assertThat(withCharset.readJson(Message.class, 100)).isEqualTo(new Message("hi", 1));
        assertThat(withoutType.readJson(Message.class, 100)).isEqualTo(new Message("hi", 1));
    }

    @Test
    void readJsonRejectsOtherMediaTypesWith415() {
        HttpRequest request = HttpRequest.of(event("POST", "/", Map.of("content-type", "text/plain"), "{\"text\":\"hi\"}"));

        assertApiError(() -> request.readJson(Message.class, 100), 415, "unsupported_media_type");
    }

    @Test
    void readJsonRejectsBodiesAboveTheLimitWith413() {
        String body = "{\"text\":\"" + "x".repeat(100) + "\",\"priority\":1}";
        HttpRequest request = HttpRequest.of(TestEvents.json("POST", "/", body));

        assertApiError(() -> request.readJson(Message.class, 50), 413, "payload_too_large");
        assertThat(request.readJson(Message.class, body.length())).isNotNull();
    }

    @Test
    void limitCountsBytesNotCharacters() {
        // 10 Cyrillic letters are 20 bytes in UTF-8.
        String body = "{\"text\":\"" + "я".repeat(10) + "\",\"priority\":1}";
        HttpRequest request = HttpRequest.of(TestEvents.json("POST", "/", body));

        assertApiError(() -> request.readJson(Message.class, body.length()), 413, "payload_too_large");
    }

    @Test
    void readJsonRejectsEmptyBody() {
        for (String body : new String[] {null, "", "   "}) {
            HttpRequest request = HttpRequest.of(TestEvents.json("POST", "/", body));

            assertThatThrownBy(() -> request.readJson(Message.class, 100))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("malformed_json");
                        assertThat(e.getMessage()).contains("empty");
                    });
        }
    }

    @Test
    void malformedJsonIsA400ThatDoesNotEchoTheBody() {
        String body = "{\"text\": \"secret-utterance\", \"priority\": ";
        HttpRequest request = HttpRequest.of(TestEvents.json("POST", "/", body));

        assertThatThrownBy(() -> request.readJson(Message.class, 1000))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("malformed_json");
                    assertThat(e.getMessage()).contains("not valid JSON").doesNotContain("secret-utterance");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void wrongJsonTypeSaysWhatIsWrong() {
        assertApiMessage("[1,2]", "must be a JSON object");
        assertApiMessage("\"just a string\"", "must be a JSON object");
        assertApiMessage("{\"text\":\"hi\",\"priority\":\"high-secret\"}", "Field 'priority'");
        assertApiMessage("{\"text\":\"hi\",\"priority\":null}", "Field 'priority'");
        assertApiMessage("{\"text\":\"hi\",\"priority\":1} {\"priority\":2}", "after the JSON value");
        assertApiMessage("{\"text\":\"hi\",\"priority\":1} trailing", "not valid JSON");
        assertApiMessage(" null ", "must be a JSON object");
    }

    @Test
    void nestedFieldErrorsNameThePath() {
        record Batch(List<Message> items) {
        }
        HttpRequest request = HttpRequest.of(TestEvents.json("POST", "/",
                "{\"items\":[{\"text\":\"a\",\"priority\":1},{\"text\":\"b\",\"priority\":\"x\"}]}"));

        assertThatThrownBy(() -> request.readJson(Batch.class, 1000))
                .hasMessageContaining("Field 'items[1].priority'");
    }

    private static void assertApiMessage(String body, String expected) {
        HttpRequest request = HttpRequest.of(TestEvents.json("POST", "/", body));
        assertThatThrownBy(() -> request.readJson(Message.class, 1000))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("malformed_json");
                    assertThat(e.getMessage()).contains(expected).doesNotContain("secret").doesNotContain(body);
                });
    }

    private static void assertApiError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
