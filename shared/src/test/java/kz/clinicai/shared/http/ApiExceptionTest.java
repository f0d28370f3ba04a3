package kz.clinicai.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void factoriesCarryStatusAndCode() {
        assertStatus(ApiException.badRequest("bad_phone", "m"), 400, "bad_phone");
        assertStatus(ApiException.unauthorized("m"), 401, "unauthorized");
        assertStatus(ApiException.forbidden("m"), 403, "forbidden");
        assertStatus(ApiException.notFound("call_not_found", "m"), 404, "call_not_found");
        assertStatus(ApiException.methodNotAllowed("m"), 405, "method_not_allowed");
        assertStatus(ApiException.conflict("already_delivered", "m"), 409, "already_delivered");
        assertStatus(ApiException.payloadTooLarge(1024), 413, "payload_too_large");
        assertStatus(ApiException.unsupportedMediaType("m"), 415, "unsupported_media_type");
        assertStatus(ApiException.tooManyRequests(Duration.ofSeconds(3)), 429, "too_many_requests");
    }

    @Test
    void payloadTooLargeStatesTheLimit() {
        assertThat(ApiException.payloadTooLarge(16384).getMessage()).contains("16384 bytes");
    }

    @Test
    void tooManyRequestsSetsRetryAfterInWholeSecondsRoundedUp() {
        assertThat(ApiException.tooManyRequests(Duration.ofSeconds(30)).headers()).containsEntry("Retry-After", "30");
        assertThat(ApiException.tooManyRequests(Duration.ofMillis(1500)).headers()).containsEntry("Retry-After", "2");
        assertThat(ApiException.tooManyRequests(Duration.ZERO).headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void withHeaderKeepsTheRestAndAddsTheHeader() {
        ApiException e = ApiException.methodNotAllowed("no").withHeader("Allow", "GET, POST");

        assertThat(e.status()).isEqualTo(405);
        assertThat(e.getMessage()).isEqualTo("no");
        assertThat(e.headers()).isEqualTo(Map.of("Allow", "GET, POST"));
    }

    @Test
    void onlyErrorStatusesAreAccepted() {
        assertThatThrownBy(() -> new ApiException(200, "ok", "m")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertStatus(ApiException e, int status, String code) {
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getStackTrace()).isEmpty();
    }
}
