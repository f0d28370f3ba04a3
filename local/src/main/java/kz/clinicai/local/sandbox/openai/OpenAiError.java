package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.clinicai.shared.json.Json;

/** An error answered in OpenAI's shape {"error":{"message","type","param","code"}}; thrown anywhere below the router. */
final class OpenAiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    OpenAiError(int status, String message, String type, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static OpenAiError invalid(String message, String param, String code) {
        return new OpenAiError(400, message, "invalid_request_error", param, code);
    }

    static OpenAiError missing(String param) {
        return invalid("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    static OpenAiError notFound(String message, String param, String code) {
        return new OpenAiError(404, message, "invalid_request_error", param, code);
    }

    /**
     * The error the real API answers for an HTTP status that a test injects: 429 as rate_limit_exceeded (retry) or,
     * with {@code code} "insufficient_quota", as insufficient_quota (do not retry); 5xx as server errors.
     */
    static OpenAiError fault(int status, String code, String model) {
        return switch (status) {
            case 429 -> "insufficient_quota".equals(code)
                    ? new OpenAiError(429, "You exceeded your current quota, please check your plan and billing "
                            + "details. For more information on this error, read the docs: "
                            + "https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota",
                            null, "insufficient_quota")
                    : new OpenAiError(429, "Rate limit reached for " + model + " in organization org-sandbox on "
                            + "requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.",
                            "requests", null, code == null ? "rate_limit_exceeded" : code);
            case 500 -> new OpenAiError(500, "The server had an error while processing your request. Sorry about that!",
                    "server_error", null, code);
            case 502 -> new OpenAiError(502, "Bad gateway.", "server_error", null, code);
            case 503 -> new OpenAiError(503, "The server is overloaded or not ready yet.", "server_error", null, code);
            case 401 -> new OpenAiError(401, "Incorrect API key provided.", "invalid_request_error", null,
                    code == null ? "invalid_api_key" : code);
            case 404 -> new OpenAiError(404, "The requested resource was not found.", "invalid_request_error", null,
                    code);
            default -> new OpenAiError(status, "Injected sandbox error " + status + ".",
                    status >= 500 ? "server_error" : "invalid_request_error", null, code);
        };
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }
}
