package kz.clinicai.local.sandbox.telegram;

/** A Bot API failure, answered as {"ok":false,"error_code":…,"description":…[,"parameters":{"retry_after":…}]}. */
final class BotApiError extends RuntimeException {

    final int code;
    final int retryAfter;

    BotApiError(int code, String description) {
        this(code, description, 0);
    }

    BotApiError(int code, String description, int retryAfter) {
        super(description, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static BotApiError badRequest(String what) {
        return new BotApiError(400, "Bad Request: " + what);
    }
}
