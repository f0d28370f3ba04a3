package kz.clinicai.voicebot.booking;

import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.booking.ToolExecutor;
import kz.clinicai.shared.booking.UnknownAppointmentException;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import kz.clinicai.shared.assistant.AssistantConfig;
import kz.clinicai.shared.assistant.AssistantRepository;
import kz.clinicai.shared.time.Lang;
import kz.clinicai.shared.time.LocalizedDates;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.ClinicRepository;
import kz.clinicai.shared.clinic.InfoClinicaClients;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.AppointmentNotFoundException;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.clinic.AccessDeniedException;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.infoclinica.InfoClinicaException;
import kz.clinicai.shared.infoclinica.InfoClinicaRefusedException;
import kz.clinicai.shared.infoclinica.InfoClinicaTimeoutException;
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.infoclinica.UnknownMedElementException;
import kz.clinicai.shared.tools.LoopRequest;
import kz.clinicai.shared.tools.LoopResult;
import kz.clinicai.shared.tools.ToolLoop;
import kz.clinicai.shared.booking.BookingLedger;
import kz.clinicai.voicebot.session.SessionConflictException;
import kz.clinicai.voicebot.session.SessionRepository;
import kz.clinicai.shared.booking.VoicebotSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voicebot use case: one patient utterance about one appointment in, one outcome out, within the deadline.
 * Loads the clinic, the session and the appointment, lets the model pick a tool, runs it, remembers the dialogue.
 */
public final class VoicebotService {
    private static final Logger LOG = LoggerFactory.getLogger(VoicebotService.class);

    /**
     * @param budget          the whole answer's time (ACS's HTTP API cuts at 30 s)
     * @param sessionTtl      how long a dialogue (and its ledger entries) is remembered
     * @param defaultModel    used when the clinic's assistant configuration does not exist
     */
    public record Settings(Duration budget, Duration sessionTtl, String defaultModel, String defaultInstructions) {
    }

    /** @param today the clinic's date the reply is worded against (today / tomorrow) */
    public record Answer(Outcome outcome, LocalDate today) {
    }

