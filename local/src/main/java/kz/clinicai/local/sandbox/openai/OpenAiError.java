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
