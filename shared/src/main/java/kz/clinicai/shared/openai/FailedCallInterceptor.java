package kz.clinicai.shared.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Consumer;
import kz.clinicai.shared.json.Json;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.LoggerFactory;
import org.slf4j.Logger;

/**
 * Sees every attempt of the OpenAI client (it runs inside the SDK's retry loop). A failed attempt is logged with
 * OpenAI's {@code x-request-id} (what OpenAI support asks for), status and error code; a 429 whose code is
 * {@code insufficient_quota} (no credit: retrying cannot help and only delays the fallback) gets
 * {@code x-should-retry: false}, which the SDK's retry policy obeys, so it is not retried while rate limits
 * ({@code rate_limit_exceeded}) still are.
 */
final class FailedCallInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(FailedCallInterceptor.class);
    private static final long MAX_PEEK = 16 * 1024;

    private final Consumer<String> log;

    FailedCallInterceptor() {
        this(LOG::warn);
    }

    /** @param log where the line about a failed attempt goes (tests read it) */
    FailedCallInterceptor(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            return response;
        }
        String code = errorCode(response);
        String attempt = chain.request().header("X-Stainless-Retry-Count");
        log.accept("OpenAI " + chain.request().method() + " " + chain.request().url().encodedPath() + " failed: HTTP "
                + response.code() + " code " + code + " x-request-id " + response.header("x-request-id", "none")
                + " (retry " + (attempt == null ? "0" : attempt) + ")");
        if (response.code() == 429 && "insufficient_quota".equals(code)) {
            return response.newBuilder().header("x-should-retry", "false").build();
        }
        return response;
    }

    /** error.code (else error.type) of an OpenAI error body, without consuming it; "-" when there is none. */
    static String errorCode(Response response) {
        try {
            JsonNode error = Json.mapper().readTree(response.peekBody(MAX_PEEK).bytes()).path("error");
            if (error.path("code").isTextual()) {
                return error.get("code").asText();
            }
            return error.path("type").asText("-");
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }
}
