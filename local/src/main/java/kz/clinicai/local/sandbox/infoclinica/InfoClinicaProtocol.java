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
 * model. Business refusals (slot taken) are SPRESULT 0 with SPCOMMENT; unknown SCHEDIDs and missing fields are
 * MSA AE/ERR answers; a body that is not an InfoClinica message at all gets HTTP 500 with MSA AR.
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

    static final int ERR_NOT_FOUND = 404;
    static final int ERR_BAD_REQUEST = 400;
    static final int ERR_UNKNOWN_MESSAGE = 501;

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Schedule schedule;
    private final Clock clock;

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

    private Answer scheduleInfo(InfoClinicaXml.Request request) {
        long schedId = Long.parseLong(request.field("SCHEDID"));
        return schedule.appointment(schedId).map(a -> {
            Schedule.Doctor doctor = schedule.doctor(a.dcode()).orElseThrow();
            String info = "<SCHED_INFO>" + element("SCHEDID", a.schedId()) + element("WORKDATE", DATE.format(a.date()))
                    + element("BHOUR", a.start().getHour()) + element("BMIN", a.start().getMinute())
                    + element("FHOUR", a.end().getHour()) + element("FMIN", a.end().getMinute())
                    + element("DCODE", a.dcode()) + element("DNAME", doctor.name())
                    + element("FNAME", Schedule.BRANCH) + element("PCODE", a.pcode()) + "</SCHED_INFO>";
            return new Answer(200, InfoClinicaXml.ok(clock, request, info));
        }).orElseGet(() -> new Answer(200, InfoClinicaXml.error(clock, request, ERR_NOT_FOUND,
                "Запись с SCHEDID " + schedId + " не найдена")));
    }

    /** EXTINTERV=1 lists busy intervals too (FREETYPE 0); otherwise only free ones. SCHLIST is accepted, unused. */
    private Answer schedule(InfoClinicaXml.Request request) {
        List<Integer> dcodes = new ArrayList<>();
        for (String code : request.field("INDOCTLIST").split(",")) {
            if (!code.isBlank()) {
                dcodes.add(Integer.parseInt(code.trim()));
            }
        }
        LocalDate from = LocalDate.parse(request.field("BDATE"), DATE);
        LocalDate till = LocalDate.parse(request.field("FDATE"), DATE);
        boolean extended = "1".equals(request.optional("EXTINTERV"));
        StringBuilder out = new StringBuilder();
        for (Schedule.Day day : schedule.days(dcodes, from, till)) {
            out.append("<SCHEDINT>").append(element("SCHEDIDENT", day.schedIdent()))
                    .append(element("DCODE", day.doctor().dcode())).append(element("DNAME", day.doctor().name()))
                    .append(element("WORKDATE", DATE.format(day.date())));
            for (Schedule.Interval i : day.intervals()) {
                if (!extended && !i.free()) {
                    continue;
                }
                out.append("<INTERVAL>").append(element("BHOUR", i.start().getHour()))
                        .append(element("BMIN", i.start().getMinute())).append(element("FHOUR", i.end().getHour()))
                        .append(element("FMIN", i.end().getMinute())).append(element("FREETYPE", i.free() ? 1 : 0))
                        .append("</INTERVAL>");
            }
            out.append("</SCHEDINT>");
        }
        return new Answer(200, InfoClinicaXml.ok(clock, request, out.toString()));
    }

    private Answer reserve(InfoClinicaXml.Request request) {
        String move = request.optional("SCHEDID");
        Schedule.Reservation r = schedule.reserve(Long.parseLong(request.field("PCODE")),
                Integer.parseInt(request.field("DCODE")), LocalDate.parse(request.field("WORKDATE"), DATE),
                Long.parseLong(request.field("SCHEDIDENT")), time(request, "BHOUR", "BMIN"),
                time(request, "FHOUR", "FMIN"), move == null ? null : Long.parseLong(move));
        String body = element("SPRESULT", r.ok() ? 1 : 0) + element("SPCOMMENT", r.comment())
                + (r.ok() ? element("SCHEDID", r.schedId()) : "");
        return new Answer(200, InfoClinicaXml.ok(clock, request, body));
    }

    private Answer remove(InfoClinicaXml.Request request) {
        long schedId = Long.parseLong(request.field("SCHEDID"));
        boolean removed = schedule.remove(schedId, Long.parseLong(request.field("PCODE")));
        String body = element("SPRESULT", removed ? 1 : 0)
                + element("SPCOMMENT", removed ? "" : "Запись " + schedId + " пациента не найдена");
        return new Answer(200, InfoClinicaXml.ok(clock, request, body));
    }

    private static LocalTime time(InfoClinicaXml.Request request, String hour, String minute) {
        int h = Integer.parseInt(request.field(hour));
        int m = Integer.parseInt(request.field(minute));
        return LocalTime.of(h, m);
    }
}
