package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.shared.json.Json;

/** UIS writes empty values as explicit {@code null} (the platform's mapper leaves nulls out), so it has its own. */
final class UisJson {

    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS,
                    JsonInclude.Include.ALWAYS));

    private UisJson() {
    }

    static void send(SandboxExchange exchange, int status, Object body) throws IOException {
        try {
            exchange.respond(status, "application/json; charset=UTF-8", MAPPER.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
    }
}
