package kz.clinicai.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/**
 * The HTTP response API Gateway makes of a function's payload 2.0 response: an object with statusCode is read
 * field by field; anything else (a string, a plain object) becomes a 200 JSON body as it is.
 */
record HttpResponses(int status, Map<String, List<String>> headers, byte[] body) {

    static HttpResponses fromLambda(byte[] response) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(response);
        } catch (IOException e) {
            return json(200, response);
        }
        if (node == null || !node.isObject() || !node.has("statusCode")) {
            return json(200, response);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").properties().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                .add(e.getValue().asText()));
        node.path("multiValueHeaders").properties().forEach(e -> e.getValue().forEach(v ->
                headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(v.asText())));
        node.path("cookies").forEach(c -> headers.computeIfAbsent("Set-Cookie", k -> new ArrayList<>()).add(c.asText()));
        JsonNode bodyNode = node.get("body");
        String text = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.isTextual() ? bodyNode.asText()
                : bodyNode.toString();
        byte[] body = node.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        return new HttpResponses(node.path("statusCode").asInt(200), headers, body);
    }

    static HttpResponses json(int status, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        return new HttpResponses(status, headers, body);
    }

    /** API Gateway's own error bodies: {"message":"Not Found"}. */
    static HttpResponses message(int status, String message) {
        return json(status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponses ofJson(int status, Object value) {
        try {
            return json(status, Json.mapper().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
