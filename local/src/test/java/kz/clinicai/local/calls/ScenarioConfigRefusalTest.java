package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.clinicai.local.sandbox.voximplant.scenario.Callee;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The repo's scenario, in the simulator, against a stub webhook whose configuration names a voice VoxEngine lacks:
 * the call fails at the platform (a Failed event) and nobody is dialled — rather than a Russian greeting read by
 * VoxEngine's default English voice.
 */
class ScenarioConfigRefusalTest {

    @Test
    void aVoiceVoxEngineLacksFailsTheCallBeforeDialling() throws Exception {
        List<JsonNode> posted = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        webhook.createContext("/", ex -> {
            JsonNode body = Json.mapper().readTree(ex.getRequestBody().readAllBytes());
            posted.add(body);
            Map<String, Object> answer = body.path("type").asText().equals("config") ? Map.ofEntries(
                    Map.entry("call_id", "c1"), Map.entry("phone", "+77010000001"), Map.entry("caller_id", "+77270000000"),
                    Map.entry("mode", "asr"), Map.entry("language", "ru"), Map.entry("greeting", "Здравствуйте!"),
                    Map.entry("voice", "Yandex.Neural.ru_RU_nobody"), Map.entry("asr_profile", "Google.ru_RU"),
                    Map.entry("amd_model", "RU"), Map.entry("operator_phone", ""), Map.entry("voicemail_message", ""),
                    Map.entry("call_key", "k"),
                    Map.entry("phrases", Map.of("repeat", "r", "unavailable", "u", "operator_busy", "o")))
                    : Map.of("action", "continue");
            byte[] bytes = Json.mapper().writeValueAsBytes(answer);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        webhook.start();
        try {
            ScenarioRun.run("refusal", webhook.getAddress().getPort(), 0.01, Callee.standard(), Duration.ofSeconds(15),
                    session -> {
                        assertThat(session.log().texts("event")).noneMatch(l -> l.startsWith("callPSTN"));
                        assertThat(session.log().texts("bot")).isEmpty();
                    });
        } finally {
            webhook.stop(0);
        }
        assertThat(posted).hasSize(2);
        assertThat(posted.get(1).path("event").asText()).isEqualTo("Failed");
        assertThat(posted.get(1).path("reason").asText()).isEqualTo("unknown voice Yandex.Neural.ru_RU_nobody");
    }
}
