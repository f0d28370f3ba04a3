package kz.clinicai.calls.reminders;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.Turn;
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
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.AppointmentNotFoundException;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.clinic.InfoClinicaClients;
import kz.clinicai.shared.infoclinica.InfoClinicaException;
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.time.LocalizedDates;
import kz.clinicai.shared.tools.LoopRequest;
import kz.clinicai.shared.tools.LoopResult;
import kz.clinicai.shared.tools.ToolLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reminder call's turn with the voicebot's InfoClinica tools (shared tool loop, tool executor and booking ledger):
 * confirm, free times, move to an offered time, cancel. What the callee hears is phrased here from the tool's
 * outcome — a move only after InfoClinica reserved it. The dialogue (tool calls and outputs, offered times, the live
 * SCHEDID, the decision) is kept in the call's own turns of role {@code tools}, one per turn; their count is the
 * ledger's turn number, so a retried turn reuses the first one's reservation. Nothing decided ("not understood")
 * leaves the answer to the dialogue model (which has transfer and end).
 */
public final class ReminderTools implements TurnTools {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderTools.class);

    /** One turn's state, as stored in the turn's text. decision: confirmed | moved | cancelled | null. */
    record State(List<DialogueItem> items, List<Slot> offered, Long schedId, String decision, String movedTo) {
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

    @Override
    public Optional<Answer> answer(Call call, String heard) {
        if (!ReminderDispatcher.isReminder(call)) {
            return Optional.empty();
        }
        String lang = call.language();
        ClinicConfig clinic = clinics.find(call.metadata().get(ReminderDispatcher.META_CLINIC)).orElse(null);
        if (clinic == null) {
            return Optional.empty();
        }
        long appointmentId = Long.parseLong(call.metadata().get(ReminderDispatcher.META_APPOINTMENT));
        List<State> states = states(call);
        List<DialogueItem> history = new ArrayList<>();
        states.forEach(s -> history.addAll(s.items()));
        State last = states.isEmpty() ? null : states.get(states.size() - 1);
        Long schedId = last == null ? null : last.schedId();
        VoicebotSession session = new VoicebotSession(clinic.slug(), appointmentId, schedId, history,
                last == null ? List.of() : last.offered(), states.size() + 1L);
        Deadline deadline = Deadline.after(clock, settings.budget());
        InfoClinicaClient client = infoClinica.forClinic(clinic);
        Appointment appointment;
        try {
            appointment = client.appointment(session.schedId(), clinic.branchId(), deadline);
        } catch (AppointmentNotFoundException e) {
            return Optional.of(new Answer(new Reply(text(lang, "gone"), Reply.Action.HANGUP, "gone"), List.of()));
        } catch (InfoClinicaException e) {
            LOG.warn("Reminder call {}: InfoClinica read failed ({})", call.id(), e.toString());
            return Optional.of(new Answer(new Reply(text(lang, "failure"), Reply.Action.CONTINUE, "failure"), List.of()));
        }
        LocalDate today = LocalDate.now(clock.withZone(clinic.timeZone()));
        Instant expiresAt = clock.instant().plus(settings.ledgerTtl());
        ToolExecutor tools = new ToolExecutor(clinic, client, ledger, appointment, session, clock, deadline,
                settings.budget(), expiresAt, duration -> Thread.sleep(duration));
        LoopResult result;
        try {
            result = loop.run(new LoopRequest(settings.model(), settings.instructions() + "\n\n"
                    + context(today, appointment, session.offered()), null, null, history, heard, clinic.slug()),
                    tools, deadline);
        } catch (UnknownAppointmentException e) {
            return Optional.of(new Answer(new Reply(text(lang, "gone"), Reply.Action.HANGUP, "gone"), List.of()));
        } catch (InfoClinicaException e) {
            LOG.warn("Reminder call {}: InfoClinica failed in a tool ({})", call.id(), e.toString());
            return Optional.of(new Answer(new Reply(text(lang, "failure"), Reply.Action.CONTINUE, "failure"), List.of()));
        }
        Outcome outcome = result.outcome();
        LOG.info("Reminder call {}: tool outcome {}", call.id(), outcome.getClass().getSimpleName());
        String decision = null;
        String movedTo = null;
        Reply reply;
        switch (outcome) {
            case Outcome.NoActionRequired ignored -> {
                decision = "confirmed";
                reply = new Reply(text(lang, "confirmed"), Reply.Action.HANGUP, "confirmed");
            }
            case Outcome.Booked booked -> {
                decision = "moved";
                movedTo = booked.date() + " " + LocalizedDates.time(booked.time());
                reply = new Reply(MessageFormat.format(text(lang, "moved"), day(lang, booked.date()),
                        LocalizedDates.time(booked.time())), Reply.Action.HANGUP, "moved");
            }
            case Outcome.Cancelled ignored -> {
                decision = "cancelled";
                reply = new Reply(text(lang, "cancelled"), Reply.Action.HANGUP, "cancelled");
            }
            case Outcome.FreeTimes free -> reply = new Reply(offers(lang, free.offered()), Reply.Action.CONTINUE,
                    "offered");
            case Outcome.SlotTaken taken -> reply = new Reply(text(lang, "slot_taken") + " "
                    + offers(lang, taken.alternatives()), Reply.Action.CONTINUE, "slot_taken");
            case Outcome.NonWorkTime ignored -> reply = new Reply(text(lang, "non_work_time"), Reply.Action.CONTINUE,
                    "non_work_time");
            case Outcome.CancelFailed ignored -> reply = new Reply(text(lang, "cancel_failed"), Reply.Action.CONTINUE,
                    "cancel_failed");
            case Outcome.Failure ignored -> reply = new Reply(text(lang, "failure"), Reply.Action.CONTINUE, "failure");
            case Outcome.UnknownMedElement ignored -> reply = new Reply(text(lang, "failure"), Reply.Action.CONTINUE,
                    "failure");
            case Outcome.NotUnderstood ignored -> reply = null;
        }
        State state = new State(result.newItems(), tools.offered(), tools.currentSchedId(), decision, movedTo);
        return Optional.of(new Answer(reply, List.of(new Turn(STATE_ROLE, Json.write(state), kz.clinicai.calls.call.Timestamps.format(clock.instant()),
                decision))));
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

    private static String context(LocalDate today, Appointment appointment, List<Slot> offered) {
        StringBuilder text = new StringBuilder("Сегодня: ").append(today).append('\n')
                .append("Текущая запись пациента: ").append(appointment.date()).append(' ')
                .append(LocalizedDates.time(appointment.time())).append(", врач: ").append(appointment.doctorName())
                .append('\n');
        if (!offered.isEmpty()) {
            text.append("Ранее предложенные варианты: ");
            for (int i = 0; i < offered.size(); i++) {
                text.append(i + 1).append(") ").append(offered.get(i).date()).append(' ')
                        .append(LocalizedDates.time(offered.get(i).start())).append(i + 1 < offered.size() ? "; " : "");
            }
            text.append('\n');
        }
        return text.toString();
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
