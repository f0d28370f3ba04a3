package kz.clinicai.shared.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.AppointmentNotFoundException;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.infoclinica.InfoClinicaException;
import kz.clinicai.shared.infoclinica.InfoClinicaRefusedException;
import kz.clinicai.shared.infoclinica.InfoClinicaTimeoutException;
import kz.clinicai.shared.infoclinica.Interval;
import kz.clinicai.shared.infoclinica.Removal;
import kz.clinicai.shared.infoclinica.Reservation;
import kz.clinicai.shared.infoclinica.ReserveRequest;
import kz.clinicai.shared.infoclinica.Slot;
import kz.clinicai.shared.infoclinica.UnknownMedElementException;
import kz.clinicai.shared.tools.ToolCall;
import kz.clinicai.shared.tools.ToolRunner;
import kz.clinicai.shared.tools.ToolStep;
import kz.clinicai.shared.tools.VoicebotTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the model's tool calls for one utterance against InfoClinica. The model only chooses the tool and its
 * arguments; what is booked, offered and answered is decided here.
 */
public final class ToolExecutor implements ToolRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ToolExecutor.class);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    /**
     * Left of the deadline when waiting for an identical request: after the wait only a SCHEDULE_INFO check and the
     * session save remain (the tool's result ends the turn without another model round).
     */
    private static final Duration WAIT_RESERVE = Duration.ofSeconds(1);
    static final String CANCELLED_MESSAGE = "Запись успешно удалена";
    static final String ALREADY_CANCELLED_MESSAGE = "Запись уже отменена";

    private final ClinicConfig clinic;
    private final InfoClinicaClient infoClinica;
    private final BookingLedger ledger;
    private final Appointment appointment;
    private final long appointmentId;
    private final long turn;
    private final Clock clock;
    private final Deadline deadline;
    private final Duration staleClaim;
    private final Instant expiresAt;
    private final Sleeper sleeper;
    private final Map<LocalDate, List<Interval>> schedules = new HashMap<>();
    private List<Slot> offered;
    private Long currentSchedId;

    /** How the executor waits for an identical request in flight (tests pass one that does not sleep). */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public ToolExecutor(ClinicConfig clinic, InfoClinicaClient infoClinica, BookingLedger ledger, Appointment appointment,
                 VoicebotSession session, Clock clock, Deadline deadline, Duration staleClaim, Instant expiresAt,
                 Sleeper sleeper) {
        this.clinic = clinic;
        this.infoClinica = infoClinica;
        this.ledger = ledger;
        this.appointment = appointment;
        this.appointmentId = session.appointmentId();
        this.turn = session.version();
        this.clock = clock;
        this.deadline = deadline;
        this.staleClaim = staleClaim;
        this.expiresAt = expiresAt;
        this.sleeper = sleeper;
        this.offered = session.offered();
        this.currentSchedId = session.currentSchedId();
    }

    public List<Slot> offered() {
        return offered;
    }

    public Long currentSchedId() {
        return currentSchedId;
    }

    @Override
    public ToolStep run(ToolCall call) {
        LOG.info("Tool {} called", call.name());
        JsonNode args;
        try {
            args = Json.mapper().readTree(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
        } catch (JsonProcessingException e) {
            return retry("Аргументы не являются JSON");
        }
        try {
            return switch (call.name()) {
                case VoicebotTools.GET_APPOINTMENT -> new ToolStep.Continue(json(describe(appointment)));
                case VoicebotTools.FIND_FREE_TIMES -> findFreeTimes(args);
                case VoicebotTools.BOOK_TIME -> bookTime(args);
                case VoicebotTools.CHOOSE_OFFERED_TIME -> chooseOffered(args);
                case VoicebotTools.CANCEL_APPOINTMENT -> cancel();
                case VoicebotTools.CONFIRM_APPOINTMENT -> finish(new Outcome.NoActionRequired(appointment),
                        Map.of("result", "confirmed"));
                case VoicebotTools.NOT_UNDERSTOOD -> finish(new Outcome.NotUnderstood(), Map.of("result", "not_understood"));
                default -> retry("Нет такой функции: " + call.name());
            };
        } catch (BadArgument e) {
            return retry(e.getMessage());
        } catch (AppointmentNotFoundException e) {
            // The appointment was cancelled or moved at the clinic meanwhile: ACS hears "not found", as for a read.
            LOG.info("InfoClinica no longer knows the appointment: {}", e.getMessage());
            throw new UnknownAppointmentException(appointmentId);
        } catch (UnknownMedElementException e) {
            LOG.warn("InfoClinica refuses the doctor / service: {}", e.getMessage());
            return finish(new Outcome.UnknownMedElement(e.getMessage()), Map.of("error", "unknown_med_element"));
        } catch (InfoClinicaRefusedException e) {
            LOG.warn("InfoClinica refused: {}", e.getMessage());
            return finish(new Outcome.Failure(e.getMessage()), Map.of("error", "refused"));
        } catch (InfoClinicaTimeoutException e) {
            LOG.warn("InfoClinica too slow: {}", e.getMessage());
            return finish(new Outcome.Failure("Медицинская система не ответила вовремя"), Map.of("error", "timeout"));
        } catch (InfoClinicaException e) {
            LOG.warn("InfoClinica failed: {}", e.toString());
            return finish(new Outcome.Failure("Ошибка медицинской системы"), Map.of("error", "infoclinica"));
        }
    }

    private ToolStep findFreeTimes(JsonNode args) {
        LocalDate date = date(args, "date");
        LocalTime preferred = optionalTime(args, "preferred_time");
        if (isPast(date, null)) {
            return finish(new Outcome.SlotTaken(date, preferred, appointment.doctorName(), List.of()),
                    Map.of("result", "date_in_past"));
        }
        if (!clinic.isOpen(date, preferred)) {
            return finish(new Outcome.NonWorkTime(date, preferred), Map.of("result", "clinic_closed"));
        }
        List<Slot> chosen = SlotChooser.nearest(freeSlots(date), preferred, SlotChooser.MAX_OFFERS);
        offered = chosen;
        return finish(new Outcome.FreeTimes(date, appointment.doctorName(), chosen), offersOutput(chosen));
    }

    private ToolStep bookTime(JsonNode args) {
        return book(date(args, "date"), time(args, "time"), null);
    }

    private ToolStep chooseOffered(JsonNode args) {
        int option = args.path("option").asInt(0);
        if (offered.isEmpty()) {
            return retry("Варианты ещё не предлагались: сначала find_free_times");
        }
        if (option < 1 || option > offered.size()) {
            return retry("Предложено вариантов: " + offered.size());
        }
        Slot slot = offered.get(option - 1);
        return book(slot.date(), slot.start(), slot);
    }

    /**
     * Moves the live appointment to {@code date time}. {@code known}: the slot as offered (its SCHEDIDENT and end),
     * reserved directly — InfoClinica itself answers "taken" if it is gone; otherwise the day is read first.
     * Idempotent per dialogue turn: the ledger key is the live appointment, the target slot and the turn, so a
     * retried utterance waits for (or reuses) the first one's reservation, while a later turn that picks a slot
     * again always asks InfoClinica.
     */
    private ToolStep book(LocalDate date, LocalTime time, Slot known) {
        String doctor = appointment.doctorName();
        if (isPast(date, time)) {
            return finish(new Outcome.SlotTaken(date, time, doctor, List.of()), Map.of("result", "date_in_past"));
        }
        if (!clinic.isOpen(date, time)) {
            return finish(new Outcome.NonWorkTime(date, time), Map.of("result", "clinic_closed"));
        }
        if (appointment.date().equals(date) && appointment.time().equals(time)) {
            return finish(new Outcome.Booked(date, time, doctor), Map.of("result", "already_booked"));
        }
        String key = clinic.slug() + "#" + appointmentId + "#" + appointment.schedId() + "#"
                + KEY_TIME.format(LocalDateTime.of(date, time)) + "#" + turn;
        BookingLedger.Claim claim = claim(key);
        if (claim instanceof BookingLedger.Claim.AlreadyDone done) {
            return repeated(done.result());
        }
        if (claim instanceof BookingLedger.Claim.InFlight) {
            return finish(new Outcome.Failure("Запрос на перенос ещё обрабатывается, повторите позже"),
                    Map.of("error", "in_flight"));
        }
        Reservation reservation;
        Slot slot = known;
        try {
            if (slot == null) {
                slot = freeSlots(date).stream().filter(s -> s.start().equals(time)).findFirst().orElse(null);
                if (slot == null) {
                    ledger.release(key);
                    return alternatives(date, time, freeSlots(date));
                }
            }
            reservation = infoClinica.reserve(new ReserveRequest(patientCode(), appointment.doctorCode(), slot,
                    appointment.schedId()), filial(), deadline);
        } catch (InfoClinicaTimeoutException e) {
            // Whether InfoClinica reserved is unknown: the claim stays pending so a quick retry cannot book again.
            throw e;
        } catch (RuntimeException e) {
            ledger.release(key);
            throw e;
        }
        if (!reservation.booked()) {
            LOG.info("InfoClinica: the time is taken ({})", reservation.comment());
            ledger.release(key);
            schedules.remove(date);
            Slot taken = slot;
            return alternatives(date, time, freeSlots(date).stream().filter(s -> !s.start().equals(taken.start()))
                    .toList());
        }
        // After a move the new id comes as SCHED_INFO/SCHEDID or RSCHEDID; with neither, the appointment kept its id.
        long schedId = reservation.schedId() != null ? reservation.schedId() : appointment.schedId();
        if (schedId != appointment.schedId()) {
            ledger.recordMove(clinic.slug(), appointment.schedId(), schedId, expiresAt);
        }
        ledger.complete(key, new BookingLedger.Completed(schedId, date, slot.start(), doctor), expiresAt);
        currentSchedId = schedId;
        return finish(new Outcome.Booked(date, slot.start(), doctor), Map.of("result", "booked",
                "date", date.toString(), "time", slot.start().toString()));
    }

    /**
     * The same turn's reservation was already made (a retried utterance): answered only if InfoClinica still holds
     * the appointment at that time, so "booked" always matches the clinic's state.
     */
    private ToolStep repeated(BookingLedger.Completed done) {
        Appointment now = infoClinica.appointment(done.schedId(), filial(), deadline);
        if (!now.date().equals(done.date()) || !now.time().equals(done.time())) {
            LOG.warn("Ledger says booked, InfoClinica disagrees: not answered as booked");
            return finish(new Outcome.Failure("Запись изменилась, уточните время ещё раз"),
                    Map.of("error", "changed"));
        }
        LOG.info("Repeated booking request answered from the ledger (confirmed by InfoClinica)");
        currentSchedId = done.schedId();
        return finish(new Outcome.Booked(now.date(), now.time(), done.doctorName()), Map.of("result", "booked"));
    }

    /** Claims {@code key}; an identical request in flight is waited for (within the deadline) and its result used. */
    private BookingLedger.Claim claim(String key) {
        Duration pause = Duration.ofMillis(50);
        while (true) {
            BookingLedger.Claim claim = ledger.claim(key, clock.instant(), staleClaim, expiresAt);
            if (!(claim instanceof BookingLedger.Claim.InFlight)) {
                return claim;
            }
            if (deadline.remaining().compareTo(WAIT_RESERVE.plus(pause)) <= 0) {
                LOG.warn("Identical request still in flight and the deadline is near: giving up waiting");
                return claim;
            }
            LOG.info("Identical request in flight; waiting {} ms for its outcome", pause.toMillis());
            try {
                sleeper.sleep(pause.plusMillis(java.util.concurrent.ThreadLocalRandom.current()
                        .nextLong(pause.toMillis() / 2 + 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claim;
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofMillis(800)) > 0 ? Duration.ofMillis(800)
                    : pause.multipliedBy(2);
        }
    }

    private ToolStep alternatives(LocalDate date, LocalTime asked, List<Slot> free) {
        List<Slot> nearest = SlotChooser.nearest(free, asked, SlotChooser.MAX_OFFERS);
        offered = nearest;
        Map<String, Object> output = new LinkedHashMap<>(offersOutput(nearest));
        output.put("result", "time_taken");
        return finish(new Outcome.SlotTaken(date, asked, appointment.doctorName(), nearest), output);
    }

    private ToolStep cancel() {
        String key = clinic.slug() + "#" + appointmentId + "#" + appointment.schedId() + "#cancel";
        BookingLedger.Claim claim = claim(key);
        if (claim instanceof BookingLedger.Claim.AlreadyDone) {
            return finish(new Outcome.Cancelled(appointment, CANCELLED_MESSAGE), Map.of("result", "cancelled"));
        }
        if (claim instanceof BookingLedger.Claim.InFlight) {
            return finish(new Outcome.Failure("Запрос на отмену ещё обрабатывается, повторите позже"),
                    Map.of("error", "in_flight"));
        }
        Removal removal;
        try {
            removal = infoClinica.cancel(appointment.schedId(), patientCode(), filial(), deadline);
        } catch (InfoClinicaTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            ledger.release(key);
            throw e;
        }
        if (removal.kind() == Removal.Kind.REFUSED) {
            LOG.info("InfoClinica refused the cancellation: {}", removal.message());
            ledger.release(key);
            return finish(new Outcome.CancelFailed(appointment, removal.message()), Map.of("result", "cancel_failed"));
        }
        ledger.complete(key, new BookingLedger.Completed(appointment.schedId(), null, null, appointment.doctorName()),
                expiresAt);
        offered = List.of();
        // "Not found" on a remove means someone cancelled it already: the patient hears that, not a failure.
        String message = removal.kind() == Removal.Kind.REMOVED ? CANCELLED_MESSAGE : ALREADY_CANCELLED_MESSAGE;
        return finish(new Outcome.Cancelled(appointment, message), Map.of("result", "cancelled"));
    }

    /**
     * PCODE for a reservation or removal. Real SCHED_INFO answers may lack it; then the appointment's own interval
     * in its day's schedule tells it (InfoClinica lists the booked patient there). Null when neither does: the
     * message then goes by SCHEDID alone.
     */
    private Long patientCode() {
        if (appointment.patientCode() != null) {
            return appointment.patientCode();
        }
        Long found = schedule(appointment.date()).stream()
                .filter(i -> i.slot().start().equals(appointment.time()) && i.patientCode() != null)
                .map(Interval::patientCode).findFirst().orElse(null);
        LOG.info("SCHED_INFO had no PCODE; {} it in the appointment's interval", found == null ? "did not find" : "found");
        return found;
    }

    /** MSH.99: the appointment's filial, or the clinic's default branch when the answer named none. */
    private String filial() {
        return appointment.filial() != null ? appointment.filial() : clinic.branchId();
    }

    private List<Interval> schedule(LocalDate date) {
        List<Interval> cached = schedules.get(date);
        if (cached == null) {
            cached = infoClinica.schedule(appointment.doctorCode(), date, filial(), deadline);
            schedules.put(date, cached);
        }
        return cached;
    }

    private List<Slot> freeSlots(LocalDate date) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(clinic.timeZone()));
        return schedule(date).stream()
                .filter(Interval::free)
                .map(Interval::slot)
                .filter(s -> s.date().equals(date))
                .filter(s -> LocalDateTime.of(s.date(), s.start()).isAfter(now))
                .toList();
    }

    private boolean isPast(LocalDate date, LocalTime time) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(clinic.timeZone()));
        if (date.isBefore(now.toLocalDate())) {
            return true;
        }
        return time != null && !LocalDateTime.of(date, time).isAfter(now);
    }

    private static Map<String, Object> describe(Appointment a) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("date", a.date().toString());
        map.put("time", a.time().toString());
        map.put("doctor", a.doctorName());
        return map;
    }

    private static Map<String, Object> offersOutput(List<Slot> slots) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("result", slots.isEmpty() ? "no_free_times" : "offered");
        map.put("offered", slots.stream().map(s -> s.date() + " " + s.start()).toList());
        return map;
    }

    private static ToolStep finish(Outcome outcome, Map<String, ?> output) {
        return new ToolStep.Finish(outcome, json(output));
    }

    private static ToolStep retry(String error) {
        return new ToolStep.Continue(json(Map.of("error", error)));
    }

    private static String json(Object value) {
        return Json.write(value);
    }

    private static LocalDate date(JsonNode args, String field) {
        try {
            return LocalDate.parse(args.path(field).asText(""));
        } catch (DateTimeParseException e) {
            throw new BadArgument(field + " должно быть датой YYYY-MM-DD");
        }
    }

    private static LocalTime time(JsonNode args, String field) {
        try {
            return LocalTime.parse(args.path(field).asText(""));
        } catch (DateTimeParseException e) {
            throw new BadArgument(field + " должно быть временем HH:MM");
        }
    }

    private static LocalTime optionalTime(JsonNode args, String field) {
        JsonNode node = args.get(field);
        return node == null || node.isNull() || node.asText("").isBlank() ? null : time(args, field);
    }

    /** An argument the strict schema could not rule out (a malformed date); the model gets another try. */
    private static final class BadArgument extends RuntimeException {
        BadArgument(String message) {
            super(message);
        }
    }
}