    private final ClinicRepository clinics;
    private final ClinicAccess access;
    private final SessionRepository sessions;
    private final BookingLedger ledger;
    private final AssistantRepository assistants;
    private final InfoClinicaClients infoClinica;
    private final ToolLoop loop;
    private final Clock clock;
    private final Settings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public VoicebotService(ClinicRepository clinics, ClinicAccess access, SessionRepository sessions,
                           BookingLedger ledger, AssistantRepository assistants, InfoClinicaClients infoClinica,
                           ToolLoop loop, Clock clock, Settings settings) {
        this.clinics = clinics;
        this.access = access;
        this.sessions = sessions;
        this.ledger = ledger;
        this.assistants = assistants;
        this.infoClinica = infoClinica;
        this.loop = loop;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * @throws AccessDeniedException       unknown clinic or credential (401), source not allowed (403), too many (429)
     * @throws UnknownAppointmentException InfoClinica knows no such appointment
     */
    public Answer answer(String clinicSlug, ClinicAccess.Caller caller, long appointmentId, String userInput) {
        Deadline deadline = Deadline.after(clock, settings.budget());
        AtomicReference<String> phase = new AtomicReference<>("start");
        AtomicReference<LocalDate> today = new AtomicReference<>(LocalDate.now(clock));
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<Answer> work = executor.submit(
                () -> answer(clinicSlug, caller, appointmentId, userInput, deadline, phase, today, abandoned));
        try {
            // Each call bounds itself by the deadline; this is the backstop for anything that does not.
            return work.get(settings.budget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            work.cancel(true);
            LOG.warn("Deadline of {} ms exceeded during {}", settings.budget().toMillis(), phase.get());
            return new Answer(new Outcome.Failure("Не успели обработать запрос"), today.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work.cancel(true);
            return new Answer(new Outcome.Failure("Запрос прерван"), today.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Answer answer(String slug, ClinicAccess.Caller caller, long appointmentId, String userInput,
                          Deadline deadline, AtomicReference<String> phase, AtomicReference<LocalDate> todayRef,
                          AtomicBoolean abandoned) {
        phase.set("clinic config");
        Optional<ClinicConfig> found = clinics.find(slug);
        if (found.isEmpty()) {
            access.unknownClinic(caller);
        }
        ClinicConfig clinic = found.orElseThrow();
        phase.set("access");
        access.admit(clinic, caller);
        LocalDate today = LocalDate.now(clock.withZone(clinic.timeZone()));
        todayRef.set(today);

        phase.set("session");
        VoicebotSession session = sessions.find(slug, appointmentId)
                .orElseGet(() -> VoicebotSession.start(slug, appointmentId));
        InfoClinicaClient client = infoClinica.forClinic(clinic);

        phase.set("InfoClinica appointment");
        Appointment appointment;
        try {
            // The filial is not known before this read: the clinic's default branch goes in MSH.99.
            appointment = liveAppointment(client, clinic, session, deadline);
        } catch (AppointmentNotFoundException e) {
            access.suspicious(clinic, caller);
            throw new UnknownAppointmentException(appointmentId);
        } catch (UnknownMedElementException e) {
            LOG.warn("Appointment names an unknown medical element: {}", e.getMessage());
            return new Answer(new Outcome.UnknownMedElement(e.getMessage()), today);
        } catch (InfoClinicaRefusedException e) {
            LOG.warn("InfoClinica refused to read the appointment: {}", e.getMessage());
            return new Answer(new Outcome.Failure(e.getMessage()), today);
        } catch (InfoClinicaTimeoutException e) {
            LOG.warn("InfoClinica too slow for the appointment: {}", e.getMessage());
            return new Answer(new Outcome.Failure("Медицинская система не ответила вовремя"), today);
        } catch (InfoClinicaException e) {
            LOG.warn("InfoClinica failed for the appointment: {}", e.toString());
            return new Answer(new Outcome.Failure("Ошибка медицинской системы"), today);
        }

        phase.set("assistant config");
        Optional<AssistantConfig> assistant = Optional.ofNullable(clinic.assistantName())
                .flatMap(assistants::latestByName);
        String instructions = assistant.map(AssistantConfig::instructions).orElse(settings.defaultInstructions())
                + "\n\n" + context(clinic, today, appointment, session);
        LoopRequest request = new LoopRequest(assistant.map(AssistantConfig::model).orElse(settings.defaultModel()),
                instructions, assistant.map(AssistantConfig::temperature).orElse(null),
                assistant.map(AssistantConfig::topP).orElse(null), session.history(), userInput, clinic.slug());

        Instant expiresAt = clock.instant().plus(settings.sessionTtl());
        ToolExecutor tools = new ToolExecutor(clinic, client, ledger, appointment, session, clock, deadline,
                settings.budget(), expiresAt, duration -> Thread.sleep(duration));
        phase.set("tool loop");
        LoopResult result = loop.run(request, tools, deadline);

        phase.set("session save");
        if (abandoned.get()) {
            // ACS already got an error for this utterance: remembering the turn would make the dialogue lie.
            LOG.warn("Answer came after the deadline; dialogue not saved");
            return new Answer(result.outcome(), today);
        }
        save(session, result, tools, expiresAt);
        LOG.info("Outcome {}", result.outcome().getClass().getSimpleName());
        return new Answer(result.outcome(), today);
    }

    /**
     * The appointment the session points at; if InfoClinica no longer knows that SCHEDID but a move recorded a
     * newer one (a concurrent request moved it and has not saved the session yet), the newer one.
     */
    private Appointment liveAppointment(InfoClinicaClient client, ClinicConfig clinic, VoicebotSession session,
                                        Deadline deadline) {
        long schedId = session.schedId();
        for (int hop = 0; ; hop++) {
            try {
                return client.appointment(schedId, clinic.branchId(), deadline);
            } catch (AppointmentNotFoundException e) {
                Optional<Long> moved = hop < 5 ? ledger.movedTo(clinic.slug(), schedId) : Optional.empty();
                if (moved.isEmpty()) {
                    throw e;
                }
                LOG.info("Appointment {} was moved to {}; following", schedId, moved.get());
                schedId = moved.get();
            }
        }
    }

    /**
     * Stores the turn. When a concurrent utterance about the same appointment saved first, its dialogue wins — but a
     * move this turn made must not be lost (the session would point at an appointment that no longer exists), so
     * the newer session is re-read and the live SCHEDID written onto it.
     */
    private void save(VoicebotSession session, LoopResult result, ToolExecutor tools, Instant expiresAt) {
        boolean moved = !java.util.Objects.equals(tools.currentSchedId(), session.currentSchedId());
        VoicebotSession next = session.next(result.newItems(), tools.offered(), tools.currentSchedId());
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                sessions.save(next, expiresAt);
                return;
            } catch (SessionConflictException e) {
                LOG.warn(e.getMessage());
                if (!moved) {
                    return;
                }
                VoicebotSession newer = sessions.find(session.clinic(), session.appointmentId()).orElse(session);
                next = newer.next(List.of(), newer.offered(), tools.currentSchedId());
            }
        }
        LOG.error("Could not record the moved appointment's SCHEDID in the session");
    }

    /** Facts the model needs to resolve "завтра", "в четверг", "во второе"; the first line is read by the sandbox. */
    static String context(ClinicConfig clinic, LocalDate today, Appointment appointment, VoicebotSession session) {
        Locale ru = Lang.RU.locale();
        StringBuilder text = new StringBuilder()
                .append("Сегодня: ").append(today).append(", ").append(LocalizedDates.weekday(today, Lang.RU)).append('\n')
                .append("Часовой пояс клиники: ").append(clinic.timeZone().getId()).append('\n')
                .append("Часы работы клиники: ");
        String hours = java.util.Arrays.stream(DayOfWeek.values())
                .map(day -> day.getDisplayName(TextStyle.FULL_STANDALONE, ru) + " "
                        + Optional.ofNullable(clinic.workingHours().get(day)).map(Object::toString).orElse("выходной"))
                .collect(Collectors.joining(", "));
        text.append(hours).append('\n')
                .append("Текущая запись пациента: ").append(appointment.date()).append(' ')
                .append(LocalizedDates.time(appointment.time())).append(", врач: ").append(appointment.doctorName())
                .append('\n');
        if (!session.offered().isEmpty()) {
            text.append("Ранее предложенные варианты: ");
            for (int i = 0; i < session.offered().size(); i++) {
                Slot slot = session.offered().get(i);
                text.append(i + 1).append(") ").append(slot.date()).append(' ')
                        .append(LocalizedDates.time(slot.start())).append(i + 1 < session.offered().size() ? "; " : "");
            }
            text.append('\n');
        }
        return text.toString();
    }
}
