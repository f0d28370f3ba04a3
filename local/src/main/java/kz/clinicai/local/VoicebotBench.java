package kz.clinicai.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the voicebot's own code costs per request, with every dependency local and the sandbox at zero latency:
 * the cold first request of a new JVM (handler init included), then warm requests through the API emulator
 * (p50/p99; each request is the first utterance of its own call, so the dialogue history sent to the model stays
 * short), and the sandbox round trips the request makes (one model call, one InfoClinica SCHED_INFO) measured
 * on their own, so the difference is the handler's overhead (DynamoDB Local and Secrets Manager calls included).
 * Rerun: {@code ./mvnw -q -Plocal -Dlocal.args="bench-voicebot --requests 300"}.
 */
final class VoicebotBench {

    private static final String UTTERANCE = "Какое время у меня завтра запись?";
    /** The five utterances of the seed (events/VoicebotFunction*.json and the ACS examples). */
    static final List<String> SEED_UTTERANCES = List.of("Хочу записаться на прием завтра",
            "Какое время у меня завтра запись?", "Хочу перенести запись на другое время",
            "Какие есть свободные окна на четверг?", "Мне нужно отменить запись");
    private static final int WARM_UP = 50;
    private static final long FIRST_SCHED_ID = 880_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Stack stack;
    private InfoClinicaProbe infoClinicaProbe;
    private OpenAIClient openAi;
    private String model;
    private String effort;

    private VoicebotBench(Stack stack) {
        this.stack = stack;
    }

    static void run(StackConfig config, int requests, PrintStream out) throws Exception {
        StackConfig quiet = new StackConfig(config.template(), 0, false, Files.createTempDirectory("voicebot-bench"),
                true, config.catalog(), config.settings(), Map.of());
        try (Stack stack = Stack.boot(quiet, new PrintStream(OutputStream.nullOutputStream()))) {
            EffortDelays.apply(stack, out);
            new VoicebotBench(stack).measure(requests, out);
        }
    }

    private void measure(int requests, PrintStream out) throws Exception {
        model = stack.world().parameters().get("VoicebotModel");
        effort = stack.world().parameters().get("VoicebotReasoningEffort");
        seededAssistantUses(model);
        out.printf("voicebot model %s, reasoning.effort %s (sent: %s)%n", model, effort,
                ModelCapabilities.standard().reasoningEffort(model, effort).orElse("none sent"));
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Almaty")).plusDays(2);
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        for (int i = 0; i < 1 + WARM_UP + requests; i++) {
            post(stack.sandbox().baseUrl() + "/infoclinica/_control/appointments", Json.write(
                    Map.of("schedid", FIRST_SCHED_ID + i, "pcode", FIRST_SCHED_ID + i, "dcode", 1001,
                            "date", day.toString(), "start", String.format("%02d:00", 9 + i % 9),
                            "end", String.format("%02d:30", 9 + i % 9))));
        }
        String url = stack.apiUrl() + "/voicebot/infoclinica-clinic/v1/";

        long coldStart = System.nanoTime();
        int next = 0;
        HttpResponse<String> first = post(url, body(next++), headers());
        double coldMs = millis(System.nanoTime() - coldStart);
        expectOk(first);
        out.printf("cold first request (new JVM, handler init included): %.0f ms; handler init alone: %d ms%n",
                coldMs, stack.runtime().coldStarts().get("VoicebotFunction"));

        for (int i = 0; i < WARM_UP; i++) {
            expectOk(post(url, body(next++), headers()));
        }
        double[] warm = new double[requests];
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = post(url, body(next++), headers());
            warm[i] = millis(System.nanoTime() - started);
            expectOk(response);
        }
        out.printf("warm request through the API emulator (%d requests): p50 %.1f ms, p99 %.1f ms, mean %.1f ms%n",
                requests, percentile(warm, 50), percentile(warm, 99), Arrays.stream(warm).average().orElse(0));

        double[] model = roundTrips(requests, this::modelCall);
        double[] infoClinica = roundTrips(requests, this::scheduleInfoCall);
        out.printf("sandbox round trips alone: model p50 %.1f ms, InfoClinica (mutual TLS) p50 %.1f ms%n",
                percentile(model, 50), percentile(infoClinica, 50));
        out.printf("handler overhead (warm p50 minus those round trips): %.1f ms%n",
                percentile(warm, 50) - percentile(model, 50) - percentile(infoClinica, 50));

