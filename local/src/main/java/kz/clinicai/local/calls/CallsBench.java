package kz.clinicai.local.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.DynamoDbCallRepository;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.dialogue.OpenAiDialogueModel;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import kz.clinicai.local.sandbox.openai.OpenAiSandbox;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.usage.UsageRecorder;

/**
 * The calls platform's own time per turn, beyond the providers': signed turns posted to the webhook's function URL
 * (through the API emulator, as the scenario posts them) for calls in progress, in asr mode (text → model) and
 * record mode (download → S3 → transcription → model), every dependency local at zero added latency. The same
 * provider round trips are then measured alone (the same openai-java client and model code, the same download), so
 * the difference is the platform's: DynamoDB reads and writes (call, history, nonce), S3, signature check, JSON,
 * the handler. The simulators' own handling counts as provider time (measured alone the same way). Then the modelled end-of-speech → first-word latency with assumed provider
 * latencies (printed with their sources). Rerun: {@code ./mvnw -q -Plocal -Dlocal.args="bench-calls --turns 200"}.
 */
public final class CallsBench {

    private static final int WARM_UP = 40;
    private static final int TURNS_PER_CALL = 8;
    private static final String SAID = "Расскажите подробнее, пожалуйста, сколько это стоит?";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Stack stack;
    private final DynamoDbCallRepository calls;
    private final WebhookKeys keys;
    private final String webhook;
    private String wavUrl;

    private CallsBench(Stack stack, String signingKey) {
        this.stack = stack;
        this.calls = new DynamoDbCallRepository(stack.aws().dynamo(), stack.world().ref("CallsTable"), Clock.systemUTC(),
                Duration.ofDays(1));
        this.keys = new WebhookKeys(() -> signingKey);
        this.webhook = stack.apiUrl() + "/_url/CallsWebhookFunction/";
    }

