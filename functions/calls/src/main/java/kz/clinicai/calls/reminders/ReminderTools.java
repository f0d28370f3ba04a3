package kz.clinicai.calls.reminders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.FunctionTool;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.dialogue.OpenAiDialogueModel;
import kz.clinicai.calls.dialogue.Reply;
import kz.clinicai.calls.webhook.TurnTools;
import kz.clinicai.shared.booking.BookingLedger;
import kz.clinicai.shared.booking.DialogueItem;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.booking.ToolExecutor;
import kz.clinicai.shared.booking.UnknownAppointmentException;
import kz.clinicai.shared.booking.VoicebotSession;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.ClinicRepository;
import kz.clinicai.shared.clinic.InfoClinicaClients;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.AppointmentNotFoundException;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.infoclinica.InfoClinicaException;
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.time.LocalizedDates;
import kz.clinicai.shared.tools.LoopRequest;
import kz.clinicai.shared.tools.LoopResult;
import kz.clinicai.shared.tools.ToolCall;
import kz.clinicai.shared.tools.ToolLoop;
import kz.clinicai.shared.tools.ToolRunner;
import kz.clinicai.shared.tools.ToolStep;
import kz.clinicai.shared.tools.VoicebotTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reminder call's InfoClinica tools (the voicebot's tool executor and booking ledger): confirm, free times, move
 * to an offered time, cancel — in asr/record turns through the shared tool loop, in realtime mode as function tools
 * of the Realtime session (one tool call per scenario {@code Tool} event). What the callee hears of a decision is
 * phrased here from InfoClinica's result — a move only after InfoClinica reserved it; in realtime mode the tool's
 * output says plainly what InfoClinica did. The dialogue (tool calls and outputs, offered times, the live SCHEDID,
 * the decision) is kept in the call's own turns of role {@code tools}, one per turn (asr) or per tool call
 * (realtime); the ledger's turn number is the position of that state, so a retried turn or Tool event reuses the
 * first one's reservation and never moves twice.
 *
 * <p>In an asr turn the model also has {@code transfer_to_operator} and {@code end_call}; when it answers in words
 * without a tool, those words are the reply (one model round trip for an undecided turn).
 */