        // Each seed utterance as the first turn about its own appointment; the simulator's journal counts messages.
        long schedId = FIRST_SCHED_ID + 1 + WARM_UP + requests;
        for (String utterance : SEED_UTTERANCES) {
            post(stack.sandbox().baseUrl() + "/infoclinica/_control/appointments", Json.write(
                    Map.of("schedid", schedId, "pcode", schedId, "dcode", 1001, "date", day.toString(),
                            "start", "17:00", "end", "17:30")));
            long before = received().path("last").asLong();
            HttpResponse<String> response = post(url, Json.write(
                    Map.of("appointment_id", schedId, "user_input", utterance)), headers());
            JsonNode received = received(before);
            List<String> messages = new java.util.ArrayList<>();
            received.path("received").forEach(m -> messages.add(m.path("message").asText()));
            out.printf("InfoClinica round trips for \"%s\": %d %s -> %s%n", utterance, messages.size(), messages,
                    Json.mapper().readTree(response.body()).path("status").asText());
            if (utterance.contains("четверг")) {
                // The usual next turn: the patient picks an offered time.
                String choice = "давайте во второе";
                long mark = received().path("last").asLong();
                HttpResponse<String> booked = post(url, Json.write(
                        Map.of("appointment_id", schedId, "user_input", choice)), headers());
                List<String> sent = new java.util.ArrayList<>();
                received(mark).path("received").forEach(m -> sent.add(m.path("message").asText()));
                out.printf("InfoClinica round trips for \"%s\" (after the Thursday offers): %d %s -> %s%n", choice,
                        sent.size(), sent, Json.mapper().readTree(booked.body()).path("status").asText());
            }
            schedId++;
        }
    }

    private JsonNode received() throws Exception {
        return received(0);
    }

    private JsonNode received(long since) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.sandbox().baseUrl()
                + "/infoclinica/_control/received?since=" + since)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return Json.mapper().readTree(response.body());
    }

    /** What ACS sends besides the body: the seeded clinic's credential (seed/ClinicsTable.json has its hash). */
    private static Map<String, String> headers() {
        return Map.of("authorization", "Bearer local-acs-token");
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return post(url, body, Map.of());
    }

    private HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String body(int appointment) throws Exception {
        return Json.write(Map.of("appointment_id", FIRST_SCHED_ID + appointment,
                "user_input", UTTERANCE));
    }

    private static void expectOk(HttpResponse<String> response) throws Exception {
        JsonNode reply = Json.mapper().readTree(response.body());
        if (response.statusCode() != 200 || !"no_action_required".equals(reply.path("status").asText())) {
            throw new IllegalStateException("unexpected voicebot answer " + response.statusCode() + " " + response.body());
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double[] roundTrips(int count, Call call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.run();
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            call.run();
            out[i] = millis(System.nanoTime() - started);
        }
        return out;
    }

    /**
     * A Responses call through the same client the voicebot uses (openai-java on OkHttp, so its own cost counts as a
     * round trip, not as handler overhead), shaped like the voicebot's: instructions, one user message, a strict tool.
     */
    /**
     * The seeded clinic's assistant names its own model, which wins over VoicebotModel: the bench's model goes there
     * too (without sampling parameters where the model refuses them), so --model measures what it says.
     */
    private void seededAssistantUses(String benchModel) {
        String table = stack.world().ref("AssistantsTable");
        boolean sampling = ModelCapabilities.standard().acceptsSampling(benchModel);
        for (String sk : List.of("latest", "v#0000000001")) {
            stack.aws().dynamo().updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("name#infoclinica-clinic-voicebot"),
                            "sk", AttributeValue.fromS(sk)))
                    .updateExpression("SET #m = :m" + (sampling ? "" : " REMOVE temperature, topP"))
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#m", "model"))
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(benchModel))));
        }
    }

    private void modelCall() {
        if (openAi == null) {
            Map<String, String> settings = stack.sandbox().settings();
            openAi = OpenAiClients.create(new OpenAiSettings(settings.get("openai.apiKey"),
                    URI.create(settings.get("openai.baseUrl")), Duration.ofSeconds(10), 0, Optional.empty()));
        }
        ResponseCreateParams.Builder params = ResponseCreateParams.builder()
                .model(model)
                .instructions("Сегодня: " + LocalDate.now() + "\nТекущая запись пациента: 10:30")
                .input(UTTERANCE)
                .store(false);
        ModelTuning.apply(params, model, null, null, effort);
        Response response = openAi.responses().create(params
                .addTool(FunctionTool.builder().name("confirm_appointment").strict(true)
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of()))
                                .putAdditionalProperty("required", JsonValue.from(List.of()))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .build())
                .build());
        if (response.output().isEmpty()) {
            throw new IllegalStateException("model sandbox answered nothing");
        }
    }

    /** One WEB_SCHEDULE_INFO alone, as the platform's InfoClinica client sends it ({@link InfoClinicaProbe}). */
    private void scheduleInfoCall() throws Exception {
        if (infoClinicaProbe == null) {
            infoClinicaProbe = new InfoClinicaProbe(stack.sandbox().settings());
        }
        infoClinicaProbe.scheduleInfo(FIRST_SCHED_ID);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
