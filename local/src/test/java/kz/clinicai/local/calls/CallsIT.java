package kz.clinicai.local.calls;

import static kz.clinicai.local.calls.CallsWorld.awaitStatus;
import static kz.clinicai.local.calls.CallsWorld.says;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AI phone calls end to end on the real template: POST /calls → the calls function → Voximplant simulator's
 * StartScenarios → the repo's scenario JavaScript in GraalJS → signed webhook (function URL) → the OpenAI sandbox's
 * rule model → the scenario speaks → the scripted callee answers. Each test calls its own number.
 */
class CallsIT {

    @BeforeAll
    static void boot() {
        CallsWorld.boot();
    }

    private static String start(String phone, String mode) {
        HttpResponse<String> r = CallsWorld.startCall(Map.of("phone", phone, "mode", mode,
                "timezone", CallsWorld.zone(true), "metadata", Map.of("lead", "it-" + phone)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = PlatformStackFixture.json(r);
        // The answer is the call as stored after StartScenarios: the scenario may already have reported it ringing
        // (or answered) by then, on a loaded machine too.
        assertThat(created.path("status").asText()).isIn("pending", "ringing", "in_progress");
        assertThat(created.path("phone").asText()).isEqualTo(phone);
        return created.path("call_id").asText();
    }

    @Test
    void asrCallGreetsTalksWithHistoryAndEnds() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Да, слушаю вас внимательно."),
                says("А какие у вас цены на чистку зубов?"), says("Понятно, спасибо, до свидания.")));
        String id = start(phone, "asr");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        List<String> turns = CallsWorld.turns(call);
        assertThat(turns.get(0)).startsWith("assistant|greeting|Здравствуйте!");
        assertThat(turns).contains("user||Да, слушаю вас внимательно.", "user||А какие у вас цены на чистку зубов?",
                "user||Понятно, спасибо, до свидания.");
        // the rule model echoes the latest user text: each reply answered that turn
        assertThat(turns.get(2)).startsWith("assistant||").contains("Да, слушаю вас внимательно.");
        assertThat(turns.get(4)).startsWith("assistant||").contains("А какие у вас цены");
        assertThat(turns.get(turns.size() - 1)).isEqualTo("assistant|end|Спасибо, до свидания!");
        // history: the second turn's model request carried the first turn too
        assertThat(CallsWorld.modelRequestsMentioning("А какие у вас цены на чистку зубов?"))
                .anySatisfy(req -> assertThat(req.path("body").toString()).contains("Да, слушаю вас внимательно."));
        assertThat(call.path("outcome").path("outcome").asText()).isNotBlank();
        assertThat(call.path("summary").asText()).isNotBlank();
        assertThat(call.path("metadata").path("lead").asText()).isEqualTo("it-" + phone);
        // every model call of the call is metered: three replies and the summary
        var usage = new kz.clinicai.shared.usage.DynamoDbUsageRepository(PlatformStackFixture.stack().aws().dynamo(),
                PlatformStackFixture.stack().world().ref("UsageTable"))
                .day(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).stream().filter(u -> u.scope().equals(id)).toList();
        assertThat(usage).hasSize(4).allSatisfy(u -> {
            assertThat(u.channel()).isEqualTo(kz.clinicai.shared.usage.Usage.Channel.CALLS);
            assertThat(u.inputTokens()).isPositive();
        });
        // what the simulator heard the scenario say is what the platform stored
        assertThat(CallsWorld.lines(id, "bot")).containsExactlyElementsOf(call.findValues("turns").get(0)
                .findValuesAsText("role").isEmpty() ? List.of() : assistantTexts(call));
    }

    private static List<String> assistantTexts(JsonNode call) {
        return CallsWorld.turns(call).stream().filter(t -> t.startsWith("assistant|"))
                .map(t -> t.substring(t.indexOf('|', "assistant|".length()) + 1)).toList();
    }

    @Test
    void transferToOperatorBridgesTheCallAndCompletesIt() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Соедините меня с оператором, пожалуйста.")));
        String id = start(phone, "asr");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        List<String> turns = CallsWorld.turns(call);
        assertThat(turns).contains("user||Соедините меня с оператором, пожалуйста.",
                "assistant|transfer|Соединяю вас с оператором, оставайтесь на линии.");
        assertThat(turns).anyMatch(t -> t.startsWith("system|transfer|Переведён на оператора +7 701"));
        assertThat(CallsWorld.lines(id, "event")).anyMatch(l -> l.startsWith("callPSTN operator +77010000001"))
                .anyMatch(l -> l.startsWith("sendMediaBetween"));
    }

    @Test
    void recordModeTranscribesRecordingsAndApologisesForOneThatIsGone() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(
                Map.of("text", "Алло, кто это звонит?", "pause_ms", 300, "record_gone", true),
                says("Да, мне интересно узнать подробнее."),
                says("Нет, спасибо, до свидания.")));
        String id = start(phone, "record");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        List<String> turns = CallsWorld.turns(call);
        assertThat(turns.get(1)).isEqualTo("assistant|apology|Извините, я вас не расслышала. Повторите, пожалуйста.");
        // the words came from the recordings (the sandbox transcribes its own WAVs), not from ASR text
        assertThat(turns).contains("user||Да, мне интересно узнать подробнее.", "user||Нет, спасибо, до свидания.")
                .doesNotContain("user||Алло, кто это звонит?");
        assertThat(call.path("recording").asText()).startsWith("recordings/" + id + "/turn-");
        assertThat(CallsWorld.lines(id, "event")).anyMatch(l -> l.contains("will be gone: 404"))
                .anyMatch(l -> l.startsWith("Recorder.Stopped"));
        assertThat(PlatformStackFixture.sandboxGet("/openai/_requests").path("data").toString())
                .contains("audio/transcriptions");
    }

    @Test
    void theCalleeCanInterruptTheBot() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(
                Map.of("text", "Подождите, а вы кто такие?", "pause_ms", 0, "interrupt", true),
                says("Всего доброго.")));
        String id = start(phone, "asr");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        assertThat(CallsWorld.turns(call)).contains("user|interrupted|Подождите, а вы кто такие?");
        assertThat(CallsWorld.lines(id, "event")).contains("call.stopPlayback() — barge-in");
    }

    @Test
    void anAnsweringMachineGetsTheVoicemailMessageAndTheCallIsVoicemail() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "voicemail", List.of());
        String id = start(phone, "asr");

        // With the summary (written after Disconnected): the status alone can be read before the voicemail turn.
        JsonNode call = awaitStatus(id, Set.of("voicemail"), true);

        assertThat(CallsWorld.turns(call)).anyMatch(t -> t.startsWith("assistant|voicemail|Здравствуйте! Мы вам перезвоним"));
        assertThat(CallsWorld.lines(id, "event")).contains("AMD.DetectionComplete VOICEMAIL");
    }

    @Test
    void anAnsweringMachineWhoseGreetingTheAsrHearsStillGetsTheVoicemailMessageAndTheCallEnds() {
        // A real answering machine talks at once: its greeting reaches the ASR (barge-in, a Result) while AMD decides;
        // the turn that Result starts must not take over the voicemail message nor keep the call open.
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "voicemail", List.of(Map.of("text",
                "Абонент не может ответить. Оставьте, пожалуйста, сообщение после звукового сигнала.",
                "pause_ms", 0, "interrupt", true)));
        String id = start(phone, "asr");

        JsonNode call = awaitStatus(id, Set.of("voicemail"), true);

        assertThat(CallsWorld.lines(id, "event")).contains("AMD.DetectionComplete VOICEMAIL");
        List<String> bot = CallsWorld.lines(id, "bot");
        assertThat(bot.get(bot.size() - 1)).startsWith("Здравствуйте! Мы вам перезвоним");
        assertThat(CallsWorld.turns(call)).noneMatch(t -> t.startsWith("user|"));
    }

    @Test
    void busyAndNoAnswerAreScheduledForAnotherAttempt() {
        String busy = CallsWorld.newPhone();
        CallsWorld.script(busy, "busy", List.of());
        String noAnswer = CallsWorld.newPhone();
        CallsWorld.script(noAnswer, "no_answer", List.of());
        String busyId = start(busy, "asr");
        String noAnswerId = start(noAnswer, "asr");

        JsonNode b = awaitStatus(busyId, Set.of("scheduled"), false);
        JsonNode n = awaitStatus(noAnswerId, Set.of("scheduled"), false);

        assertThat(b.path("failure").asText()).isEqualTo("486 Busy Here");
        assertThat(n.path("failure").asText()).isEqualTo("480 Temporarily Unavailable");
        assertThat(b.path("attempts").asInt()).isEqualTo(1);
        assertThat(java.time.Instant.parse(b.path("next_attempt_at").asText()))
                .isAfter(java.time.Instant.now().plusSeconds(60));
    }

    @Test
    void aModelRateLimitMidCallGetsAFillerPhraseNotSilence() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Расскажите про акцию."), says("Повторяю: расскажите про акцию."),
                says("До свидания.")));
        PlatformStackFixture.sandboxPost("/_control/faults/openai", Map.of("faults",
                List.of(Map.of("status", 429, "count", 1))));
        String id = start(phone, "asr");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        List<String> turns = CallsWorld.turns(call);
        assertThat(turns.get(2)).isEqualTo("assistant|filler|Секунду, пожалуйста… Не могли бы вы повторить?");
        assertThat(turns.get(4)).startsWith("assistant||").contains("Повторяю: расскажите про акцию.");
    }

    @Test
    void recordingsInSecureStorageAreDownloadedWithTheAccountsJwt() {
        String phone = CallsWorld.newPhone();
        PlatformStackFixture.sandboxPost("/voximplant/_control/callees", Map.of("phone", phone, "answer", "human",
                "secure_records", true, "utterances", List.of(says("Да, это я, слушаю."), says("Нет, спасибо, до свидания."))));
        String id = start(phone, "record");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        List<String> turns = CallsWorld.turns(call);
        assertThat(turns).contains("user||Да, это я, слушаю.", "user||Нет, спасибо, до свидания.");
        assertThat(turns).noneMatch(t -> t.startsWith("assistant|apology|"));
    }

    @Test
    void realtimeModeBridgesToTheModelWithTranscriptsAndToolCallsThroughThePlatform() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Здравствуйте, а что вы предлагаете?"),
                says("Соедините меня с оператором.")));
        String id = start(phone, "realtime");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        List<String> turns = CallsWorld.turns(call);
        assertThat(turns.get(0)).startsWith("assistant|greeting|");
        assertThat(turns.get(1)).isEqualTo("user||Здравствуйте, а что вы предлагаете?");
        assertThat(turns.get(2)).startsWith("assistant||").contains("Здравствуйте, а что вы предлагаете?");
        assertThat(turns).contains("user||Соедините меня с оператором.",
                "assistant|transfer|Соединяю вас с оператором, оставайтесь на линии.");
        assertThat(CallsWorld.lines(id, "event")).anyMatch(l -> l.contains("key ephemeral") && l.contains("SIMPLIFIED"))
                .anyMatch(l -> l.startsWith("realtime function call transfer_to_operator"))
                .anyMatch(l -> l.startsWith("callPSTN operator"));
    }

    @Test
    void aKazakhCallToASilentCalleeAsksOnceThenSaysGoodbye() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(Map.of("silence", true), Map.of("silence", true)));
        HttpResponse<String> r = CallsWorld.startCall(Map.of("phone", phone, "mode", "asr", "language", "kk",
                "timezone", CallsWorld.zone(true)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = PlatformStackFixture.json(r).path("call_id").asText();

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        assertThat(CallsWorld.turns(call)).containsExactly(
                "assistant|greeting|Сәлеметсіз бе! Мен дауыстық көмекшімін. Сізге қалай көмектесе аламын?",
                "assistant|silence|Сіз мені естіп тұрсыз ба?",
                "assistant|end|Рахмет, сау болыңыз!");
        assertThat(CallsWorld.lines(id, "event")).contains("createASR Google.kk_KZ");
    }

    @Test
    void theCalleeHangingUpMidRecordingEndsTheCallCleanly() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Да, слушаю."), Map.of("hangup", true, "pause_ms", 300)));
        String id = start(phone, "record");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        assertThat(CallsWorld.turns(call)).contains("user||Да, слушаю.");
        // each turn had its own Recorder, its URL from RecorderEvents.Started; never call.record()
        assertThat(CallsWorld.lines(id, "event")).anyMatch(l -> l.startsWith("Recorder recorder-"))
                .anyMatch(l -> l.startsWith("Recorder.Stopped")).contains("callee hung up")
                .noneMatch(l -> l.startsWith("call.record()"));
    }

    @Test
    void inRecordModeTheCalleeCanInterruptTheGreetingAndIsRecorded() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(
                Map.of("text", "Извините, я за рулём, перезвоните позже.", "pause_ms", 0, "interrupt", true),
                says("До свидания.")));
        String id = start(phone, "record");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        assertThat(CallsWorld.turns(call)).contains("user||Извините, я за рулём, перезвоните позже.");
        assertThat(CallsWorld.lines(id, "event")).contains("call.stopPlayback() — barge-in");
    }

    @Test
    void inRealtimeModeTheCalleeCanInterruptTheModel() {
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Здравствуйте, расскажите подробнее про ваши услуги."),
                Map.of("text", "Стоп, а сколько это стоит?", "pause_ms", 0, "interrupt", true),
                says("Понятно, до свидания.")));
        String id = start(phone, "realtime");

        JsonNode call = awaitStatus(id, Set.of("completed"), true);

        assertThat(CallsWorld.turns(call)).contains("user||Стоп, а сколько это стоит?");
        assertThat(CallsWorld.lines(id, "event")).contains("realtime clearMediaBuffer() — barge-in")
                .anyMatch(l -> l.startsWith("realtime session.update (voice alloy, transcription gpt-live-transcribe, 2 tools)"));
    }
}
