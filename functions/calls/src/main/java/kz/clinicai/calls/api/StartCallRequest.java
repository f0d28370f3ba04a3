package kz.clinicai.calls.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.json.Json;

/** Body of {@code POST /calls}. Unknown fields are refused: a typo must not silently change a call. */
record StartCallRequest(String phone, String assistant, String greeting, String language, String mode,
                        Map<String, String> metadata, Boolean schedule, String timezone) {

    static final Set<String> FIELDS = Set.of("phone", "assistant", "greeting", "language", "mode", "metadata",
            "schedule", "timezone");

    static StartCallRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("malformed_json", "Request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown_field", "Unknown field '" + name + "'; known: " + FIELDS);
            }
        }
        try {
            return Json.mapper().treeToValue(body, StartCallRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_json", "A field has the wrong type (metadata takes string values)");
        }
    }
}
