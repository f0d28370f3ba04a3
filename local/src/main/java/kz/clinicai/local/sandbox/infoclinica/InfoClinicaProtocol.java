package kz.clinicai.local.sandbox.infoclinica;

import static kz.clinicai.local.sandbox.infoclinica.InfoClinicaXml.element;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers InfoClinica messages from the {@link Schedule}: the protocol semantics between the XML codec and the
 * model, as real servers answer — every message's business result in SPRESULT/SPCOMMENT (+ CHECKDATA) with HTTP 200
 * and MSA.1 AA (slot taken, appointment not found, referral required); HL7 errors (MSA.1 AE, ERR/ERR.3/CWE.2) only
 * for requests the server cannot read (missing fields, unknown message); a body that is not an InfoClinica message
 * at all gets HTTP 500 with MSA AR.
 */
final class InfoClinicaProtocol {

    /** HTTP status and XML body; {@code request} null when the body was no InfoClinica message. */
    record Answer(int status, String xml, InfoClinicaXml.Request request) {
        Answer(int status, String xml) {
            this(status, xml, null);
        }

        Answer of(InfoClinicaXml.Request parsed) {
            return new Answer(status, xml, parsed);
        }
    }

    static final int ERR_BAD_REQUEST = 400;
    static final int ERR_UNKNOWN_MESSAGE = 501;

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** A business refusal scripted for the next answer to a message (control endpoint {@code _control/refuse}). */
    record Scripted(int spResult, String comment, Integer checkCode, String checkLabel, String checkText) {
    }

    private final Schedule schedule;
    private final Clock clock;
    private final java.util.Map<String, java.util.Deque<Scripted>> scripted = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, java.util.Deque<Runnable>> before = new java.util.concurrent.ConcurrentHashMap<>();

