package kz.clinicai.voicebot.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantDraft;
import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.voicebot.Deadline;
import kz.clinicai.voicebot.infoclinica.Appointment;
import kz.clinicai.voicebot.infoclinica.AppointmentNotFoundException;
import kz.clinicai.voicebot.infoclinica.InfoClinicaClient;
import kz.clinicai.voicebot.infoclinica.Interval;
import kz.clinicai.voicebot.infoclinica.Removal;
import kz.clinicai.voicebot.infoclinica.Reservation;
import kz.clinicai.voicebot.infoclinica.ReserveRequest;
import kz.clinicai.voicebot.infoclinica.Slot;
import kz.clinicai.voicebot.llm.LoopRequest;
import kz.clinicai.voicebot.llm.LoopResult;
import kz.clinicai.voicebot.llm.ToolCall;
import kz.clinicai.voicebot.llm.ToolLoop;
import kz.clinicai.voicebot.llm.ToolRunner;
import kz.clinicai.voicebot.llm.ToolStep;
import kz.clinicai.voicebot.session.BookingLedger;
import kz.clinicai.voicebot.session.DialogueItem;
import kz.clinicai.voicebot.session.SessionRepository;
import kz.clinicai.voicebot.session.VoicebotSession;

/** In-memory stand-ins with the semantics of the real collaborators (conditional writes included). */
final class Fakes {
    private Fakes() {
    }

    static final class InfoClinica implements InfoClinicaClient {
        final Map<Long, Appointment> appointments = new HashMap<>();
        final Map<LocalDate, List<Slot>> free = new HashMap<>();
        /** Busy intervals with the patient booked there (what WEB_SCHEDULE lists besides free time). */
        final List<Interval> busy = new ArrayList<>();
        final List<ReserveRequest> reserves = new ArrayList<>();
        final List<Long> cancels = new ArrayList<>();
        final List<String> filials = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        boolean rejectReservations;
        /** Moves keep the appointment's SCHEDID and name no new one (as some servers answer). */
        boolean movesKeepId;
        RuntimeException scheduleFailure;
        RuntimeException reserveFailure;
        Removal removal;
        long nextSchedId = 900_000;

        @Override
        public Appointment appointment(long schedId, String filial, Deadline deadline) {
            messages.add("SCHEDULE_INFO");
            filials.add(filial);
            Appointment a = appointments.get(schedId);
            if (a == null) {
                throw new AppointmentNotFoundException(schedId);
            }
            return a;
        }

        @Override
        public List<Interval> schedule(long doctorCode, LocalDate date, String filial, Deadline deadline) {
            messages.add("SCHEDULE");
            filials.add(filial);
            if (scheduleFailure != null) {
                throw scheduleFailure;
            }
            List<Interval> out = new ArrayList<>();
            free.getOrDefault(date, List.of()).forEach(s -> out.add(new Interval(s, 1, null)));
            busy.stream().filter(i -> i.slot().date().equals(date)).forEach(out::add);
            out.add(new Interval(new Slot(date, java.time.LocalTime.of(19, 30), java.time.LocalTime.of(20, 0), 4001,
                    doctorCode), -6, null));
            return out;
        }

        @Override
        public Reservation reserve(ReserveRequest request, String filial, Deadline deadline) {
            messages.add("SCHEDULE_REC_RESERVE");
            filials.add(filial);
            reserves.add(request);
            if (reserveFailure != null) {
                throw reserveFailure;
            }
            Appointment old = appointments.get(request.moveSchedId());
            if (old == null) {
                throw new AppointmentNotFoundException(request.moveSchedId(), "Запись пациента не найдена");
            }
            List<Slot> day = free.computeIfAbsent(request.slot().date(), d -> new ArrayList<>());
            if (rejectReservations || !day.contains(request.slot())) {
                return new Reservation(false, "К сожалению, выбранное время было недавно занято.", null);
            }
            day.remove(request.slot());
            // The old time is free again.
            free.computeIfAbsent(old.date(), d -> new ArrayList<>()).add(new Slot(old.date(), old.time(), old.end(),
                    request.slot().schedIdent(), old.doctorCode()));
            long id = movesKeepId ? old.schedId() : nextSchedId++;
            appointments.remove(old.schedId());
            appointments.put(id, new Appointment(id, request.slot().date(), request.slot().start(),
                    request.slot().end(), old.doctorCode(), old.patientCode(), old.filial(), old.doctorName(),
                    old.filialName()));
            return new Reservation(true, "Пациент записан", movesKeepId ? null : id);
        }

