package kz.clinicai.shared.http;

import java.util.Objects;

/** The body of every error response of the platform's HTTP APIs: {@code {"error":"<code>","message":"<text>"}}. */
public record ApiError(String error, String message) {

    public ApiError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
    }

    public static ApiError of(ApiException e) {
        return new ApiError(e.code(), e.getMessage() == null ? "" : e.getMessage());
    }
}
