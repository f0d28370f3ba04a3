package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import kz.clinicai.local.sandbox.voximplant.scenario.Callee;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The repo's scenario, in the simulator, against a stub webhook that answers the callee's turns with an error: the
 * scenario must end the call, not ask the callee to repeat for as long as they keep talking. A 4xx means the platform
 * refuses this call's turns (the call ended there: voicemail, failed, lost — and its line is already given back); a
 * webhook that keeps failing (5xx, timeouts) ends the call after a few turns.
 */
class ScenarioTurnFailureTest {

    /** Talks eight times, each after the bot's phrase: without a hang-up by the bot, eight turns would be posted. */
    private static Callee talkative() {
        List<Callee.Utterance> said = new ArrayList<>();
        // The first answer comes a beat after the greeting: what a callee says before the realtime bridge is up is
        // heard by no one (as on a real call), and this test is about failing tool calls, not about that race.
        IntStream.range(0, 8).forEach(i -> said.add(new Callee.Utterance("Алло, вы меня слышите? " + i, i == 0 ? 2000 : 300,
                false, false, false, false)));
        return new Callee("human", List.copyOf(said));
    }

    @Test
    void aTurnThePlatformRefusesEndsTheCall() throws Exception {
        List<JsonNode> posted = run("asr", 409);
        assertThat(turns(posted)).hasSize(1);
    }

    @Test
    void aWebhookThatKeepsFailingEndsTheCallAfterAFewTurns() throws Exception {
        List<JsonNode> posted = run("asr", 500);
        assertThat(turns(posted)).hasSize(3);
    }

    /** Realtime: the model calls a tool and waits for its output; a webhook that cannot answer must not leave silence. */
    @Test
    void aToolCallThePlatformCannotAnswerEndsTheRealtimeCall() throws Exception {
        List<JsonNode> posted = run("realtime", 500);
        assertThat(posted).anySatisfy(b -> assertThat(b.path("event").asText()).isEqualTo("Tool"));
    }

    private static List<JsonNode> turns(List<JsonNode> posted) {
        return posted.stream().filter(b -> b.path("type").asText().equals("turn")).toList();
    }

    /** {@code failing}: the status the webhook answers turns and tool calls with. */
    private static List<JsonNode> run(String mode, int failing) throws Exception {
        List<JsonNode> posted = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        // the OpenAI sandbox's Responses API as the realtime stand-in asks it: the model calls end_call
        webhook.createContext("/openai/v1/responses", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] bytes = Json.mapper().writeValueAsBytes(Map.of("output", List.of(Map.of("type", "function_call",
                    "name", "end_call", "call_id", "call_1", "arguments", "{}"))));
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        webhook.createContext("/", ex -> {
            JsonNode body = Json.mapper().readTree(ex.getRequestBody().readAllBytes());
            posted.add(body);
            String type = body.path("type").asText();
            boolean fails = type.equals("turn") || body.path("event").asText().equals("Tool");
            Map<String, Object> answer = type.equals("config") ? Map.ofEntries(
                    Map.entry("call_id", "c1"), Map.entry("phone", "+77010000001"), Map.entry("caller_id", "+77270000000"),
                    Map.entry("mode", mode), Map.entry("language", "ru"), Map.entry("greeting", "Здравствуйте!"),
                    Map.entry("voice", "Yandex.Neural.ru_RU_alena"), Map.entry("asr_profile", "Google.ru_RU"),
                    Map.entry("amd_model", "RU"), Map.entry("operator_phone", ""), Map.entry("voicemail_message", "v"),
                    Map.entry("call_key", "k"),
                    Map.entry("phrases", Map.of("repeat", "Повторите, пожалуйста.", "unavailable", "u",
                            "operator_busy", "o")),
                    Map.entry("realtime", Map.of("api_key", "ek_test", "model", "gpt-realtime-2",
                            "transcription_model", "gpt-live-transcribe", "voice", "alloy", "language", "ru",
                            "instructions", "i", "tools", List.of(Map.of("type", "function", "name", "end_call",
                                    "description", "end", "parameters", Map.of("type", "object", "properties", Map.of()))))))
                    : fails ? Map.of("error", Map.of("code", "call_not_in_progress"))
                    : Map.of("action", "continue");
            byte[] bytes = Json.mapper().writeValueAsBytes(answer);
            ex.sendResponseHeaders(fails ? failing : 200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        webhook.start();
        try {
            ScenarioRun.run("turn-failure", webhook.getAddress().getPort(), 0.05, talkative(), Duration.ofSeconds(30),
                    // the bot ended the call, not the callee running out of words
                    session -> assertThat(session.log().texts("event")).as(session.log().lines().toString())
                            .contains("call.hangup()"));
        } finally {
            webhook.stop(0);
        }
        assertThat(posted).last().satisfies(b -> assertThat(b.path("event").asText()).isEqualTo("Disconnected"));
        return posted;
    }
}