    public static void run(StackConfig config, int turns, PrintStream out) throws Exception {
        // The JDK HTTP server (API emulator, sandbox) writes headers and body separately; with Nagle's algorithm and
        // delayed ACKs each exchange can wait ~40 ms for nothing. Lambda's front end has no such stall, so measure
        // without it (read once, when the first server starts: set before the stack boots).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        StackConfig quiet = new StackConfig(config.template(), 0, false, Files.createTempDirectory("calls-bench"),
                true, config.catalog(), config.settings(), Map.of());
        String secret = config.settings().secrets(Map.of(), Map.of()).get("clinicai/calls-webhook");
        String signingKey = Json.mapper().readTree(secret).path("signing_key").asText();
        HttpServer recordings = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        byte[] wav = SandboxAudio.wav(SAID, 3.0);
        recordings.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "audio/wav");
            ex.sendResponseHeaders(200, wav.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(wav);
            }
        });
        recordings.start();
        try (Stack stack = Stack.boot(quiet, new PrintStream(OutputStream.nullOutputStream()))) {
            kz.clinicai.local.EffortDelays.apply(stack, out);
            CallsBench bench = new CallsBench(stack, signingKey);
            bench.wavUrl = "http://127.0.0.1:" + recordings.getAddress().getPort() + "/record.wav";
            bench.measure(turns, out);
        } finally {
            recordings.stop(0);
        }
    }

    private void measure(int turns, PrintStream out) throws Exception {
        String modelName = stack.world().parameters().get("CallsModel");
        String effort = stack.world().parameters().get("CallsReasoningEffort");
        String sent = ModelCapabilities.standard().reasoningEffort(modelName, effort).orElse(null);
        out.printf("AI calls benchmark: %d warm turns per mode after %d warm-up turns, %d turns per call, sandbox "
                + "providers at zero added latency but the assumed thinking time of the effort sent; model %s, "
                + "reasoning.effort %s (sent: %s)%n", turns, WARM_UP, TURNS_PER_CALL, modelName, effort,
                sent == null ? "none sent" : sent);
        double[] asr = turns("asr", turns);
        double[] record = turns("record", turns);

        OpenAIClient client = OpenAiClients.create(new OpenAiSettings(OpenAiSandbox.API_KEY,
                URI.create(stack.sandbox().mountUrl("openai") + "/v1"), Duration.ofSeconds(10), 0, Optional.empty()));
        OpenAiDialogueModel model = new OpenAiDialogueModel(client, modelName, "gpt-transcribe",
                List.of("interested", "other"), UsageRecorder.NONE, Clock.systemUTC(),
                new OpenAiDialogueModel.Efforts(effort, null));
        List<Turn> history = history();
        byte[] wav = download();
        double[] modelAlone = alone(turns, () -> model.reply("bench", "Ты ассистент.", history));
        double[] transcribeAlone = alone(turns, () -> model.transcribe("bench", wav, "turn.wav", "ru"));
        double[] downloadAlone = alone(turns, this::download);

        out.printf("asr turn (webhook round trip):    p50 %6.1f ms  p99 %6.1f ms%n", p(asr, 50), p(asr, 99));
        out.printf("record turn (webhook round trip): p50 %6.1f ms  p99 %6.1f ms%n", p(record, 50), p(record, 99));
        out.printf("providers alone: model p50 %.1f ms (p99 %.1f), transcription p50 %.1f ms, recording download p50 %.1f ms%n",
                p(modelAlone, 50), p(modelAlone, 99), p(transcribeAlone, 50), p(downloadAlone, 50));
        double asrOwn50 = p(asr, 50) - p(modelAlone, 50);
        double asrOwn99 = p(asr, 99) - p(modelAlone, 50);
        double recProviders = p(modelAlone, 50) + p(transcribeAlone, 50) + p(downloadAlone, 50);
        double recOwn50 = p(record, 50) - recProviders;
        double recOwn99 = p(record, 99) - recProviders;
        out.printf("platform's own time per turn (turn minus provider p50s): asr p50 %.1f ms, p99 %.1f ms; "
                + "record p50 %.1f ms, p99 %.1f ms (target p99 <= 150 ms)%n", asrOwn50, asrOwn99, recOwn50, recOwn99);

        // Modelled: end of the callee's speech -> first word of the reply, with assumed provider latencies.
        double network = 2 * 60;          // Voximplant (RU/KZ) <-> AWS eu-central-1 round trip, assumed 60 ms each way
        double asrFinal = 500;            // streaming ASR end-of-utterance to final result, assumed
        // Short reply (≈40 tokens) complete, assumed TTFT 0.5 s + 0.4 s (the former default's figure), plus the assumed
        // thinking time of the effort sent (EffortDelays; 0 for none and for non-reasoning models).
        double llm = 900 + (sent == null ? 0 : kz.clinicai.local.EffortDelays.ASSUMED.get(sent));
        double tts = 300;                 // TTS time to first audio, assumed
        double silence = 700;             // record mode: end-of-speech (VAD) window, assumed (the old flow used 2 s)
        double recordReady = 500;         // record mode: recording closed and downloadable, assumed
        double download = 100;            // from Voximplant storage to AWS, assumed
        double stt = 700;                 // gpt-transcribe on a 3-5 s clip, assumed
        double asrModel = asrFinal + network + asrOwn99 + llm + tts;
        double recordModel = silence + recordReady + network + download + stt + recOwn99 + llm + tts;
        out.printf("modelled end of speech -> first word (ASSUMED provider figures, see CallsBench source): "
                + "asr ≈ %.1f s (ASR final %.0f + network %.0f + platform p99 %.0f + LLM %.0f + TTS %.0f ms); "
                + "record ≈ %.1f s (VAD %.0f + record ready %.0f + network %.0f + download %.0f + STT %.0f + platform p99 %.0f "
                + "+ LLM %.0f + TTS %.0f ms); the earlier flow: 4-11 s%n",
                asrModel / 1000, asrFinal, network, asrOwn99, llm, tts,
                recordModel / 1000, silence, recordReady, network, download, stt, recOwn99, llm, tts);
    }

    private double[] turns(String mode, int count) throws Exception {
        double[] out = new double[count];
        String callId = null;
        for (int i = 0; i < WARM_UP + count; i++) {
            if (i % TURNS_PER_CALL == 0) {
                callId = newCall(mode);
            }
            String body = Json.mapper().writeValueAsString(mode.equals("asr")
                    ? Map.of("type", "turn", "call_id", callId, "text", SAID)
                    : Map.of("type", "turn", "call_id", callId, "record_url", wavUrl));
            String signature = WebhookSignature.sign(keys.callKey(callId), Instant.now().getEpochSecond(),
                    UUID.randomUUID().toString().replace("-", ""), body);
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").header(WebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            double ms = (System.nanoTime() - started) / 1e6;
            JsonNode reply = Json.mapper().readTree(r.body());
            if (r.statusCode() != 200 || reply.path("say").asText().isBlank()) {
                throw new IllegalStateException(mode + " turn answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= WARM_UP) {
                out[i - WARM_UP] = ms;
            }
        }
        return out;
    }

    private String newCall(String mode) {
        String id = "call_" + UUID.randomUUID().toString().replace("-", "");
        String now = Instant.now().toString();
        calls.create(new Call(id, "+77010000000", CallStatus.IN_PROGRESS, mode, "ru", null, null, Map.of(), now, now, 1,
                null, "bench", List.of(), null, null, null, null));
        calls.appendTurns(id, List.of(new Turn(Turn.ASSISTANT, "Здравствуйте! Я голосовой ассистент. Чем могу помочь?",
                now, "greeting")));
        return id;
    }

    private static List<Turn> history() {
        List<Turn> out = new ArrayList<>();
        out.add(new Turn(Turn.ASSISTANT, "Здравствуйте! Я голосовой ассистент. Чем могу помочь?", "", "greeting"));
        for (int i = 0; i < TURNS_PER_CALL / 2; i++) {
            out.add(new Turn(Turn.USER, SAID, "", null));
            out.add(new Turn(Turn.ASSISTANT, "Здравствуйте! Я виртуальный помощник (sandbox). Вы написали: " + SAID, "", null));
        }
        out.add(new Turn(Turn.USER, SAID, "", null));
        return out;
    }

    private byte[] download() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(wavUrl)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static double[] alone(int count, Work work) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            work.run();
            out[i] = (System.nanoTime() - started) / 1e6;
        }
        return out;
    }

    private static double p(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
