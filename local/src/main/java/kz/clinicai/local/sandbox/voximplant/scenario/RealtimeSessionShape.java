package kz.clinicai.local.sandbox.voximplant.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * What the GA OpenAI Realtime API accepts in a {@code session.update} (the openai-java GA session models, API
 * reference 2026): {@code session.type} is required ("realtime" or "transcription"); voice, transcription and turn
 * detection live under {@code session.audio}. A Beta-shaped body (no type; top-level {@code voice},
 * {@code input_audio_transcription}, {@code turn_detection}) is refused as the API refuses it, with an error event.
 */
final class RealtimeSessionShape {

    record Refusal(String code, String param, String message) {
    }

    private static final Set<String> SESSION = Set.of("type", "model", "instructions", "tools", "tool_choice", "audio",
            "output_modalities", "max_output_tokens", "tracing", "truncation", "prompt", "include", "reasoning");
    private static final Set<String> AUDIO = Set.of("input", "output");
    private static final Set<String> INPUT = Set.of("format", "noise_reduction", "transcription", "turn_detection");
    private static final Set<String> OUTPUT = Set.of("format", "voice", "speed");

    private RealtimeSessionShape() {
    }

    /** Null when the API accepts {@code body} (the client event's parameters) for a client of {@code clientType}. */
    static Refusal check(JsonNode body, String clientType) {
        JsonNode session = body.path("session");
        if (!session.isObject()) {
            return missing("session");
        }
        if (!session.hasNonNull("type")) {
            return missing("session.type");
        }
        String type = session.path("type").asText();
        if (!type.equals(clientType)) {
            return new Refusal("invalid_value", "session.type", "Invalid value: '" + type + "'. Supported values are: '"
                    + clientType + "'.");
        }
        Refusal r = unknown(session, SESSION, "session");
        if (r != null) {
            return r;
        }
        JsonNode audio = session.path("audio");
        if (audio.isMissingNode()) {
            return null;
        }
        r = unknown(audio, AUDIO, "session.audio");
        if (r == null && audio.has("input")) {
            r = unknown(audio.path("input"), INPUT, "session.audio.input");
        }
        if (r == null && audio.has("output")) {
            r = unknown(audio.path("output"), OUTPUT, "session.audio.output");
        }
        return r;
    }

    private static Refusal missing(String param) {
        return new Refusal("missing_required_parameter", param, "Missing required parameter: '" + param + "'.");
    }

    private static Refusal unknown(JsonNode node, Set<String> known, String prefix) {
        if (!node.isObject()) {
            return new Refusal("invalid_type", prefix, "Invalid type for '" + prefix + "': expected an object.");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                return new Refusal("unknown_parameter", prefix + "." + field, "Unknown parameter: '" + prefix + "." + field + "'.");
            }
        }
        return null;
    }
}
