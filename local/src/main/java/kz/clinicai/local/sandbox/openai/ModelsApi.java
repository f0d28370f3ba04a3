package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import kz.clinicai.shared.json.Json;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in the real shape: {@code {"object":"list","data":[{"id",
 * "object":"model","created","owned_by","shutdown_date"}]}} ({@code shutdown_date} YYYY-MM-DD or null, as openai-java's
 * {@code Model.shutdownDate()} reads it). A model is listed until its shutdown date by the simulator's clock; an
 * unknown model is 404 model_not_found, a shut-down one 404 with the deprecation message.
 */
final class ModelsApi {

    private final Models models;
    private final ModelClock clock;

    ModelsApi(Models models, ModelClock clock) {
        this.models = models;
        this.clock = clock;
    }

    boolean handle(Call call) throws IOException {
        if (call.segments().isEmpty() || !call.segment(0).equals("models") || !call.method().equals("GET")) {
            return false;
        }
        if (call.segments().size() == 1) {
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("object", "list");
            ArrayNode data = out.putArray("data");
            models.listed(clock.today()).forEach(m -> data.add(row(m)));
            call.ok(out);
            return true;
        }
        if (call.segments().size() == 2) {
            String id = call.segment(1);
            models.requireLive(id, clock.today());
            Models.Listed m = models.listed(id, clock.today()).orElseThrow(() -> OpenAiError.notFound(
                    "The model '" + id + "' does not exist", "model", "model_not_found"));
            call.ok(row(m));
            return true;
        }
        return false;
    }

    private static ObjectNode row(Models.Listed m) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", m.id());
        o.put("object", "model");
        o.put("created", m.created());
        o.put("owned_by", m.ownedBy());
        if (m.shutdownDate().isPresent()) {
            o.put("shutdown_date", m.shutdownDate().get().toString());
        } else {
            o.putNull("shutdown_date");
        }
        return o;
    }
}
