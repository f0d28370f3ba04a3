package kz.clinicai.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import kz.clinicai.shared.json.Json;

/** One request field from a JSON body or a form (the earlier panel's API took form fields; both keep working). */
final class ApiInput {

    static final int MAX_BODY = 64 * 1024;

    private final HttpServletRequest request;
    private JsonNode json;

    ApiInput(HttpServletRequest request) {
        this.request = request;
    }

    String field(String name) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            JsonNode node = json().get(name);
            return node == null || node.isNull() ? null : node.asText();
        }
        return request.getParameter(name);
    }

    private JsonNode json() {
        if (json == null) {
            try (InputStream in = request.getInputStream()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    throw new ApiProblem(413, "too_large", "Тело запроса больше " + MAX_BODY + " байт");
                }
                JsonNode node = body.length == 0 ? null : Json.mapper().readTree(body);
                if (node != null && !node.isObject()) {
                    throw new ApiProblem(400, "invalid_json", "Ожидался JSON-объект");
                }
                json = node == null ? Json.mapper().createObjectNode() : node;
            } catch (IOException e) {
                throw new ApiProblem(400, "invalid_json", "Тело запроса — не JSON");
            }
        }
        return json;
    }
}