    InfoClinicaProtocol(Schedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    Answer answer(byte[] body) {
        InfoClinicaXml.Request request;
        try {
            request = InfoClinicaXml.parse(body);
        } catch (InfoClinicaXml.Malformed e) {
            return new Answer(500, InfoClinicaXml.rejected(clock, e.getMessage()));
        }
        java.util.Deque<Runnable> hooks = before.get(request.message());
        for (Runnable hook = hooks == null ? null : hooks.pollFirst(); hook != null; hook = hooks.pollFirst()) {
            hook.run();
        }
        java.util.Deque<Scripted> queue = scripted.get(request.message());
        Scripted next = queue == null ? null : queue.pollFirst();
        if (next != null) {
            // Answered as the real server refuses: HTTP 200, MSA AA, the result in SPRESULT/SPCOMMENT/CHECKDATA.
            return new Answer(200, InfoClinicaXml.ok(clock, request, InfoClinicaXml.result(next.spResult(),
                    next.comment(), next.checkCode(), next.checkLabel(), next.checkText())), request);
        }
        try {
            Answer answer = switch (request.message()) {
                case "SCHEDULE_INFO" -> scheduleInfo(request);
                case "SCHEDULE" -> schedule(request);
                case "SCHEDULE_REC_RESERVE" -> reserve(request);
                case "SCHEDULE_REC_REMOVE" -> remove(request);
                default -> new Answer(200, InfoClinicaXml.error(clock, request, ERR_UNKNOWN_MESSAGE,
                        "Неизвестный тип сообщения " + request.message()));
            };
            return answer.of(request);
        } catch (InfoClinicaXml.BadRequest | NumberFormatException | DateTimeException e) {
            return new Answer(200, InfoClinicaXml.error(clock, request, ERR_BAD_REQUEST,
                    "Неверные параметры запроса: " + e.getMessage()), request);
        }
    }

    /** The next answer to {@code message} (e.g. SCHEDULE_REC_REMOVE) will be this refusal instead of the real one. */
    void script(String message, Scripted refusal) {
        scripted.computeIfAbsent(message, m -> new java.util.concurrent.ConcurrentLinkedDeque<>()).addLast(refusal);
    }

    /**
     * Runs {@code change} when the next {@code message} arrives, before it is answered: the clinic's state changing
     * between what the platform read and what it asks next (another patient taking an offered slot).
     */
    void before(String message, Runnable change) {
        before.computeIfAbsent(message, m -> new java.util.concurrent.ConcurrentLinkedDeque<>()).addLast(change);
    }

    void clearScripts() {
        before.clear();
        scripted.clear();
    }

    /** SCHED_INFO by SCHEDID (any filial); unknown: SPRESULT -2 "Запись пациента не найдена", no SCHED_INFO. */
    private Answer scheduleInfo(InfoClinicaXml.Request request) {
        long schedId = Long.parseLong(request.field("SCHEDID"));
        return schedule.appointment(schedId).map(a -> {
            Schedule.Doctor doctor = schedule.doctor(a.dcode()).orElseThrow();
            String info = "<SCHED_INFO>" + element("SCHEDID", a.schedId()) + element("WORKDATE", DATE.format(a.date()))
                    + element("BHOUR", a.start().getHour()) + element("BMIN", a.start().getMinute())
                    + element("FHOUR", a.end().getHour()) + element("FMIN", a.end().getMinute())
                    + element("FILIAL", doctor.filial()) + element("FNAME", Schedule.FILIALS.get(doctor.filial()))
                    + element("DCODE", a.dcode()) + element("DNAME", doctor.name())
                    + element("SCHEDIDENT", Schedule.schedIdent(a.dcode(), a.date())) + element("ONLINETYPE", 0)
                    + (a.pcodeHidden() ? "" : element("PCODE", a.pcode())) + "</SCHED_INFO>";
            return new Answer(200, InfoClinicaXml.ok(clock, request,
                    info + InfoClinicaXml.result(1, "Данные по записи получены", null, null, null)));
        }).orElseGet(() -> new Answer(200, InfoClinicaXml.ok(clock, request,
                InfoClinicaXml.result(-2, "Запись пациента не найдена", null, null, null))));
    }

    /**
     * The nested schedule {@code DEP/DOCT/WRDATE/SCHEDINT/INTERVAL} of the asked doctors of the MSH.99 filial (all
     * filials when MSH.99 is empty), every interval with its FREETYPE (PCODE on booked ones); EXTINTERV and SCHLIST
     * are accepted and do not change the answer. A referral-only doctor: SPRESULT 0 with CHECKCODE 2.
     */
    private Answer schedule(InfoClinicaXml.Request request) {
        List<Integer> dcodes = new ArrayList<>();
        for (String code : request.field("INDOCTLIST").split(",")) {
            if (!code.isBlank()) {
                dcodes.add(Integer.parseInt(code.trim()));
            }
        }
        for (int dcode : dcodes) {
            if (schedule.doctor(dcode).map(Schedule.Doctor::referral).orElse(false)) {
                return new Answer(200, InfoClinicaXml.ok(clock, request, InfoClinicaXml.result(0,
                        "Требуется направление", 2, "Требуется направление",
                        "Запись к врачу возможна только по направлению")));
            }
        }
        LocalDate from = LocalDate.parse(request.field("BDATE"), DATE);
        LocalDate till = LocalDate.parse(request.field("FDATE"), DATE);
        String filial = request.branch();
        StringBuilder out = new StringBuilder();
        Integer openDoctor = null;
        LocalDate openDate = null;
        for (Schedule.Day day : schedule.days(dcodes, from, till)) {
            Schedule.Doctor doctor = day.doctor();
            if (!filial.isEmpty() && !filial.equals(Integer.toString(doctor.filial()))) {
                continue;
            }
            if (openDoctor == null || openDoctor != doctor.dcode()) {
                if (openDoctor != null) {
                    out.append("</WRDATE></DOCT></DEP>");
                }
                out.append("<DEP>").append(element("DEPNUM", 40_000_000 + doctor.dcode() % 1000))
                        .append("<DOCT>").append(element("DCODE", doctor.dcode())).append(element("DNAME", doctor.name()));
                openDoctor = doctor.dcode();
                openDate = null;
            }
            if (openDate != null) {
                out.append("</WRDATE>");
            }
            out.append("<WRDATE>").append(element("WDATE", DATE.format(day.date())));
            openDate = day.date();
            out.append("<SCHEDINT>").append(element("SCHEDIDENT", day.schedIdent()))
                    .append(element("RNUM", "К" + doctor.dcode() % 10));
            for (Schedule.Interval i : day.intervals()) {
                out.append("<INTERVAL>").append(element("BHOUR", i.start().getHour()))
                        .append(element("BMIN", i.start().getMinute())).append(element("FHOUR", i.end().getHour()))
                        .append(element("FMIN", i.end().getMinute())).append(element("FREETYPE", i.freeType()));
                if (i.pcode() != null) {
                    out.append(element("PCODE", i.pcode()));
                }
                out.append("</INTERVAL>");
            }
            out.append("</SCHEDINT>");
        }
        if (openDoctor != null) {
            out.append("</WRDATE></DOCT></DEP>");
        }
        out.append(InfoClinicaXml.result(1, "Данные по расписанию получены", null, null, null));
        return new Answer(200, InfoClinicaXml.ok(clock, request, out.toString()));
    }

    /**
     * A booking answers SCHED_INFO with the new SCHEDID; a move (SCHEDID given) answers only RSCHEDID. Refusals:
     * taken (SPRESULT 0, CHECKCODE 2 "Время занято"), referral (SPRESULT 0, CHECKCODE 2 "Требуется направление"),
     * moved appointment gone (SPRESULT -2), anything else SPRESULT 0 / -99 with the reason.
     */
    private Answer reserve(InfoClinicaXml.Request request) {
        String move = request.optional("SCHEDID");
        String pcode = request.optional("PCODE");
        Schedule.Reservation r = schedule.reserve(pcode == null ? null : Long.parseLong(pcode),
                Integer.parseInt(request.field("DCODE")), LocalDate.parse(request.field("WORKDATE"), DATE),
                Long.parseLong(request.field("SCHEDIDENT")), time(request, "BHOUR", "BMIN"),
                time(request, "FHOUR", "FMIN"), move == null ? null : Long.parseLong(move), request.branch());
        String body;
        if (r.ok() && r.moved()) {
            body = InfoClinicaXml.result(1, r.comment(), 1, "", "") + element("RSCHEDID", r.schedId());
        } else if (r.ok()) {
            Schedule.Appointment a = schedule.appointment(r.schedId()).orElseThrow();
            body = InfoClinicaXml.result(1, r.comment(), 1, "", "") + "<SCHED_INFO>" + element("SCHEDID", a.schedId())
                    + element("WORKDATE", DATE.format(a.date())) + element("BHOUR", a.start().getHour())
                    + element("BMIN", a.start().getMinute()) + element("FHOUR", a.end().getHour())
                    + element("FMIN", a.end().getMinute()) + element("DCODE", a.dcode()) + "</SCHED_INFO>";
        } else {
            body = switch (r.refusal()) {
                case TAKEN -> InfoClinicaXml.result(0, r.comment(), 2, "Время занято", r.comment());
                case REFERRAL -> InfoClinicaXml.result(0, "Требуется направление", 2, "Требуется направление",
                        r.comment());
                case NOT_FOUND -> InfoClinicaXml.result(-2, r.comment(), null, null, null);
                case BAD_INTERVAL -> InfoClinicaXml.result(-99, r.comment(), null, null, null);
                case UNKNOWN_DOCTOR, WRONG_FILIAL -> InfoClinicaXml.result(0, r.comment(), null, null, null);
            };
        }
        return new Answer(200, InfoClinicaXml.ok(clock, request, body));
    }

    /** Removed: SPRESULT 1; unknown (already cancelled): SPRESULT 0 "Запись пациента не найдена" + CHECKDATA. */
    private Answer remove(InfoClinicaXml.Request request) {
        long schedId = Long.parseLong(request.field("SCHEDID"));
        String pcode = request.optional("PCODE");
        boolean removed = schedule.remove(schedId, pcode == null ? null : Long.parseLong(pcode));
        String body = removed
                ? InfoClinicaXml.result(1, "Запись пациента на прием удалена", null, null, null)
                : InfoClinicaXml.result(0, "Запись пациента не найдена", 2, "",
                        "Ваша запись на прием уже отменена, список записей будет обновлен в ближайшее время");
        return new Answer(200, InfoClinicaXml.ok(clock, request, body));
    }

    private static LocalTime time(InfoClinicaXml.Request request, String hour, String minute) {
        int h = Integer.parseInt(request.field(hour));
        int m = Integer.parseInt(request.field(minute));
        return LocalTime.of(h, m);
    }
}
