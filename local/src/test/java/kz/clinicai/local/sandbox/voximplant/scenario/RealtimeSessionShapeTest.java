package kz.clinicai.local.sandbox.voximplant.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class RealtimeSessionShapeTest {

    private static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    @Test
    void theBetaShapeIsRefusedAsTheGaApiRefusesIt() throws Exception {
        RealtimeSessionShape.Refusal r = RealtimeSessionShape.check(json("""
                {"session": {"instructions": "i", "voice": "alloy", "tools": [],
                 "input_audio_transcription": {"model": "gpt-transcribe"}, "turn_detection": {"type": "server_vad"}}}"""),
                "realtime");
        assertThat(r).isEqualTo(new RealtimeSessionShape.Refusal("missing_required_parameter", "session.type",
                "Missing required parameter: 'session.type'."));
    }

    @Test
    void aBetaFieldBesideTheTypeIsAnUnknownParameter() throws Exception {
        assertThat(RealtimeSessionShape.check(json("{\"session\": {\"type\": \"realtime\", \"voice\": \"alloy\"}}"), "realtime"))
                .isEqualTo(new RealtimeSessionShape.Refusal("unknown_parameter", "session.voice",
                        "Unknown parameter: 'session.voice'."));
        assertThat(RealtimeSessionShape.check(json("{\"session\": {\"type\": \"realtime\", \"audio\": {\"input\": "
                + "{\"input_audio_transcription\": {}}}}}"), "realtime").param())
                .isEqualTo("session.audio.input.input_audio_transcription");
        assertThat(RealtimeSessionShape.check(json("{\"session\": {\"type\": \"transcription\"}}"), "realtime").code())
                .isEqualTo("invalid_value");
    }

    @Test
    void theGaShapeIsAccepted() throws Exception {
        assertThat(RealtimeSessionShape.check(json("""
                {"session": {"type": "realtime", "instructions": "i", "tools": [{"type": "function", "name": "end_call"}],
                 "audio": {"input": {"transcription": {"model": "gpt-live-transcribe", "language": "kk"},
                                     "turn_detection": {"type": "server_vad"}},
                           "output": {"voice": "alloy"}}}}"""), "realtime")).isNull();
    }
}
