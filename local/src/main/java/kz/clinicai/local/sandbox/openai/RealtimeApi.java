package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/realtime/client_secrets}: an ephemeral key for a Realtime session ({@code {"value":"ek_…",
 * "expires_at", "session"}}), what a platform hands to a client (here: a Voximplant scenario) instead of its own
 * key. The sandbox has no Realtime WebSocket: the Voximplant simulator's OpenAI module stands in for it.
 */
final class RealtimeApi {

    private final Clock clock;
    private final Models models;
    private final ModelClock modelClock;

    RealtimeApi(Clock clock, Models models, ModelClock modelClock) {
        this.clock = clock;
        this.models = models;
        this.modelClock = modelClock;
    }

    boolean handle(Call call) throws IOException {
        if (call.segments().size() != 2 || !call.segment(0).equals("realtime") || !call.segment(1).equals("client_secrets")
                || !call.method().equals("POST")) {
            return false;
        }
        JsonNode body = call.json();
        JsonNode session = body.path("session");
        if (!session.isObject() || !session.hasNonNull("model")) {
            throw OpenAiError.invalid("Missing required parameter: 'session.model'.", "session.model",
                    "missing_required_parameter");
        }
        String type = session.path("type").asText("");
        if (!type.equals("realtime") && !type.equals("transcription")) {
            throw OpenAiError.invalid("Invalid value for 'session.type': expected 'realtime' or 'transcription'.",
                    "session.type", "invalid_value");
        }
        String model = session.get("model").asText();
        // Realtime session models: openai-java's RealtimeSessionCreateRequest.Model values; a retired one is refused
        // as every other endpoint refuses it.
        if (!models.isRealtimeModel(model)) {
            throw OpenAiError.invalid("Invalid value: '" + model + "'. The requested model does not exist.",
                    "session.model", "model_not_found");
        }
        models.requireLive(model, modelClock.today());
        String transcription = session.path("audio").path("input").path("transcription").path("model").asText(null);
        if (transcription != null) {
            if (!models.isLiveTranscriptionModel(transcription) && !models.isTranscriptionModel(transcription)) {
                throw OpenAiError.invalid("Invalid value: '" + transcription + "'. The requested model does not exist.",
                        "session.audio.input.transcription.model", "model_not_found");
            }
            models.requireLive(transcription, modelClock.today());
        }
        // The session as OpenAI's OpenAPI document describes the answer: what was asked plus its id and object.
        ObjectNode answered = ((ObjectNode) session).deepCopy();
        answered.put("id", "sess_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        answered.put("object", type.equals("realtime") ? "realtime.session" : "realtime.transcription_session");
        answered.put("expires_at", 0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", "ek_sandbox_" + UUID.randomUUID().toString().replace("-", ""));
        out.put("expires_at", clock.instant().getEpochSecond() + body.path("expires_after").path("seconds").asLong(600));
        out.put("session", answered);
        call.exchange().json(200, out);
        return true;
    }
}
