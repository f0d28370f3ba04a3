package kz.clinicai.calls.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.calls.call.Timestamps;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.dialogue.DialogueModel;
import kz.clinicai.calls.dialogue.ModelUnavailableException;
import kz.clinicai.calls.dialogue.Reply;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScenarioWebhookTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final String ID = "call_" + "a".repeat(32);

    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final WebhookKeys keys = new WebhookKeys(() -> "master");
    private final List<List<Turn>> histories = new ArrayList<>();
    private RuntimeException modelFailure;
    private Optional<byte[]> recording = Optional.of(new byte[] {1, 2, 3});
    private ScenarioWebhook webhook;

    @BeforeEach
    void setUp() {
        DialogueModel model = new DialogueModel() {
            @Override
            public Reply reply(String callId, String instructions, List<Turn> history) {
                histories.add(List.copyOf(history));
                if (modelFailure != null) {
                    RuntimeException e = modelFailure;
                    modelFailure = null;
                    throw e;
                }
                String last = history.get(history.size() - 1).text();
                return last.contains("оператор") ? new Reply("", Reply.Action.TRANSFER, null)
                        : new Reply("Ответ на: " + last, Reply.Action.CONTINUE, null);
            }

            @Override
            public String outcome(String callId, String instructions, List<Turn> history) {
                return "{\"summary\":\"Поговорили\",\"outcome\":\"interested\",\"callback_at\":null}";
            }

            @Override
            public String transcribe(String callId, byte[] audio, String filename, String language) {
                return "распознанный текст";
            }
        };
        Recordings recordings = new Recordings() {
            @Override
            public Optional<byte[]> fetch(String url) {
                return recording;
            }

            @Override
            public String keep(String callId, int turn, byte[] audio) {
                return "recordings/" + callId + "/turn-" + turn + ".wav";
            }
        };
        ScenarioSettings settings = new ScenarioSettings("+77270000000", "+77010000001", Map.of("ru", "Yandex.Neural.ru_RU_alena"),
                Map.of("ru", "Google.ru_RU"), Map.of("ru", "Ты ассистент."), Map.of("ru", "Здравствуйте!"),
                "Перезвоним.", 20, Duration.ofMinutes(30), 3, "gpt-realtime-2", "alloy", "gpt-live-transcribe");
        webhook = new ScenarioWebhook(calls, keys, new WebhookSignature(calls::claimNonce), model, recordings, settings,
                Clock.fixed(NOW, ZoneOffset.UTC));
        calls.create(new Call(ID, "+77011234567", CallStatus.PENDING, "asr", "ru", null, null, Map.of(), NOW.toString(),
                NOW.toString(), 1, null, "s", List.of(), null, null, null, null));
    }

    private Map<String, Object> send(String key, Map<String, Object> body) {
        try {
            String json = Json.mapper().writeValueAsString(body);
            String header = WebhookSignature.sign(key, NOW.getEpochSecond(), UUID.randomUUID().toString().replace("-", ""), json);
            return webhook.handle(header, json, Json.mapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> event(String name, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.putAll(Map.of("type", "event", "call_id", ID, "event", name));
        return send(keys.callKey(ID), body);
    }

    private Map<String, Object> turn(Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.putAll(Map.of("type", "turn", "call_id", ID));
        return send(keys.callKey(ID), body);
    }

    @Test
    void theOpeningDecidesBeforeAnyoneIsDialledWhetherAndHowTheCallStarts() {
        webhook.withOpening(call -> CallOpening.Opening.notPlaced("appointment_gone"));
        assertThatThrownBy(() -> send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID)))
                .isInstanceOfSatisfying(kz.clinicai.shared.http.ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(409));
        assertThat(calls.find(ID).orElseThrow().status()).isEqualTo(CallStatus.FAILED);
        assertThat(calls.find(ID).orElseThrow().failure()).isEqualTo("appointment_gone");
        assertThat(calls.lineHolders()).doesNotContain(ID);

        String other = "call_" + "b".repeat(32);
        calls.create(new Call(other, "+77011234568", CallStatus.PENDING, "asr", "ru", "old", null, Map.of(),
                NOW.toString(), NOW.toString(), 1, null, "s", List.of(), null, null, null, null));
        webhook.withOpening(call -> CallOpening.Opening.withGreeting("Напоминаем о записи завтра в 12:00."));
        Map<String, Object> config = send(keys.scenarioKey(), Map.of("type", "config", "call_id", other));
        assertThat(config.get("greeting")).isEqualTo("Напоминаем о записи завтра в 12:00.");
        send(keys.callKey(other), Map.of("type", "event", "call_id", other, "event", "Connected"));
        assertThat(calls.find(other).orElseThrow().turns().get(0).text())
                .as("the turn is what was said").isEqualTo("Напоминаем о записи завтра в 12:00.");
    }

    @Test
    void configNeedsTheScenarioKeyAndHandsOutTheCallKey() {
        assertThatThrownBy(() -> send(keys.callKey(ID), Map.of("type", "config", "call_id", ID)))
                .isInstanceOf(ApiException.class);
        Map<String, Object> config = send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        assertThat(config).containsEntry("call_key", keys.callKey(ID)).containsEntry("mode", "asr")
                .containsEntry("greeting", "Здравствуйте!").containsEntry("phone", "+77011234567");
        assertThat(calls.find(ID).orElseThrow().status()).isEqualTo(CallStatus.RINGING);
        // what the scenario itself says comes from here, never from the script
        assertThat(config.get("phrases")).isEqualTo(Map.of("repeat", "Извините, повторите, пожалуйста.",
                "unavailable", "Извините, сейчас не получается поговорить.",
                "operator_busy", "Оператор сейчас занят. Мы вам перезвоним."));
        assertThat(config).containsEntry("voice", "Yandex.Neural.ru_RU_alena").containsEntry("asr_profile", "Google.ru_RU")
                .doesNotContainKey("realtime");
    }

    @Test
    void aRealtimeCallIsToldItsModelsVoiceLanguageAndAnEphemeralKey() {
        String realtimeId = "call_" + "1".repeat(32);
        calls.create(new Call(realtimeId, "+77011234568", CallStatus.PENDING, "realtime", "kk", null, null, Map.of(),
                NOW.toString(), NOW.toString(), 1, null, "s", List.of(), null, null, null, null));
        webhook.withRealtimeKeys(model -> "ek_for_" + model);

        Map<String, Object> config = send(keys.scenarioKey(), Map.of("type", "config", "call_id", realtimeId));

        assertThat((Map<String, Object>) config.get("realtime")).containsEntry("model", "gpt-realtime-2")
                .containsEntry("transcription_model", "gpt-live-transcribe").containsEntry("language", "kk")
                .containsEntry("voice", "alloy").containsEntry("api_key", "ek_for_gpt-realtime-2");
        assertThat((Map<String, Object>) config.get("phrases")).containsEntry("unavailable", "Кешіріңіз, қазір сөйлесе алмаймын.");
    }

    @Test
    void aRealtimeCallWithoutASessionKeyFailsAndGivesItsLineBack() {
        // The scenario ends the session on any config failure (it never asks again): a call left ringing would hold
        // its line until the scheduler gives up on it (CALLS_LOST_AFTER_SECONDS, 30 min) and fill the cap meanwhile.
        String realtimeId = "call_" + "2".repeat(32);
        assertThat(calls.createWithinCap(new Call(realtimeId, "+77011234569", CallStatus.PENDING, "realtime", "ru", null,
                null, Map.of(), NOW.toString(), NOW.toString(), 1, null, "s", List.of(), null, null, null, null), 5)).isTrue();

        assertThatThrownBy(() -> send(keys.scenarioKey(), Map.of("type", "config", "call_id", realtimeId)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));

        assertThat(calls.find(realtimeId).orElseThrow().status()).isEqualTo(CallStatus.FAILED);
        assertThat(calls.lineHolders()).doesNotContain(realtimeId);
    }

    @Test
    void turnsCarryTheWholeHistoryAndATransferSaysSo() {
        send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        event("Connected", Map.of());
        assertThat(turn(Map.of("text", "Добрый день"))).containsEntry("say", "Ответ на: Добрый день")
                .containsEntry("action", "continue");
        Map<String, Object> second = turn(Map.of("text", "Дайте оператора"));
        assertThat(second).containsEntry("action", "transfer").containsEntry("operator_phone", "+77010000001");
        assertThat(histories.get(1)).extracting(Turn::text)
                .containsExactly("Здравствуйте!", "Добрый день", "Ответ на: Добрый день", "Дайте оператора");
    }

    @Test
    void aModelFailureGivesAFillerAndAGoneRecordingAnApology() {
        send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        event("Connected", Map.of());
        modelFailure = new ModelUnavailableException("429", null);
        assertThat(turn(Map.of("text", "Алло")).get("say")).asString().startsWith("Секунду");
        recording = Optional.empty();
        assertThat(turn(Map.of("record_url", "https://example/rec.wav")).get("say")).asString().startsWith("Извините");
        recording = Optional.of(new byte[] {1});
        assertThat(turn(Map.of("record_url", "https://example/rec2.wav"))).containsEntry("say", "Ответ на: распознанный текст");
        assertThat(calls.find(ID).orElseThrow().turns()).extracting(Turn::note)
                .containsExactly("greeting", null, "filler", "apology", null, null);
    }

    @Test
    void busyIsRetriedUntilTheAttemptsAreUsed() {
        send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        event("Failed", Map.of("code", 486, "reason", "Busy Here"));
        Call c = calls.find(ID).orElseThrow();
        assertThat(c.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(c.nextAttemptAt()).isEqualTo(Timestamps.format(NOW.plus(Duration.ofMinutes(30))));
        assertThat(c.failure()).isEqualTo("486 Busy Here");
    }

    @Test
    void disconnectCompletesWithSummaryAndLateTurnsAreRefused() {
        send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        event("Connected", Map.of());
        turn(Map.of("text", "Да"));
        event("Disconnected", Map.of());
        Call c = calls.find(ID).orElseThrow();
        assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(c.summary()).isEqualTo("Поговорили");
        JsonNode outcome = Json.mapper().valueToTree(Json.mapper().convertValue(c.outcome(), String.class));
        assertThat(outcome.asText()).contains("interested");
        assertThatThrownBy(() -> turn(Map.of("text", "ещё"))).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
    }

    @Test
    void voicemailIsTerminalAndHangsUpWithTheMessage() {
        send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        event("Connected", Map.of());
        assertThat(event("AMD", Map.of("result", "VOICEMAIL"))).containsEntry("say", "Перезвоним.")
                .containsEntry("action", "hangup");
        assertThat(calls.find(ID).orElseThrow().status()).isEqualTo(CallStatus.VOICEMAIL);
    }

    @Test
    void theConsolesRetryPolicyAndOperatorWinOverTheTemplates() {
        calls.saveSettings(new kz.clinicai.calls.call.StoredSettings("+77010000009", null, 600, null, null));
        send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        event("Connected", Map.of());
        turn(Map.of("text", "Добрый день"));
        assertThat(turn(Map.of("text", "Дайте оператора"))).containsEntry("operator_phone", "+77010000009");

        String busyId = "call_" + "3".repeat(32);
        calls.create(new Call(busyId, "+77011234570", CallStatus.RINGING, "asr", "ru", null, null, Map.of(),
                NOW.toString(), NOW.toString(), 1, null, "s", List.of(), null, null, null, null));
        send(keys.callKey(busyId), Map.of("type", "event", "call_id", busyId, "event", "Failed", "code", 486,
                "reason", "Busy Here"));
        assertThat(calls.find(busyId).orElseThrow().nextAttemptAt()).isEqualTo(Timestamps.format(NOW.plusSeconds(600)));
    }

    @Test
    void aStoredMaxOfOneAttemptLeavesABusyCallBusy() {
        calls.saveSettings(new kz.clinicai.calls.call.StoredSettings(null, null, null, 1, null));
        send(keys.scenarioKey(), Map.of("type", "config", "call_id", ID));
        event("Failed", Map.of("code", 486, "reason", "Busy Here"));
        assertThat(calls.find(ID).orElseThrow().status()).isEqualTo(CallStatus.BUSY);
    }
}
