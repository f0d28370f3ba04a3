package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.shared.json.Json;

/** One authenticated API request: the exchange, the path split into segments below /v1, and body helpers. */
record Call(SandboxExchange exchange, String method, List<String> segments, Map<String, String> query) {

    boolean is(String method, int segmentCount) {
        return this.method.equals(method) && segments.size() == segmentCount;
    }

    String segment(int i) {
        return segments.get(i);
    }

    /** The JSON object body; 400 in OpenAI's shape when it is not one. */
    JsonNode json() throws IOException {
        byte[] body = exchange.body();
        if (body.length == 0) {
            throw OpenAiError.invalid("We could not parse the JSON body of your request. (HINT: the body is empty.)",
                    null, "invalid_json");
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw OpenAiError.invalid("The JSON body of your request must be an object.", null, "invalid_json");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw OpenAiError.invalid("We could not parse the JSON body of your request. (HINT: This likely means you "
                    + "aren't using your HTTP library correctly.)", null, "invalid_json");
        }
    }

    Multipart multipart() throws IOException {
        return Multipart.parse(exchange.header("Content-Type").orElse(null), exchange.body());
    }

    void ok(Object body) throws IOException {
        exchange.json(200, body);
    }
}
