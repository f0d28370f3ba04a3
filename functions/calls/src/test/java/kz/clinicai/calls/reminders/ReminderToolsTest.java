package kz.clinicai.calls.reminders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kz.clinicai.shared.tools.ScriptedToolLoop;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.dialogue.DialogueModel;
import kz.clinicai.calls.dialogue.Reply;
import kz.clinicai.calls.webhook.Recordings;
import kz.clinicai.calls.webhook.ResultWebhook;
import kz.clinicai.calls.webhook.ScenarioSettings;
import kz.clinicai.calls.webhook.ScenarioWebhook;
import kz.clinicai.calls.webhook.TurnTools;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.shared.booking.InMemoryBookingLedger;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.WorkingHours;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.InMemoryInfoClinica;
import kz.clinicai.shared.infoclinica.InfoClinicaRefusedException;
import kz.clinicai.shared.infoclinica.InfoClinicaTimeoutException;
import kz.clinicai.shared.infoclinica.Removal;
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.tools.ResponsesToolLoop;
import kz.clinicai.shared.tools.ToolCall;
import kz.clinicai.shared.tools.ToolLoop;
import kz.clinicai.shared.tools.VoicebotTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scenario webhook's turn of a reminder call runs the voicebot's InfoClinica tools: the callee hears what
 * InfoClinica did (never a move it refused), and the entry's outcome is what InfoClinica now holds.
 */
class ReminderToolsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z"); // Monday 09:00 in Almaty
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final LocalDate TOMORROW = LocalDate.of(2026, 12, 1);
    private static final long APPOINTMENT = 777;
    private static final String ID = "call_" + "c".repeat(32);

    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final WebhookKeys keys = new WebhookKeys(() -> "master");
    private final InMemoryInfoClinica infoClinica = new InMemoryInfoClinica();
    private final InMemoryBookingLedger ledger = new InMemoryBookingLedger();
    private final List<List<Turn>> dialogueModelHistories = new ArrayList<>();
    private final Map<String, List<ToolCall>> script = new HashMap<>();
    private final Map<String, String> words = new HashMap<>();
    private ScriptedToolLoop loop;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private DialogueModel model;
    private Recordings recordings;
    private ScenarioSettings settings;
    private ScenarioWebhook webhook;

    @BeforeEach
    void setUp() {
        infoClinica.appointments.put(APPOINTMENT, new Appointment(APPOINTMENT, TOMORROW, LocalTime.of(10, 30),
                LocalTime.of(11, 0), 5, 42L, "1", "Иванова А. А.", "Центр"));
        infoClinica.free.put(TOMORROW, new ArrayList<>(List.of(slot("15:00"), slot("15:30"), slot("16:00"))));
        model = new DialogueModel() {
            @Override
            public Reply reply(String callId, String instructions, List<Turn> history) {
                dialogueModelHistories.add(List.copyOf(history));
                return new Reply("Уточните, пожалуйста.", Reply.Action.CONTINUE, null);
            }

            @Override
            public String outcome(String callId, String instructions, List<Turn> history) {
                return "{\"summary\":\"Поговорили\",\"outcome\":\"other\",\"callback_at\":null}";
            }

            @Override
            public String transcribe(String callId, byte[] audio, String filename, String language) {
                return "";
            }
        };
        recordings = new Recordings() {
            @Override
            public Optional<byte[]> fetch(String url) {
                return Optional.empty();
            }

            @Override
            public String keep(String callId, int turn, byte[] audio) {
                return "k";
            }
        };
        settings = new ScenarioSettings("+77270000000", "+77010000001",
                Map.of("ru", "v", "kk", "v"), Map.of("ru", "a", "kk", "a"), Map.of("ru", "Ты ассистент.", "kk", "Ты ассистент."),
                Map.of("ru", "Здравствуйте!"), "Перезвоним.", 20, Duration.ofMinutes(30), 3, "rt", "alloy", "tr");
        loop = new ScriptedToolLoop(text -> script.getOrDefault(text, List.of()), words::get);
        webhook = webhookWith(loop);
    }

    private ScenarioWebhook webhookWith(ToolLoop toolLoop) {
        ReminderTools tools = new ReminderTools(slug -> "clinic-a".equals(slug) ? Optional.of(clinic()) : Optional.empty(),
                c -> infoClinica, ledger, toolLoop, clock,
                new ReminderTools.Settings("gpt-test", "Напоминание о записи.", Duration.ofSeconds(20), Duration.ofHours(48)));
        return new ScenarioWebhook(calls, keys, new WebhookSignature(calls::claimNonce), model, recordings, settings,
                clock, ResultWebhook.none()).withTools(tools).withRealtimeKeys(realtimeModel -> "ek_test");
    }

    private void reminderCall(String lang) {
        reminderCall(lang, "asr");
    }

    /** A reminder call in {@code mode}, connected; realtime: its config asked first (the session's tools). */
    private Map<String, Object> reminderCall(String lang, String mode) {
        Map<String, String> meta = Map.of(ReminderDispatcher.META_LIST, "rl_1", ReminderDispatcher.META_ENTRY, "0",
                ReminderDispatcher.META_CLINIC, "clinic-a", ReminderDispatcher.META_APPOINTMENT,
                Long.toString(APPOINTMENT), ReminderDispatcher.META_DAY, TOMORROW.toString());
        calls.create(new Call(ID, "+77011234567", CallStatus.PENDING, mode, lang, "Напоминаем о записи.", null, meta,
                NOW.toString(), NOW.toString(), 1, null, "s", List.of(), null, null, null, null));
        Map<String, Object> config = send(Map.of("type", "config", "call_id", ID), keys.scenarioKey());
        send(Map.of("type", "event", "call_id", ID, "event", "Connected"));
        return config;
    }

    private static Slot slot(String start) {
        LocalTime t = LocalTime.parse(start);
        return new Slot(TOMORROW, t, t.plusMinutes(30), 4001, 5);
    }

    private static ClinicConfig clinic() {
        Map<DayOfWeek, WorkingHours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, WorkingHours.parse("08:00-20:00"));
        }
        return new ClinicConfig("clinic-a", URI.create("https://infoclinica.example/api"), null, "1", ALMATY, hours,
                null, null, new AccessPolicy("x", List.of(), 50, 30));
    }

    private Map<String, Object> send(Map<String, Object> body) {
        return send(body, keys.callKey(ID));
    }

    private Map<String, Object> send(Map<String, Object> body, String key) {
        try {
            String json = Json.mapper().writeValueAsString(body);
            String header = WebhookSignature.sign(key, NOW.getEpochSecond(),
                    UUID.randomUUID().toString().replace("-", ""), json);
            return webhook.handle(header, json, Json.mapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> say(String text) {
        return send(Map.of("type", "turn", "call_id", ID, "text", text));
    }

    private static List<ToolCall> tool(String name, String arguments) {
        return List.of(new ToolCall("fc_" + UUID.randomUUID(), name, arguments));
    }

    private ReminderOutcome hangUpAndOutcome() {
        send(Map.of("type", "event", "call_id", ID, "event", "Disconnected"));
        Call call = calls.find(ID).orElseThrow();
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        return ReminderOutcomes.of(call);
    }

    @Test
    void confirmingKeepsTheAppointmentAndTheEntryIsConfirmed() {
        reminderCall("ru");
        script.put("да, приду", tool(VoicebotTools.CONFIRM_APPOINTMENT, "{}"));
        Map<String, Object> out = say("да, приду");
        assertThat(out).containsEntry("say", "Спасибо, ждём вас! До свидания.").containsEntry("action", "hangup");
        assertThat(infoClinica.reserves).isEmpty();
        assertThat(infoClinica.cancels).isEmpty();
        assertThat(hangUpAndOutcome().kind()).isEqualTo(ReminderOutcome.Kind.CONFIRMED);
    }

    @Test
    void aMoveIsToldOnlyAfterInfoClinicaReservedItAndTheEntryNamesTheNewTime() {
        reminderCall("ru");
        script.put("перенесите на завтра после обеда", tool(VoicebotTools.FIND_FREE_TIMES,
                "{\"date\":\"2026-12-01\",\"preferred_time\":\"15:00\"}"));
        script.put("давайте второй", tool(VoicebotTools.CHOOSE_OFFERED_TIME, "{\"option\":2}"));

        Map<String, Object> offer = say("перенесите на завтра после обеда");
        assertThat(offer.get("say").toString()).contains("1) 1 декабря в 15:00").contains("2) 1 декабря в 15:30");
        assertThat(offer).containsEntry("action", "continue");
        assertThat(infoClinica.reserves).isEmpty();

        Map<String, Object> moved = say("давайте второй");
        assertThat(moved).containsEntry("say", "Готово, перенесли вашу запись на 1 декабря в 15:30. До свидания!")
                .containsEntry("action", "hangup");
        assertThat(infoClinica.appointments.values()).singleElement()
                .satisfies(a -> assertThat(a.time()).isEqualTo(LocalTime.of(15, 30)));
        // The dialogue state lives in the call's turns; the dialogue model never reads it.
        assertThat(calls.find(ID).orElseThrow().turns()).filteredOn(t -> TurnTools.STATE_ROLE.equals(t.role()))
                .hasSize(2);
        ReminderOutcome outcome = hangUpAndOutcome();
        assertThat(outcome.kind()).isEqualTo(ReminderOutcome.Kind.MOVED);
        assertThat(outcome.movedTo()).isEqualTo("2026-12-01 15:30");
    }

    @Test
    void aTakenTimeOffersAlternativesAndNeverReportsAMoveThatDidNotHappen() {
        reminderCall("ru");
        script.put("на после обеда", tool(VoicebotTools.FIND_FREE_TIMES,
                "{\"date\":\"2026-12-01\",\"preferred_time\":\"15:00\"}"));
        script.put("первый", tool(VoicebotTools.CHOOSE_OFFERED_TIME, "{\"option\":1}"));
        say("на после обеда");
        infoClinica.free.get(TOMORROW).remove(slot("15:00")); // someone else took 15:00 meanwhile

        Map<String, Object> taken = say("первый");
        assertThat(taken.get("say").toString()).startsWith("Это время уже занято.").contains("15:30")
                .doesNotContain("перенесли");
        assertThat(taken).containsEntry("action", "continue");
        assertThat(infoClinica.appointments.get(APPOINTMENT).time()).isEqualTo(LocalTime.of(10, 30));

        // hung up here: nothing was moved, and the entry does not say it was
        assertThat(hangUpAndOutcome().kind()).isNotEqualTo(ReminderOutcome.Kind.MOVED);
    }

    @Test
    void afterATakenTimeTheNextChoiceIsAmongTheAlternatives() {
        reminderCall("ru");
        script.put("на после обеда", tool(VoicebotTools.FIND_FREE_TIMES,
                "{\"date\":\"2026-12-01\",\"preferred_time\":\"15:00\"}"));
        script.put("первый", tool(VoicebotTools.CHOOSE_OFFERED_TIME, "{\"option\":1}"));
        say("на после обеда");
        infoClinica.free.get(TOMORROW).remove(slot("15:00"));
        say("первый");
        Map<String, Object> moved = say("первый");
        assertThat(moved.get("say").toString()).contains("15:30");
        assertThat(hangUpAndOutcome().movedTo()).isEqualTo("2026-12-01 15:30");
    }

    @Test
    void cancellingRemovesTheAppointmentInKazakhToo() {
        reminderCall("kk");
        script.put("келмеймін, жойыңыз", tool(VoicebotTools.CANCEL_APPOINTMENT, "{}"));
        Map<String, Object> out = say("келмеймін, жойыңыз");
        assertThat(out).containsEntry("say", "Жазылу жойылды. Ескерткеніңізге рахмет! Сау болыңыз.")
                .containsEntry("action", "hangup");
        assertThat(infoClinica.cancels).containsExactly(APPOINTMENT);
        assertThat(infoClinica.appointments).isEmpty();
        assertThat(hangUpAndOutcome().kind()).isEqualTo(ReminderOutcome.Kind.CANCELLED);
    }

    @Test
    void anUndecidedTurnIsAnsweredWithTheToolModelsOwnWordsInOneModelCall() {
        reminderCall("ru");
        words.put("а кто это?", "Это клиника, напоминаем о вашей записи на завтра. Вы придёте?");
        Map<String, Object> out = say("а кто это?");
        assertThat(out).containsEntry("say", "Это клиника, напоминаем о вашей записи на завтра. Вы придёте?")
                .containsEntry("action", "continue");
        assertThat(loop.requests).hasSize(1);
        assertThat(dialogueModelHistories).as("no second model call for the answer").isEmpty();
        // The loop offers InfoClinica's tools with transfer and end, and the rules say what the callee heard.
        assertThat(loop.requests.get(0).tools()).extracting(t -> t.name()).containsExactlyInAnyOrder(
                VoicebotTools.CONFIRM_APPOINTMENT, VoicebotTools.FIND_FREE_TIMES, VoicebotTools.CHOOSE_OFFERED_TIME,
                VoicebotTools.CANCEL_APPOINTMENT, "transfer_to_operator", "end_call");
        assertThat(loop.requests.get(0).instructions()).contains("Сегодня: 2026-11-30")
                .contains("Напоминаем о записи.");
        assertThat(hangUpAndOutcome().kind()).isEqualTo(ReminderOutcome.Kind.NO_DECISION);
    }

    @Test
    void aRequestForAPersonTransfersFromTheSameLoop() {
        reminderCall("ru");
        script.put("соедините с администратором", tool("transfer_to_operator", "{\"reason\":\"asked\"}"));
        Map<String, Object> out = say("соедините с администратором");
        assertThat(out).containsEntry("action", "transfer").containsEntry("operator_phone", "+77010000001");
        assertThat(out.get("say").toString()).isNotBlank();
        assertThat(loop.requests).hasSize(1);
        assertThat(dialogueModelHistories).isEmpty();
        assertThat(infoClinica.reserves).isEmpty();
        assertThat(infoClinica.cancels).isEmpty();
    }

    @Test
    void aCancellationInfoClinicaRefusesIsToldAndTheEntryIsRefusedWithItsText() {
        reminderCall("ru");
        infoClinica.removal = new Removal(Removal.Kind.REFUSED, "Отмена невозможна: пациент уже на приёме");
        script.put("отмените", tool(VoicebotTools.CANCEL_APPOINTMENT, "{}"));
        Map<String, Object> out = say("отмените");
        assertThat(out).containsEntry("say", "Не получилось отменить запись в системе клиники. Администратор вам перезвонит.")
                .containsEntry("action", "continue");
        assertThat(infoClinica.appointments).containsKey(APPOINTMENT);
        ReminderOutcome outcome = hangUpAndOutcome();
        assertThat(outcome.kind()).isEqualTo(ReminderOutcome.Kind.INFOCLINICA_REFUSED);
        assertThat(outcome.note()).isEqualTo("Отмена невозможна: пациент уже на приёме");
    }

    @Test
    void aMoveInfoClinicaRefusesIsNeverToldAsMovedAndTheEntryIsRefusedWithItsText() {
        reminderCall("ru");
        script.put("на после обеда", tool(VoicebotTools.FIND_FREE_TIMES,
                "{\"date\":\"2026-12-01\",\"preferred_time\":\"15:00\"}"));
        script.put("первый", tool(VoicebotTools.CHOOSE_OFFERED_TIME, "{\"option\":1}"));
        say("на после обеда");
        infoClinica.reserveFailure = new InfoClinicaRefusedException("Запись к врачу закрыта администратором");
        Map<String, Object> out = say("первый");
        assertThat(out.get("say").toString()).contains("не подтвердила перенос").doesNotContain("перенесли");
        assertThat(infoClinica.appointments.get(APPOINTMENT).time()).isEqualTo(LocalTime.of(10, 30));
        ReminderOutcome outcome = hangUpAndOutcome();
        assertThat(outcome.kind()).isEqualTo(ReminderOutcome.Kind.INFOCLINICA_REFUSED);
        assertThat(outcome.note()).isEqualTo("Запись к врачу закрыта администратором");
    }

    @Test
    void aRefusedReadOfFreeTimesIsNoRefusedMove() {
        reminderCall("ru");
        script.put("на после обеда", tool(VoicebotTools.FIND_FREE_TIMES,
                "{\"date\":\"2026-12-01\",\"preferred_time\":\"15:00\"}"));
        infoClinica.scheduleFailure = new InfoClinicaRefusedException("Расписание врача временно недоступно");
        Map<String, Object> out = say("на после обеда");
        assertThat(out).containsEntry("action", "continue");
        assertThat(out.get("say").toString()).startsWith("Не получилось обратиться к расписанию клиники.");
        assertThat(hangUpAndOutcome().kind()).isEqualTo(ReminderOutcome.Kind.NO_DECISION);
    }

    @Test
    void anInfoClinicaTimeoutIsNoRefusal() {
        reminderCall("ru");
        script.put("на после обеда", tool(VoicebotTools.FIND_FREE_TIMES,
                "{\"date\":\"2026-12-01\",\"preferred_time\":\"15:00\"}"));
        script.put("первый", tool(VoicebotTools.CHOOSE_OFFERED_TIME, "{\"option\":1}"));
        say("на после обеда");
        infoClinica.reserveFailure = new InfoClinicaTimeoutException("read timed out", null);
        say("первый");
        assertThat(hangUpAndOutcome().kind()).isEqualTo(ReminderOutcome.Kind.NO_DECISION);
    }

    @Test
    void aRealtimeReminderSessionHasInfoClinicasToolsAndRules() {
        Map<String, Object> config = reminderCall("ru", "realtime");
        @SuppressWarnings("unchecked")
        Map<String, Object> realtime = (Map<String, Object>) config.get("realtime");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) realtime.get("tools");
        assertThat(tools).extracting(t -> t.get("name")).containsExactlyInAnyOrder(
                VoicebotTools.CONFIRM_APPOINTMENT, VoicebotTools.FIND_FREE_TIMES, VoicebotTools.CHOOSE_OFFERED_TIME,
                VoicebotTools.CANCEL_APPOINTMENT, "transfer_to_operator", "end_call");
        // The Realtime API's function tool: type, name, description, parameters (a JSON schema object).
        assertThat(tools).allSatisfy(t -> assertThat(t.keySet()).containsExactlyInAnyOrder("type", "name",
                "description", "parameters"));
        assertThat(tools).allSatisfy(t -> assertThat(t.get("type")).isEqualTo("function"));
        assertThat(realtime.get("instructions").toString()).contains("Сегодня: 2026-11-30")
                .contains("Напоминаем о записи.").contains("say");
    }

    private Map<String, Object> toolEvent(String callId, String name, String arguments) {
        return send(Map.of("type", "event", "call_id", ID, "event", "Tool", "name", name, "arguments", arguments,
                "tool_call_id", callId));
    }

    @Test
    void aRealtimeCancelRemovesTheAppointmentSaysSoAndEndsTheCall() {
        reminderCall("ru", "realtime");
        Map<String, Object> out = toolEvent("call_rt1", VoicebotTools.CANCEL_APPOINTMENT, "{}");
        assertThat(out).containsEntry("action", "hangup")
                .containsEntry("say", "Запись отменена. Спасибо, что предупредили! До свидания.");
        assertThat(out.get("output").toString()).contains("\"result\":\"cancelled\"");
        assertThat(infoClinica.cancels).containsExactly(APPOINTMENT);
        assertThat(infoClinica.appointments).isEmpty();
        assertThat(hangUpAndOutcome().kind()).isEqualTo(ReminderOutcome.Kind.CANCELLED);
    }

    @Test
    void aRealtimeMoveIsToldOnlyAfterInfoClinicaReservedItAndARetriedToolEventNeverBooksTwice() throws Exception {
        reminderCall("ru", "realtime");
        Map<String, Object> offered = toolEvent("call_rt1", VoicebotTools.FIND_FREE_TIMES,
                "{\"date\":\"2026-12-01\",\"preferred_time\":\"15:00\"}");
        assertThat(offered).containsEntry("action", "continue").doesNotContainKey("say");
        JsonNode output = Json.mapper().readTree(offered.get("output").toString());
        assertThat(output.path("infoclinica").asText()).contains("2026-12-01 15:00").contains("nothing changed");
        assertThat(output.path("say").asText()).contains("1) 1 декабря в 15:00");
        assertThat(infoClinica.reserves).isEmpty();

        Map<String, Object> moved = toolEvent("call_rt2", VoicebotTools.CHOOSE_OFFERED_TIME, "{\"option\":2}");
        assertThat(moved).containsEntry("action", "hangup")
                .containsEntry("say", "Готово, перенесли вашу запись на 1 декабря в 15:30. До свидания!");
        assertThat(Json.mapper().readTree(moved.get("output").toString()).path("infoclinica").asText())
                .startsWith("moved to 2026-12-01 15:30");
        Map<String, Object> again = toolEvent("call_rt2", VoicebotTools.CHOOSE_OFFERED_TIME, "{\"option\":2}");
        assertThat(again).isEqualTo(moved);
        assertThat(infoClinica.reserves).as("the retried Tool event books nothing").hasSize(1);
        assertThat(calls.find(ID).orElseThrow().turns()).as("nor is anything stored twice")
                .filteredOn(t -> "moved".equals(t.note())).hasSize(2); // its state turn and the phrase, once each
        ReminderOutcome outcome = hangUpAndOutcome();
        assertThat(outcome.kind()).isEqualTo(ReminderOutcome.Kind.MOVED);
        assertThat(outcome.movedTo()).isEqualTo("2026-12-01 15:30");
    }

    @Test
    void aToolCallFollowsAMoveAConcurrentToolCallMadeBeforeItsStateWasStored() {
        reminderCall("ru", "realtime");
        // The first Tool event moved 777 to a new SCHEDID (recorded in the ledger) and has not stored its state yet.
        Appointment old = infoClinica.appointments.remove(APPOINTMENT);
        infoClinica.appointments.put(900_001L, new Appointment(900_001L, TOMORROW, LocalTime.of(15, 30),
                LocalTime.of(16, 0), old.doctorCode(), old.patientCode(), old.filial(), old.doctorName(),
                old.filialName()));
        ledger.recordMove("clinic-a", APPOINTMENT, 900_001L, NOW.plusSeconds(3600));
        Map<String, Object> out = toolEvent("call_rt9", VoicebotTools.CANCEL_APPOINTMENT, "{}");
        assertThat(out).containsEntry("action", "hangup").containsEntry("say",
                "Запись отменена. Спасибо, что предупредили! До свидания.");
        assertThat(infoClinica.cancels).containsExactly(900_001L);
    }

    @Test
    void aRealtimeRefusedCancelSaysPlainlyWhatInfoClinicaDidAndTheEntryIsRefused() throws Exception {
        reminderCall("ru", "realtime");
        infoClinica.removal = new Removal(Removal.Kind.REFUSED, "Отмена невозможна");
        Map<String, Object> out = toolEvent("call_rt1", VoicebotTools.CANCEL_APPOINTMENT, "{}");
        assertThat(out).containsEntry("action", "continue");
        JsonNode output = Json.mapper().readTree(out.get("output").toString());
        assertThat(output.path("infoclinica").asText()).isEqualTo(
                "InfoClinica refused to cancel: Отмена невозможна; the appointment stays");
        assertThat(output.path("say").asText()).startsWith("Не получилось отменить запись");
        ReminderOutcome outcome = hangUpAndOutcome();
        assertThat(outcome.kind()).isEqualTo(ReminderOutcome.Kind.INFOCLINICA_REFUSED);
        assertThat(outcome.note()).isEqualTo("Отмена невозможна");
    }

    @Test
    void aRealtimeTransferIsStillTheWebhooksOwn() {
        reminderCall("ru", "realtime");
        Map<String, Object> out = toolEvent("call_rt1", "transfer_to_operator", "{\"reason\":\"asked\"}");
        assertThat(out).containsEntry("action", "transfer").containsEntry("output", "transferring");
        assertThat(infoClinica.messages).isEmpty();
    }

    @Test
    void aBlankAnswerOfTheToolModelLeavesTheAnswerToTheDialogueModelWithoutTheToolsState() {
        reminderCall("ru");
        Map<String, Object> out = say("а кто это?");
        assertThat(out).containsEntry("say", "Уточните, пожалуйста.");
        assertThat(dialogueModelHistories).singleElement()
                .satisfies(h -> assertThat(h).noneMatch(t -> TurnTools.STATE_ROLE.equals(t.role())));
        assertThat(hangUpAndOutcome().kind()).isEqualTo(ReminderOutcome.Kind.NO_DECISION);
    }

    /** The Responses API's answer with one output item (the shape openai-java parses). */
    private static String response(ObjectNode item) throws Exception {
        ObjectNode root = Json.mapper().createObjectNode().put("id", "resp_1").put("object", "response")
                .put("created_at", 1764475200).put("status", "completed").put("model", "gpt-test")
                .put("parallel_tool_calls", false).put("tool_choice", "auto").put("temperature", 1.0).put("top_p", 1.0);
        root.putNull("error");
        root.putNull("incomplete_details");
        root.putNull("instructions");
        root.putObject("metadata");
        root.putArray("tools");
        root.putArray("output").add(item);
        ObjectNode usage = root.putObject("usage").put("input_tokens", 900).put("output_tokens", 20)
                .put("total_tokens", 920);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return Json.mapper().writeValueAsString(root);
    }

    @Test
    void anUndecidedTurnCostsExactlyOneRequestToTheModel() throws Exception {
        WireMockServer openAi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        openAi.start();
        try {
            ObjectNode message = Json.mapper().createObjectNode().put("type", "message").put("id", "msg_1")
                    .put("role", "assistant").put("status", "completed");
            message.putArray("content").addObject().put("type", "output_text")
                    .put("text", "Это клиника, звоним напомнить о записи. Вы придёте?").putArray("annotations");
            openAi.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody(response(message))));
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(openAi.baseUrl() + "/v1").apiKey("sk-test")
                    .maxRetries(0).timeout(Duration.ofSeconds(10)).build();
            webhook = webhookWith(new ResponsesToolLoop(client, 3));
            reminderCall("ru");

            Map<String, Object> out = say("а кто это?");

            assertThat(out).containsEntry("say", "Это клиника, звоним напомнить о записи. Вы придёте?")
                    .containsEntry("action", "continue");
            openAi.verify(1, postRequestedFor(urlEqualTo("/v1/responses")));
            assertThat(dialogueModelHistories).as("the dialogue model is not asked again").isEmpty();
            // transfer and end are offered in that same request
            openAi.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                    .withRequestBody(matchingJsonPath("$.tools[?(@.name == 'transfer_to_operator')]"))
                    .withRequestBody(matchingJsonPath("$.tools[?(@.name == 'end_call')]"))
                    .withRequestBody(matchingJsonPath("$.tools[?(@.name == 'cancel_appointment')]")));
        } finally {
            openAi.stop();
        }
    }
}
