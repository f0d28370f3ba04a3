package kz.clinicai.shared.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request that cannot be served, with the status and error code its caller gets ({@link ApiError}).
 * Thrown anywhere below a handler; {@link HttpRouter} turns it into the response.
 *
 * <p>The message goes to the caller verbatim: say what is wrong with the request, never echo secrets or
 * internals.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, String> headers) {
        // A caller's mistake, not a bug: a stack trace would only cost time and log noise.
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("Not an error status: " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "method_not_allowed", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException payloadTooLarge(int limitBytes) {
        return new ApiException(413, "payload_too_large", "Request body exceeds " + limitBytes + " bytes");
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "unsupported_media_type", message);
    }

    public static ApiException tooManyRequests(Duration retryAfter) {
        // Retry-After takes whole seconds; rounding down could invite a retry that is still too early.
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(429, "too_many_requests", "Too many requests; retry in " + seconds + " s",
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** The same error with one more response header (e.g. {@code Allow} on a 405). */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, code, getMessage(), more);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
