package kz.clinicai.local.sandbox.voximplant.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Event order and payloads of the simulated VoxEngine as Voximplant documents them, run with small scenarios. */
class ScenarioSessionOrderTest {

    private static Engine engine;
    private static String prelude;

    @BeforeAll
    static void load() throws Exception {
        engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        try (InputStream in = ScenarioSessionOrderTest.class.getResourceAsStream("/kz/clinicai/local/sandbox/voximplant/voxengine.js")) {
            prelude = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static List<String> run(String script) {
        return run(script, List.of());
    }

    private static List<String> run(String script, List<String> expectedErrors) {
        Callee callee = new Callee("human", List.of(new Callee.Utterance("Да, слушаю.", 100, false, false, false, false)));
        ScenarioSession session = new ScenarioSession("order-" + System.nanoTime(), "", script, 0.01, "http://127.0.0.1:1/records",
                phone -> callee, engine, () -> { }, "http://127.0.0.1:1/openai/v1");
        session.start(prelude);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!session.ended() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        assertThat(session.ended()).as("the scenario terminated; log: " + session.log().lines()).isTrue();
        assertThat(session.log().texts("error")).containsExactlyElementsOf(expectedErrors);
        return session.log().texts("log");
    }

    @Test
    void netReportsTimeoutsRefusedConnectionsAndOversizedAnswersWithTheDeclaredCodes() throws Exception {
        // HttpRequestResult.code as declared: -7 timeout, -4 connection error, -9 a response larger than 2 MB
        // (-2 would be "Malformed URL"); no text then.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/big", ex -> {
            byte[] big = new byte[2 * 1024 * 1024 + 1];
            java.util.Arrays.fill(big, (byte) 'a');
            ex.sendResponseHeaders(200, big.length);
            ex.getResponseBody().write(big);
            ex.close();
        });
        server.start();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            List<String> log = run("""
                    function probe(url, options) {
                      return Net.httpRequestAsync(url, options).then(function (r) {
                        Logger.write(url.split('/').pop() + ' ' + r.code + ' ' + (r.text === undefined ? 'no-text' : 'text'));
                      });
                    }
                    VoxEngine.addEventListener(AppEvents.Started, function () {
                      probe('%s/slow', { timeout: 1 })
                        .then(function () { return probe('http://127.0.0.1:%d/closed', {}); })
                        .then(function () { return probe('%s/big', {}); })
                        .then(function () { VoxEngine.terminate(); });
                    });
                    """.formatted(base, closed, base));
            assertThat(log).containsExactly("slow -7 no-text", "closed -4 no-text", "big -9 no-text");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void callRecordStopsOnlyAfterDisconnectedWhileARecorderReportsItsUrlWhenItStarts() {
        List<String> log = run("""
                require(Modules.Recorder);
                VoxEngine.addEventListener(AppEvents.Started, function () {
                  var call = VoxEngine.callPSTN('+77010000001', '+77270000000');
                  var rec = VoxEngine.createRecorder({ hd_audio: true });
                  rec.addEventListener(RecorderEvents.Started, function (e) { Logger.write('Recorder.Started ' + e.url); });
                  rec.addEventListener(RecorderEvents.Stopped, function (e) {
                    Logger.write('Recorder.Stopped url=' + e.url + ' duration>0=' + (e.duration > 0));
                    call.hangup();
                  });
                  call.addEventListener(CallEvents.Connected, function () {
                    call.record({ hd_audio: true });
                    call.sendMediaTo(rec);
                    call.say('Здравствуйте', { voice: VoiceList.Yandex.Neural.ru_RU_alena });
                  });
                  call.addEventListener(CallEvents.PlaybackFinished, function () { setTimeout(function () { rec.stop(); }, 2000); });
                  call.addEventListener(CallEvents.RecordStarted, function (e) { Logger.write('RecordStarted ' + e.url); });
                  call.addEventListener(CallEvents.Disconnected, function () { Logger.write('Disconnected'); });
                  call.addEventListener(CallEvents.RecordStopped, function (e) {
                    Logger.write('RecordStopped ' + e.url);
                    VoxEngine.terminate();
                  });
                });
                """);
        assertThat(log).anyMatch(l -> l.matches("Recorder.Started http://127.0.0.1:1/records/order-\\d+/recorder-\\d+\\.wav"))
                .contains("Recorder.Stopped url=undefined duration>0=true")
                .anyMatch(l -> l.startsWith("RecordStarted http://127.0.0.1:1/records/"));
        assertThat(log.indexOf("Disconnected")).as("RecordStopped fires after Disconnected: " + log)
                .isNotNegative().isLessThan(indexStarting(log, "RecordStopped "));
    }

    @Test
    void aBetaShapedSessionUpdateIsRefusedLikeTheGaRealtimeApiRefusesIt() {
        List<String> log = run("""
                require(Modules.OpenAI);
                VoxEngine.addEventListener(AppEvents.Started, function () {
                  OpenAI.createRealtimeAPIClient({ apiKey: 'ek_test', model: 'gpt-realtime-2' }).then(function (client) {
                    client.addEventListener(OpenAI.RealtimeAPIEvents.SessionCreated, function (e) {
                      Logger.write('created ' + e.data.payload.type);
                      client.sessionUpdate({ session: { instructions: 'i', voice: 'alloy',
                        input_audio_transcription: { model: 'gpt-transcribe' }, turn_detection: { type: 'server_vad' } } });
                    });
                    client.addEventListener(OpenAI.RealtimeAPIEvents.SessionUpdated, function () {
                      Logger.write('updated');
                      VoxEngine.terminate();
                    });
                    client.addEventListener(OpenAI.RealtimeAPIEvents.Error, function (e) {
                      Logger.write('error ' + e.data.payload.type + ': ' + e.data.payload.error.message);
                      VoxEngine.terminate();
                    });
                  });
                });
                """, List.of("realtime session.update refused: Missing required parameter: 'session.type'."));
        assertThat(log).containsExactly("created session.created",
                "error error: Missing required parameter: 'session.type'.");
    }

    private static int indexStarting(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