        @Override
        public Removal cancel(long schedId, Long patientCode, String filial, Deadline deadline) {
            messages.add("SCHEDULE_REC_REMOVE");
            filials.add(filial);
            cancels.add(schedId);
            if (removal != null) {
                return removal;
            }
            return appointments.remove(schedId) != null
                    ? new Removal(Removal.Kind.REMOVED, "Запись пациента на прием удалена")
                    : new Removal(Removal.Kind.ALREADY_CANCELLED, "Запись пациента не найдена");
        }
    }

    static final class Sessions implements SessionRepository {
        final Map<String, VoicebotSession> stored = new ConcurrentHashMap<>();
        boolean forgetful;
        int saves;

        @Override
        public Optional<VoicebotSession> find(String clinic, long appointmentId) {
            return Optional.ofNullable(stored.get(clinic + "#" + appointmentId));
        }

        @Override
        public synchronized void save(VoicebotSession session, Instant expiresAt) {
            saves++;
            VoicebotSession current = stored.get(session.clinic() + "#" + session.appointmentId());
            if ((current == null ? 0 : current.version()) != session.version()) {
                throw new kz.clinicai.voicebot.session.SessionConflictException(session.clinic());
            }
            if (!forgetful) {
                stored.put(session.clinic() + "#" + session.appointmentId(),
                        new VoicebotSession(session.clinic(), session.appointmentId(), session.currentSchedId(),
                                session.history(), session.offered(), session.version() + 1));
            }
        }
    }

    static class Ledger implements BookingLedger {
        record Entry(boolean done, Instant claimedAt, Completed result) {
        }

        final Map<String, Entry> entries = new ConcurrentHashMap<>();
        final List<String> claimed = new ArrayList<>();

        @Override
        public synchronized Claim claim(String key, Instant now, Duration staleAfter, Instant expiresAt) {
            claimed.add(key);
            Entry e = entries.get(key);
            if (e == null || (!e.done() && e.claimedAt().isBefore(now.minus(staleAfter)))) {
                entries.put(key, new Entry(false, now, null));
                return new Claim.Acquired();
            }
            return e.done() ? new Claim.AlreadyDone(e.result()) : new Claim.InFlight();
        }

        @Override
        public void complete(String key, Completed result, Instant expiresAt) {
            entries.put(key, new Entry(true, null, result));
        }

        @Override
        public void release(String key) {
            entries.computeIfPresent(key, (k, e) -> e.done() ? e : null);
        }

        final Map<String, Long> moves = new ConcurrentHashMap<>();

        @Override
        public void recordMove(String clinic, long from, long to, Instant expiresAt) {
            moves.put(clinic + "#" + from, to);
        }

        @Override
        public Optional<Long> movedTo(String clinic, long from) {
            return Optional.ofNullable(moves.get(clinic + "#" + from));
        }
    }

    static final class Assistants implements AssistantRepository {
        final Map<String, AssistantConfig> byName = new HashMap<>();

        @Override
        public Optional<AssistantConfig> latestByName(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        @Override
        public Optional<AssistantConfig> latestById(String id) {
            return byName.values().stream().filter(c -> c.id().equals(id)).findFirst();
        }

        @Override
        public Optional<AssistantConfig> version(String name, int version) {
            return latestByName(name).filter(c -> c.version() == version);
        }

        @Override
        public AssistantConfig saveNewVersion(AssistantDraft draft, Instant now) {
            AssistantConfig c = new AssistantConfig("asst_1", draft.name(),
                    latestByName(draft.name()).map(x -> x.version() + 1).orElse(1), draft.model(),
                    draft.instructions(), draft.temperature(), draft.topP(), now);
            byName.put(draft.name(), c);
            return c;
        }
    }

    /** A model that answers each utterance with the tool calls the script gives for it. */
    static final class ScriptedModel implements ToolLoop {
        final Function<String, List<ToolCall>> script;
        final List<LoopRequest> requests = new ArrayList<>();

        ScriptedModel(Function<String, List<ToolCall>> script) {
            this.script = script;
        }

        @Override
        public LoopResult run(LoopRequest request, ToolRunner tools, Deadline deadline) {
            requests.add(request);
            List<DialogueItem> turn = new ArrayList<>(List.of(DialogueItem.user(request.userText())));
            for (ToolCall call : script.apply(request.userText())) {
                turn.add(DialogueItem.functionCall(call.callId(), call.name(), call.arguments()));
                ToolStep step = tools.run(call);
                if (step instanceof ToolStep.Finish finish) {
                    turn.add(DialogueItem.functionOutput(call.callId(), finish.output()));
                    return new LoopResult(finish.outcome(), turn);
                }
                turn.add(DialogueItem.functionOutput(call.callId(), ((ToolStep.Continue) step).output()));
            }
            return new LoopResult(new Outcome.NotUnderstood(), turn);
        }
    }
}
