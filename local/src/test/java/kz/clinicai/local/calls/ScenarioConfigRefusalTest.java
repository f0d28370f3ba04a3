package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import kz.clinicai.local.ProjectRoot;
import kz.clinicai.local.sandbox.voximplant.scenario.Callee;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession;
import kz.clinicai.shared.json.Json;
import org.graalvm.polyglot.Engine;
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
        String script = Files.readString(ProjectRoot.find(Path.of("")).resolve("functions/calls/scenario/outbound-call.js"))
                .replace("{{WEBHOOK_URL}}", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/")
                .replace("{{SCENARIO_KEY}}", "scenario-key");
        String prelude;
        try (InputStream in = ScenarioSession.class.getResourceAsStream("/kz/clinicai/local/sandbox/voximplant/voxengine.js")) {
            prelude = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            ScenarioSession session = new ScenarioSession("refusal", "c1", script, 0.01, "http://127.0.0.1:1/records",
                    phone -> Callee.standard(), engine, () -> { }, "http://127.0.0.1:1/openai/v1");
            session.start(prelude);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!session.ended() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            assertThat(session.ended()).as(session.log().lines().toString()).isTrue();
            assertThat(session.log().texts("error")).isEmpty();
            assertThat(session.log().texts("event")).noneMatch(l -> l.startsWith("callPSTN"));
            assertThat(session.log().texts("bot")).isEmpty();
        } finally {
            webhook.stop(0);
        }
        assertThat(posted).hasSize(2);
        assertThat(posted.get(1).path("event").asText()).isEqualTo("Failed");
        assertThat(posted.get(1).path("reason").asText()).isEqualTo("unknown voice Yandex.Neural.ru_RU_nobody");
    }
}
