package kz.clinicai.voicebot.booking;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import kz.clinicai.voicebot.Deadline;
import kz.clinicai.voicebot.clinic.ClinicConfig;
import kz.clinicai.voicebot.infoclinica.Appointment;
import kz.clinicai.voicebot.infoclinica.InfoClinicaClient;
import kz.clinicai.voicebot.infoclinica.InfoClinicaException;
import kz.clinicai.voicebot.infoclinica.InfoClinicaTimeoutException;
import kz.clinicai.voicebot.infoclinica.Reservation;
import kz.clinicai.voicebot.infoclinica.ReserveRequest;
import kz.clinicai.voicebot.infoclinica.Slot;
import kz.clinicai.voicebot.infoclinica.UnknownMedElementException;
import kz.clinicai.voicebot.llm.ToolCall;
import kz.clinicai.voicebot.llm.ToolRunner;
import kz.clinicai.voicebot.llm.ToolStep;
import kz.clinicai.voicebot.llm.VoicebotTools;
import kz.clinicai.voicebot.session.BookingLedger;
import kz.clinicai.voicebot.session.VoicebotSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the model's tool calls for one utterance against InfoClinica. The model only chooses the tool and its
 * arguments; what is booked, offered and answered is decided here.
 */
final class ToolExecutor implements ToolRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ToolExecutor.class);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private final ClinicConfig clinic;
    private final InfoClinicaClient infoClinica;
    private final BookingLedger ledger;
    private final Appointment appointment;
    private final long appointmentId;
    private final Clock clock;
    private final Deadline deadline;
    private final Duration staleClaim;
    private final Instant expiresAt;
    private List<Slot> offered;
    private Long currentSchedId;

    ToolExecutor(ClinicConfig clinic, InfoClinicaClient infoClinica, BookingLedger ledger, Appointment appointment,
                 VoicebotSession session, Clock clock, Deadline deadline, Duration staleClaim, Instant expiresAt) {
        this.clinic = clinic;
        this.infoClinica = infoClinica;
        this.ledger = ledger;
        this.appointment = appointment;
        this.appointmentId = session.appointmentId();
        this.clock = clock;
        this.deadline = deadline;
        this.staleClaim = staleClaim;
        this.expiresAt = expiresAt;
        this.offered = session.offered();
        this.currentSchedId = session.currentSchedId();
    }

    List<Slot> offered() {
        return offered;
    }

    Long currentSchedId() {
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
        } catch (UnknownMedElementException e) {
            LOG.warn("InfoClinica does not know the medical element: {}", e.getMessage());
            return finish(new Outcome.UnknownMedElement(e.getMessage()), Map.of("error", "unknown_med_element"));
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
        return book(date(args, "date"), time(args, "time"));
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
        return book(slot.date(), slot.start());
    }

    private ToolStep book(LocalDate date, LocalTime time) {
        String doctor = appointment.doctorName();
        if (isPast(date, time)) {
            return finish(new Outcome.SlotTaken(date, time, doctor, List.of()), Map.of("result", "date_in_past"));
        }
        if (!clinic.isOpen(date, time)) {
            return finish(new Outcome.NonWorkTime(date, time), Map.of("result", "clinic_closed"));
        }
        if (appointment.date().equals(date) && appointment.time().equals(time)) {
            offered = List.of();
            return finish(new Outcome.Booked(date, time, doctor), Map.of("result", "already_booked"));
        }
        String key = clinic.slug() + "#" + appointmentId + "#" + KEY_TIME.format(LocalDateTime.of(date, time));
        switch (ledger.claim(key, clock.instant(), staleClaim, expiresAt)) {
            case BookingLedger.Claim.AlreadyDone done -> {
                LOG.info("Repeated booking request answered from the ledger");
                currentSchedId = done.result().schedId();
                offered = List.of();
                return finish(new Outcome.Booked(done.result().date(), done.result().time(), done.result().doctorName()),
                        Map.of("result", "booked"));
            }
            case BookingLedger.Claim.InFlight inFlight -> {
                LOG.warn("Identical booking request still in flight");
                return finish(new Outcome.Failure("Запрос на перенос уже обрабатывается"), Map.of("error", "in_flight"));
            }
            case BookingLedger.Claim.Acquired acquired -> {
                // continues below
            }
        }
        Reservation reservation;
        List<Slot> free;
        Slot slot;
        try {
            // Re-check right before reserving: the model may have seen these times minutes ago.
            free = freeSlots(date);
            slot = free.stream().filter(s -> s.start().equals(time)).findFirst().orElse(null);
            if (slot == null) {
                ledger.release(key);
                return alternatives(date, time, free);
            }
            reservation = infoClinica.reserve(
                    new ReserveRequest(appointment.patientCode(), appointment.doctorCode(), slot, appointment.schedId()),
                    deadline);
        } catch (InfoClinicaTimeoutException e) {
            // Whether InfoClinica reserved is unknown: the claim stays pending so a quick retry cannot book again.
            throw e;
        } catch (RuntimeException e) {
            ledger.release(key);
            throw e;
        }
        if (!reservation.accepted()) {
            LOG.info("InfoClinica rejected the reservation (SPRESULT 0): {}", reservation.comment());
            ledger.release(key);
            Slot taken = slot;
            return alternatives(date, time, free.stream().filter(s -> !s.equals(taken)).toList());
        }
        long schedId = reservation.schedId() != null ? reservation.schedId() : appointment.schedId();
        ledger.complete(key, new BookingLedger.Completed(schedId, date, slot.start(), doctor), expiresAt);
        currentSchedId = schedId;
        offered = List.of();
        return finish(new Outcome.Booked(date, slot.start(), doctor), Map.of("result", "booked",
                "date", date.toString(), "time", slot.start().toString()));
    }

    private ToolStep alternatives(LocalDate date, LocalTime asked, List<Slot> free) {
        List<Slot> nearest = SlotChooser.nearest(free, asked, SlotChooser.MAX_OFFERS);
        offered = nearest;
        Map<String, Object> output = new LinkedHashMap<>(offersOutput(nearest));
        output.put("result", "time_taken");
        return finish(new Outcome.SlotTaken(date, asked, appointment.doctorName(), nearest), output);
    }

    private ToolStep cancel() {
        String key = clinic.slug() + "#" + appointmentId + "#cancel";
        switch (ledger.claim(key, clock.instant(), staleClaim, expiresAt)) {
            case BookingLedger.Claim.AlreadyDone done -> {
                return finish(new Outcome.Cancelled(appointment), Map.of("result", "cancelled"));
            }
            case BookingLedger.Claim.InFlight inFlight -> {
                return finish(new Outcome.Failure("Запрос на отмену уже обрабатывается"), Map.of("error", "in_flight"));
            }
            case BookingLedger.Claim.Acquired acquired -> {
                // continues below
            }
        }
        boolean removed;
        try {
            removed = infoClinica.cancel(appointment.schedId(), appointment.patientCode(), deadline);
        } catch (InfoClinicaTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            ledger.release(key);
            throw e;
        }
        if (!removed) {
            ledger.release(key);
            return finish(new Outcome.CancelFailed(appointment, "Не удалось отменить запись"),
                    Map.of("result", "cancel_failed"));
        }
        ledger.complete(key, new BookingLedger.Completed(appointment.schedId(), null, null, appointment.doctorName()),
                expiresAt);
        offered = List.of();
        return finish(new Outcome.Cancelled(appointment), Map.of("result", "cancelled"));
    }

    private List<Slot> freeSlots(LocalDate date) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(clinic.timeZone()));
        return infoClinica.freeSlots(appointment.doctorCode(), date, deadline).stream()
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
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