public final class ReminderTools implements TurnTools {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderTools.class);

    /** The InfoClinica tools a reminder call offers (both modes); book_time, get_appointment and not_understood not. */
    static final Set<String> INFOCLINICA_TOOLS = Set.of(VoicebotTools.CONFIRM_APPOINTMENT, VoicebotTools.FIND_FREE_TIMES,
            VoicebotTools.CHOOSE_OFFERED_TIME, VoicebotTools.CANCEL_APPOINTMENT);
    /** What an asr turn's tool loop offers: InfoClinica's tools, then the call's transfer and end. */
    static final List<FunctionTool> LOOP_TOOLS = Stream.concat(
            VoicebotTools.ALL.stream().filter(t -> INFOCLINICA_TOOLS.contains(t.name())),
            Stream.of(OpenAiDialogueModel.tool(OpenAiDialogueModel.TRANSFER,
                            OpenAiDialogueModel.toolDescription(OpenAiDialogueModel.TRANSFER)),
                    OpenAiDialogueModel.tool(OpenAiDialogueModel.END,
                            OpenAiDialogueModel.toolDescription(OpenAiDialogueModel.END)))).toList();
    /** InfoClinica's tools in the Realtime session's shape ({@code type, name, description, parameters}). */
    static final List<Map<String, Object>> REALTIME_TOOLS = VoicebotTools.ALL.stream()
            .filter(t -> INFOCLINICA_TOOLS.contains(t.name())).map(ReminderTools::realtimeTool).toList();

    /**
     * One turn's (or realtime tool call's) state, as stored in the turn's text. decision: confirmed | moved |
     * cancelled | refused (InfoClinica refused a cancel or a move; {@code note} its text) | null. toolCallId and
     * reply: a realtime tool call's id and what it answered, so a retried Tool event is answered the same.
     */
    record State(List<DialogueItem> items, List<Slot> offered, Long schedId, String decision, String movedTo,
                 String note, String toolCallId, Reply reply) {
        State {
            items = items == null ? List.of() : List.copyOf(items);
            offered = offered == null ? List.of() : List.copyOf(offered);
        }
    }

    /** @param model the Responses model; instructions: the reminder dialogue's rules (facts are added per turn) */
    public record Settings(String model, String instructions, Duration budget, Duration ledgerTtl) {
        /** The rules in the bundle {@code reminder} ({@code tools_instructions}). */
        public static String defaultInstructions() {
            return ReminderPhrases.bundle("ru").getString("tools_instructions");
        }
    }

    private final ClinicRepository clinics;
    private final InfoClinicaClients infoClinica;
    private final BookingLedger ledger;
    private final ToolLoop loop;
    private final Clock clock;
    private final Settings settings;

    public ReminderTools(ClinicRepository clinics, InfoClinicaClients infoClinica, BookingLedger ledger, ToolLoop loop,
                         Clock clock, Settings settings) {
        this.clinics = clinics;
        this.infoClinica = infoClinica;
        this.ledger = ledger;
        this.loop = loop;
        this.clock = clock;
        this.settings = settings;
    }

    /** What one run of the tools comes to: the reply, and the state to keep (decision, moved to, refusal text). */
    private record Decided(Reply reply, String decision, String movedTo, String note, String fact) {
    }

    /** A turn ready to run its tools: InfoClinica's appointment read, the executor built for this turn number. */
    private record Ready(ClinicConfig clinic, Appointment appointment, VoicebotSession session, Deadline deadline,
                         ToolExecutor tools) {
    }

    /** The turn cannot run its tools (the appointment is gone, InfoClinica unreachable); the callee hears this. */
    private static final class NotReady extends Exception {
        final Reply reply;

        NotReady(Reply reply) {
            super(reply.note(), null, false, false);
            this.reply = reply;
        }
    }

    @Override
    public Optional<Answer> answer(Call call, String heard) {
        ClinicConfig clinic = clinicOf(call);
        if (clinic == null) {
            return Optional.empty();
        }
        String lang = call.language();
        List<State> states = states(call);
        Ready ready;
        try {
            ready = ready(call, clinic, states, states.size() + 1L);
        } catch (NotReady e) {
            return Optional.of(new Answer(e.reply, List.of()));
        }
        // transfer_to_operator / end_call end the loop; the executor never sees them.
        String[] asked = new String[1];
        ToolRunner runner = toolCall -> {
            if (OpenAiDialogueModel.TRANSFER.equals(toolCall.name()) || OpenAiDialogueModel.END.equals(toolCall.name())) {
                asked[0] = toolCall.name();
                return new ToolStep.Finish(new Outcome.NotUnderstood(), Json.write(Map.of("result",
                        OpenAiDialogueModel.TRANSFER.equals(toolCall.name()) ? "transferring" : "ending the call")));
            }
            return ready.tools().run(toolCall);
        };
        LoopResult result;
        try {
            result = loop.run(new LoopRequest(settings.model(), settings.instructions() + "\n\n"
                    + context(call, clinic, ready.appointment(), ready.session().offered()), null, null,
                    ready.session().history(), heard, clinic.slug(), LOOP_TOOLS), runner, ready.deadline());
        } catch (UnknownAppointmentException e) {
            return Optional.of(new Answer(reply(lang, "gone", Reply.Action.HANGUP), List.of()));
        } catch (InfoClinicaException e) {
            LOG.warn("Reminder call {}: InfoClinica failed in a tool ({})", call.id(), e.toString());
            return Optional.of(new Answer(reply(lang, "failure", Reply.Action.CONTINUE), List.of()));
        }
        Outcome outcome = result.outcome();
        LOG.info("Reminder call {}: tool outcome {}", call.id(), outcome.getClass().getSimpleName());
        Decided decided = decide(lang, outcome, lastOutput(result.newItems()), lastTool(result.newItems()));
        Reply reply = decided.reply();
        if (reply == null && asked[0] != null) {
            // No words: the webhook says its own transfer / goodbye phrase, as for the dialogue model's tools.
            reply = OpenAiDialogueModel.TRANSFER.equals(asked[0])
                    ? new Reply("", Reply.Action.TRANSFER, "transfer")
                    : new Reply("", Reply.Action.HANGUP, "end");
        } else if (reply == null) {
            // The model answered in words (no tool): that answer is the reply, no second model call. Blank: the
            // dialogue model answers as before.
            String words = lastWords(result.newItems());
            reply = words.isBlank() ? null : new Reply(words, Reply.Action.CONTINUE, null);
        }
        State state = new State(result.newItems(), ready.tools().offered(), ready.tools().currentSchedId(),
                decided.decision(), decided.movedTo(), decided.note(), null, null);
        return Optional.of(new Answer(reply, List.of(stateTurn(state))));
    }

    @Override
    public Optional<TurnTools.Realtime> realtime(Call call) {
        ClinicConfig clinic = clinicOf(call);
        if (clinic == null) {
            return Optional.empty();
        }
        String rules = ReminderPhrases.bundle("ru").getString("realtime_instructions");
        return Optional.of(new TurnTools.Realtime(rules + "\n\n" + context(call, clinic, null, List.of()),
                REALTIME_TOOLS));
    }

    @Override
    public Optional<ToolAnswer> tool(Call call, String toolCallId, String name, String arguments) {
        if (!INFOCLINICA_TOOLS.contains(name)) {
            return Optional.empty();
        }
        ClinicConfig clinic = clinicOf(call);
        if (clinic == null) {
            return Optional.empty();
        }
        String lang = call.language();
        List<State> states = states(call);
        for (State s : states) {
            if (toolCallId.equals(s.toolCallId()) && s.reply() != null) {
                // A retried Tool event: answered as the first time, nothing run again.
                LOG.info("Reminder call {}: tool call {} answered again from its state", call.id(), toolCallId);
                return Optional.of(new ToolAnswer(s.reply(), lastOutput(s.items()), List.of(), true));
            }
        }
        Ready ready;
        try {
            // One ledger turn per tool call: a retry racing the first gets the same number, hence the same key.
            ready = ready(call, clinic, states, states.size() + 1L);
        } catch (NotReady e) {
            return Optional.of(new ToolAnswer(e.reply, output(e.reply.note(), fact(e.reply.note()), e.reply),
                    List.of(), false));
        }
        ToolStep step;
        try {
            step = ready.tools().run(new ToolCall(toolCallId, name, arguments));
        } catch (UnknownAppointmentException e) {
            Reply gone = reply(lang, "gone", Reply.Action.HANGUP);
            return Optional.of(new ToolAnswer(gone, output("gone", fact("gone"), gone), List.of(), false));
        } catch (InfoClinicaException e) {
            LOG.warn("Reminder call {}: InfoClinica failed in a tool ({})", call.id(), e.toString());
            Reply failure = reply(lang, "failure", Reply.Action.CONTINUE);
            return Optional.of(new ToolAnswer(failure, output("failure", fact("failure"), failure), List.of(),
                    false));
        }
        List<DialogueItem> items = new ArrayList<>();
        items.add(DialogueItem.functionCall(toolCallId, name, arguments));
        Decided decided;
        String output;
        switch (step) {
            case ToolStep.Continue cont -> {
                // Arguments the executor could not use: the model reads why and tries again.
                decided = new Decided(new Reply("", Reply.Action.CONTINUE, null), null, null, null, null);
                output = cont.output();
            }
            case ToolStep.Finish finish -> {
                decided = decide(lang, finish.outcome(), finish.output(), name);
                if (decided.reply() == null) {
                    decided = new Decided(new Reply("", Reply.Action.CONTINUE, null), null, null, null, null);
                }
                output = output(decided.reply().note(), decided.fact(), decided.reply());
            }
        }
        items.add(DialogueItem.functionOutput(toolCallId, output));
        LOG.info("Reminder call {}: realtime tool {} → {}", call.id(), name, decided.reply().note());
        State state = new State(items, ready.tools().offered(), ready.tools().currentSchedId(), decided.decision(),
                decided.movedTo(), decided.note(), toolCallId, decided.reply());
        return Optional.of(new ToolAnswer(decided.reply(), output, List.of(stateTurn(state)), false));
    }

    private ClinicConfig clinicOf(Call call) {
        if (!ReminderDispatcher.isReminder(call)) {
            return null;
        }
        return clinics.find(call.metadata().get(ReminderDispatcher.META_CLINIC)).orElse(null);
    }

    private Ready ready(Call call, ClinicConfig clinic, List<State> states, long turn) throws NotReady {
        long appointmentId = Long.parseLong(call.metadata().get(ReminderDispatcher.META_APPOINTMENT));
        List<DialogueItem> history = new ArrayList<>();
        states.forEach(s -> history.addAll(s.items()));
        State last = states.isEmpty() ? null : states.get(states.size() - 1);
        Deadline deadline = Deadline.after(clock, settings.budget());
        InfoClinicaClient client = infoClinica.forClinic(clinic);
        long schedId = last != null && last.schedId() != null ? last.schedId() : appointmentId;
        Appointment appointment = null;
        try {
            for (int hop = 0; appointment == null; hop++) {
                try {
                    appointment = client.appointment(schedId, clinic.branchId(), deadline);
                } catch (AppointmentNotFoundException e) {
                    // A concurrent turn (a retried Tool event) moved it and has not stored its state yet: follow the
                    // move the ledger recorded, as the voicebot does.
                    Optional<Long> moved = hop < 5 ? ledger.movedTo(clinic.slug(), schedId) : Optional.empty();
                    if (moved.isEmpty()) {
                        throw e;
                    }
                    schedId = moved.get();
                }
            }
        } catch (AppointmentNotFoundException e) {
            throw new NotReady(reply(call.language(), "gone", Reply.Action.HANGUP));
        } catch (InfoClinicaException e) {
            LOG.warn("Reminder call {}: InfoClinica read failed ({})", call.id(), e.toString());
            throw new NotReady(reply(call.language(), "failure", Reply.Action.CONTINUE));
        }
        VoicebotSession session = new VoicebotSession(clinic.slug(), appointmentId,
                schedId == appointmentId ? null : schedId, history, last == null ? List.of() : last.offered(), turn);
        Instant expiresAt = clock.instant().plus(settings.ledgerTtl());
        ToolExecutor tools = new ToolExecutor(clinic, client, ledger, appointment, session, clock, deadline,
                settings.budget(), expiresAt, duration -> Thread.sleep(duration));
        return new Ready(clinic, appointment, session, deadline, tools);
    }

    /**
     * What the callee hears of a tool's outcome, phrased from InfoClinica's result, and what the entry keeps. A
     * business refusal of a cancel or a move (not a timeout) is decision {@code refused} with InfoClinica's text.
     *
     * @param output the tool's own output (its {@code error} tells a refusal from a timeout)
     * @param tool   the tool that ran: only a refused cancel or move is the entry's {@code refused} (a refused read
     *               of free times is a failure the callee may retry)
     */
    private static Decided decide(String lang, Outcome outcome, String output, String tool) {
        boolean changes = VoicebotTools.CANCEL_APPOINTMENT.equals(tool) || VoicebotTools.CHOOSE_OFFERED_TIME.equals(tool)
                || VoicebotTools.BOOK_TIME.equals(tool);
        return switch (outcome) {
            case Outcome.NoActionRequired kept -> new Decided(reply(lang, "confirmed", Reply.Action.HANGUP),
                    "confirmed", null, null, "confirmed; the appointment stays at " + kept.appointment().date() + " "
                    + LocalizedDates.time(kept.appointment().time()));
            case Outcome.Booked booked -> {
                String at = booked.date() + " " + LocalizedDates.time(booked.time());
                yield new Decided(new Reply(MessageFormat.format(text(lang, "moved"), day(lang, booked.date()),
                        LocalizedDates.time(booked.time()), null, KazakhTime.dative(booked.time())),
                        Reply.Action.HANGUP, "moved"), "moved", at, null,
                        "moved to " + at + " (InfoClinica confirmed the reservation)");
            }
            case Outcome.Cancelled cancelled -> new Decided(reply(lang, "cancelled", Reply.Action.HANGUP),
                    "cancelled", null, null, "cancelled (InfoClinica: " + cancelled.message() + ")");
            case Outcome.FreeTimes free -> new Decided(new Reply(offers(lang, free.offered()), Reply.Action.CONTINUE,
                    "offered"), null, null, null, free.offered().isEmpty() ? "no free times on " + free.date()
                    + "; nothing changed" : "free times " + slots(free.offered()) + "; nothing changed yet");
            case Outcome.SlotTaken taken -> new Decided(new Reply(text(lang, "slot_taken") + " "
                    + offers(lang, taken.alternatives()), Reply.Action.CONTINUE, "slot_taken"), null, null, null,
                    "slot taken, not moved; free times " + slots(taken.alternatives()));
            case Outcome.NonWorkTime ignored -> new Decided(reply(lang, "non_work_time", Reply.Action.CONTINUE),
                    null, null, null, "the clinic does not work then; nothing changed");
            case Outcome.CancelFailed failed -> new Decided(reply(lang, "cancel_failed", Reply.Action.CONTINUE),
                    "refused", null, failed.reason(), "InfoClinica refused to cancel: " + failed.reason()
                    + "; the appointment stays");
            case Outcome.UnknownMedElement unknown when changes -> new Decided(reply(lang, "move_refused", Reply.Action.CONTINUE),
                    "refused", null, unknown.detail(), "InfoClinica refused the move: " + unknown.detail()
                    + "; the appointment stays");
            case Outcome.Failure failure when changes && refused(output) -> new Decided(reply(lang, "move_refused",
                    Reply.Action.CONTINUE), "refused", null, failure.message(), "InfoClinica refused: "
                    + failure.message() + "; the appointment stays");
            case Outcome.Failure failure -> new Decided(reply(lang, "failure", Reply.Action.CONTINUE), null, null, null,
                    (refused(output) ? "InfoClinica refused: " : "InfoClinica did not answer: ") + failure.message()
                    + "; nothing changed");
            case Outcome.UnknownMedElement unknown -> new Decided(reply(lang, "failure", Reply.Action.CONTINUE), null,
                    null, null, "InfoClinica refused: " + unknown.detail() + "; nothing changed");
            case Outcome.NotUnderstood ignored -> new Decided(null, null, null, null, null);
        };
    }

    /** ToolExecutor answers a business refusal with {@code {"error":"refused"}}, a timeout with another error. */
    private static boolean refused(String output) {
        if (output == null) {
            return false;
        }
        try {
            return "refused".equals(Json.mapper().readTree(output).path("error").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The Realtime model's function_call_output: what InfoClinica did, and the one phrase it may say. */
    private static String output(String result, String fact, Reply reply) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", result);
        out.put("infoclinica", fact);
        out.put("say", reply.text());
        return Json.write(out);
    }

    private static String fact(String note) {
        return "gone".equals(note) ? "the appointment is no longer in InfoClinica"
                : "InfoClinica could not be reached; nothing changed";
    }

    private Turn stateTurn(State state) {
        return new Turn(STATE_ROLE, Json.write(state), kz.clinicai.calls.call.Timestamps.format(clock.instant()),
                state.decision());
    }

    private static String lastOutput(List<DialogueItem> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).kind() == DialogueItem.Kind.FUNCTION_OUTPUT) {
                return items.get(i).output();
            }
        }
        return null;
    }

    /** The name of the last tool this turn called. */
    private static String lastTool(List<DialogueItem> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).kind() == DialogueItem.Kind.FUNCTION_CALL) {
                return items.get(i).name();
            }
        }
        return null;
    }

    /** The model's words of this turn, when it answered without a tool. */
    private static String lastWords(List<DialogueItem> items) {
        DialogueItem last = items.isEmpty() ? null : items.get(items.size() - 1);
        return last != null && last.kind() == DialogueItem.Kind.ASSISTANT && last.text() != null ? last.text().trim()
                : "";
    }

    /** The tools' states stored in the call's turns, oldest first (an unreadable one is skipped, never fatal). */
    static List<State> states(Call call) {
        List<State> out = new ArrayList<>();
        for (Turn t : call.turns()) {
            if (STATE_ROLE.equals(t.role())) {
                try {
                    out.add(Json.mapper().readValue(t.text(), State.class));
                } catch (JsonProcessingException e) {
                    LOG.warn("Call {}: unreadable tools state skipped", call.id());
                }
            }
        }
        return out;
    }

    /** The decision the call's tools reached last (a move after a confirmation wins), if any. */
    static Optional<State> decision(Call call) {
        List<State> decided = states(call).stream().filter(s -> s.decision() != null).toList();
        return decided.isEmpty() ? Optional.empty() : Optional.of(decided.get(decided.size() - 1));
    }

    /** Today in the clinic, the reminder the callee heard, the live appointment, the times offered, the language. */
    private String context(Call call, ClinicConfig clinic, Appointment appointment, List<Slot> offered) {
        LocalDate today = LocalDate.now(clock.withZone(clinic.timeZone()));
        StringBuilder text = new StringBuilder("Сегодня: ").append(today).append('\n')
                .append("Язык разговора: ").append("kk".equals(call.language()) ? "казахский" : "русский").append('\n');
        if (call.greeting() != null) {
            text.append("Напоминание, которое пациент услышал: ").append(call.greeting()).append('\n');
        }
        if (appointment != null) {
            text.append("Текущая запись пациента: ").append(appointment.date()).append(' ')
                    .append(LocalizedDates.time(appointment.time())).append(", врач: ")
                    .append(appointment.doctorName()).append('\n');
        }
        if (!offered.isEmpty()) {
            text.append("Ранее предложенные варианты: ").append(slots(offered)).append('\n');
        }
        return text.toString();
    }

    private static String slots(List<Slot> slots) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            text.append(i + 1).append(") ").append(slots.get(i).date()).append(' ')
                    .append(LocalizedDates.time(slots.get(i).start())).append(i + 1 < slots.size() ? "; " : "");
        }
        return text.toString();
    }

    private static Map<String, Object> realtimeTool(FunctionTool tool) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "function");
        out.put("name", tool.name());
        out.put("description", tool.description().orElse(""));
        try {
            String parameters = ObjectMappers.jsonMapper().writeValueAsString(tool.parameters().orElseThrow());
            out.put("parameters", Json.mapper().readValue(parameters, new TypeReference<Map<String, Object>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool " + tool.name() + " has no readable schema", e);
        }
        return out;
    }

    private static Reply reply(String lang, String key, Reply.Action action) {
        return new Reply(text(lang, key), action, key);
    }

    private static String offers(String lang, List<Slot> slots) {
        if (slots.isEmpty()) {
            return text(lang, "no_free_times");
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            options.add(MessageFormat.format(text(lang, "option"), i + 1, day(lang, slots.get(i).date()),
                    LocalizedDates.time(slots.get(i).start())));
        }
        return MessageFormat.format(text(lang, "offered"), null, null, String.join(", ", options));
    }

    private static String day(String lang, LocalDate date) {
        return DateTimeFormatter.ofPattern("d MMMM", Locale.forLanguageTag("kk".equals(lang) ? "kk" : "ru"))
                .format(date);
    }

    private static String text(String lang, String key) {
        return ReminderPhrases.bundle(lang).getString(key);
    }
}
