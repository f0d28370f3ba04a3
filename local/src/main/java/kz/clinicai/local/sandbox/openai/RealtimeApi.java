package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
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

    RealtimeApi(Clock clock) {
        this.clock = clock;
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", "ek_sandbox_" + UUID.randomUUID().toString().replace("-", ""));
        out.put("expires_at", clock.instant().getEpochSecond() + body.path("expires_after").path("seconds").asLong(600));
        out.put("session", session);
        call.exchange().json(200, out);
        return true;
    }
}
