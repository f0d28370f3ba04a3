package kz.clinicai.shared.infoclinica;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * InfoClinica's XML as real servers speak it. Requests: {@code <WEB_{MSG} xmlns="http://sdsys.ru/">} with an MSH
 * header (MSH.99 = the filial the message is about) and a {@code {MSG}_IN} body. Answers: {@code <ACK>} with
 * {@code MSA/MSA.1} (AA accepted; otherwise an HL7 error whose text is {@code ERR/ERR.3/CWE.2}) and a
 * {@code {MSG}_OUT} body that carries SPRESULT/SPCOMMENT/CHECKDATA (see {@link BusinessResult}). Elements are read
 * by local name (the namespace may be default or prefixed) and unknown elements are ignored. Answers are parsed
 * from bytes so a declared encoding or a BOM is honoured; DOCTYPEs and external entities are refused.
 */
public final class InfoClinicaXml {
    public static final String NAMESPACE = "http://sdsys.ru/";
    static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    /** What public clients send: the schedule in 30-minute intervals, no schedule list filter. */
    static final String EXTINTERV = "30";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private InfoClinicaXml() {
    }

    /**
     * The request envelope for message {@code msg} (e.g. SCHEDULE_INFO) with the given body fields, in order; a
     * field whose value is "" is sent as an empty element ({@code <SCHLIST/>}).
     */
    public static String request(String msg, String filial, String messageId, LocalDateTime timestamp,
                                 Map<String, String> fields) {
        StringBuilder xml = new StringBuilder(512)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<WEB_").append(msg).append(" xmlns=\"").append(NAMESPACE).append("\">\n")
                .append("  <MSH>\n")
                .append("    <MSH.7><TS.1>").append(TIMESTAMP.format(timestamp)).append("</TS.1></MSH.7>\n")
                .append("    <MSH.9><MSG.1>WEB</MSG.1><MSG.2>").append(msg).append("</MSG.2></MSH.9>\n")
                .append("    <MSH.10>").append(escape(messageId)).append("</MSH.10>\n")
                .append("    <MSH.18>UTF-8</MSH.18>\n");
        if (filial != null && !filial.isBlank()) {
            xml.append("    <MSH.99>").append(escape(filial)).append("</MSH.99>\n");
        }
        xml.append("  </MSH>\n  <").append(msg).append("_IN>\n");
        fields.forEach((name, value) -> {
            if (value.isEmpty()) {
                xml.append("    <").append(name).append("/>\n");
            } else {
                xml.append("    <").append(name).append('>').append(escape(value)).append("</").append(name)
                        .append(">\n");
            }
        });
        return xml.append("  </").append(msg).append("_IN>\n</WEB_").append(msg).append(">\n").toString();
    }

    static Map<String, String> scheduleInfoFields(long schedId) {
        return Map.of("SCHEDID", Long.toString(schedId));
    }

    static Map<String, String> scheduleFields(long doctorCode, LocalDate from, LocalDate till) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("INDOCTLIST", Long.toString(doctorCode));
        fields.put("BDATE", DATE.format(from));
        fields.put("FDATE", DATE.format(till));
        fields.put("EXTINTERV", EXTINTERV);
        fields.put("SCHLIST", "");
        return fields;
    }

    static Map<String, String> reserveFields(ReserveRequest request, int onlineType) {
        Slot slot = request.slot();
        Map<String, String> fields = new LinkedHashMap<>();
        if (request.patientCode() != null) {
            fields.put("PCODE", Long.toString(request.patientCode()));
        }
        fields.put("DCODE", Long.toString(request.doctorCode()));
        fields.put("WORKDATE", DATE.format(slot.date()));
        fields.put("SCHEDIDENT", Long.toString(slot.schedIdent()));
        fields.put("BHOUR", Integer.toString(slot.start().getHour()));
        fields.put("BMIN", Integer.toString(slot.start().getMinute()));
        fields.put("FHOUR", Integer.toString(slot.end().getHour()));
        fields.put("FMIN", Integer.toString(slot.end().getMinute()));
        fields.put("ONLINETYPE", Integer.toString(onlineType));
        if (request.moveSchedId() != null) {
            fields.put("SCHEDID", Long.toString(request.moveSchedId()));
        }
        return fields;
    }

    static Map<String, String> removeFields(long schedId, Long patientCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("SCHEDID", Long.toString(schedId));
        if (patientCode != null) {
            fields.put("PCODE", Long.toString(patientCode));
        }
        return fields;
    }

    /**
     * SCHED_INFO of a WEB_SCHEDULE_INFO answer. An unknown SCHEDID comes back as SPRESULT -2/0 "не найдена", as an
     * answer without SCHED_INFO, or as an HL7 error saying so; all mean the appointment does not exist (cancelled,
     * or never was), which ACS hears as 404, not as a system failure. PCODE may be absent.
     */
    public static Appointment parseAppointment(byte[] xml, long schedId) {
        Element out;
        try {
            out = accepted(parse(xml));
        } catch (InfoClinicaRejectedException e) {
            if (!(e instanceof UnknownMedElementException) && e.getMessage().toLowerCase(Locale.ROOT).contains("не найден")) {
                throw new AppointmentNotFoundException(schedId);
            }
            throw e;
        }
        Optional<Element> found = first(out, "SCHED_INFO");
        BusinessResult result = result(out);
        if (found.isEmpty() || (result.spResult() != null && result.verdict() != BusinessResult.Verdict.OK)) {
            switch (result.verdict()) {
                case OK, NOT_FOUND -> throw new AppointmentNotFoundException(schedId);
                case RESTRICTED -> throw new UnknownMedElementException(result.message());
                default -> throw new InfoClinicaRefusedException(result.message());
            }
        }
        Element info = found.get();
        LocalTime start = time(required(info, "BHOUR"), required(info, "BMIN"));
        Optional<String> fhour = text(info, "FHOUR");
        Optional<String> fmin = text(info, "FMIN");
        LocalTime end = fhour.isPresent() && fmin.isPresent() ? time(fhour.get(), fmin.get()) : start.plusMinutes(30);
        long doctor = number(text(info, "DCODE").orElseThrow(
                () -> new UnknownMedElementException("SCHED_INFO of " + schedId + " names no doctor (DCODE)")));
        return new Appointment(text(info, "SCHEDID").map(InfoClinicaXml::number).orElse(schedId),
                date(required(info, "WORKDATE")), start, end, doctor,
                text(info, "PCODE").map(InfoClinicaXml::number).orElse(null),
                text(info, "FILIAL").orElse(null), text(info, "DNAME").orElse(""), text(info, "FNAME").orElse(null));
    }

    /**
     * Every INTERVAL of a WEB_SCHEDULE answer ({@code SCHEDULE_OUT/DEP/DOCT(DCODE)/WRDATE(WDATE)/SCHEDINT(SCHEDIDENT)/
     * INTERVAL}), each with its own doctor and date, by date and start. A refused read (SPRESULT other than 1) is
     * not "no free time": it throws; a restriction (CHECKCODE 2) throws {@link UnknownMedElementException}.
     */
    public static List<Interval> parseSchedule(byte[] xml) {
        Element out = accepted(parse(xml));
        BusinessResult result = result(out);
        if (result.spResult() != null) {
            switch (result.verdict()) {
                case OK -> {
                    if (result.restricted()) {
                        throw new UnknownMedElementException(result.message());
                    }
                }
                case RESTRICTED -> throw new UnknownMedElementException(result.message());
                default -> throw new InfoClinicaRefusedException(result.message());
            }
        }
        List<Interval> intervals = new ArrayList<>();
        for (Element doctor : all(out, "DOCT")) {
            long dcode = number(childText(doctor, "DCODE").orElseThrow(
                    () -> new InfoClinicaProtocolException("DOCT without DCODE in SCHEDULE_OUT")));
            for (Element day : children(doctor, "WRDATE")) {
                LocalDate date = date(childText(day, "WDATE").orElseThrow(
                        () -> new InfoClinicaProtocolException("WRDATE without WDATE in SCHEDULE_OUT")));
                for (Element schedule : children(day, "SCHEDINT")) {
                    long schedIdent = number(childText(schedule, "SCHEDIDENT").orElseThrow(
                            () -> new InfoClinicaProtocolException("SCHEDINT without SCHEDIDENT in SCHEDULE_OUT")));
                    for (Element interval : children(schedule, "INTERVAL")) {
                        int freeType = (int) number(childText(interval, "FREETYPE").orElse("0"));
                        Slot slot = new Slot(date,
                                time(required(interval, "BHOUR"), required(interval, "BMIN")),
                                time(required(interval, "FHOUR"), required(interval, "FMIN")), schedIdent, dcode);
                        intervals.add(new Interval(slot, freeType,
                                childText(interval, "PCODE").map(InfoClinicaXml::number).orElse(null)));
                    }
                }
            }
        }
        intervals.sort(Comparator.comparing((Interval i) -> i.slot().date()).thenComparing(i -> i.slot().start()));
        return List.copyOf(intervals);
    }

    /**
     * A WEB_SCHEDULE_REC_RESERVE answer: booked (the new id from SCHED_INFO/SCHEDID or RSCHEDID) or taken; an
     * appointment to move that is gone, a restriction and any other refusal throw.
     */
    public static Reservation parseReservation(byte[] xml) {
        Element out = accepted(parse(xml));
        BusinessResult result = result(out);
        if (result.spResult() == null) {
            throw new InfoClinicaProtocolException("SCHEDULE_REC_RESERVE answer lacks SPRESULT");
        }
        return switch (result.verdict()) {
            case OK -> new Reservation(true, Optional.ofNullable(result.comment()).orElse(""),
                    first(out, "SCHED_INFO").flatMap(info -> childText(info, "SCHEDID"))
                            .or(() -> text(out, "RSCHEDID")).map(InfoClinicaXml::number).orElse(null));
            case TAKEN -> new Reservation(false, result.message(), null);
            case NOT_FOUND -> throw new AppointmentNotFoundException(-1, result.message());
            case RESTRICTED -> throw new UnknownMedElementException(result.message());
            case REFUSED -> throw new InfoClinicaRefusedException(result.message());
        };
    }

    /** A WEB_SCHEDULE_REC_REMOVE answer; "not found" means the appointment is already cancelled. */
    public static Removal parseRemoval(byte[] xml) {
        Element out = accepted(parse(xml));
        BusinessResult result = result(out);
        if (result.spResult() == null) {
            throw new InfoClinicaProtocolException("SCHEDULE_REC_REMOVE answer lacks SPRESULT");
        }
        return switch (result.verdict()) {
            case OK -> new Removal(Removal.Kind.REMOVED, Optional.ofNullable(result.comment()).orElse(""));
            case NOT_FOUND -> new Removal(Removal.Kind.ALREADY_CANCELLED, result.message());
            default -> new Removal(Removal.Kind.REFUSED, result.message());
        };
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new InfoClinicaProtocolException("InfoClinica answered with unreadable XML: " + e.getMessage(), e);
        }
    }

    static Document parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code {MSG}_OUT} element of an accepted answer (the root when there is none). An HL7 failure — MSA.1
     * other than AA/CA, or an ERR segment with text — throws with the server's text (ERR/ERR.3/CWE.2).
     */
    private static Element accepted(Document doc) {
        Element root = doc.getDocumentElement();
        Optional<String> ack = text(root, "MSA.1");
        Optional<String> err = first(root, "ERR").flatMap(e -> text(e, "CWE.2").or(() -> text(e, "ERR.2"))
                .or(() -> Optional.of(e.getTextContent().trim()))).filter(s -> !s.isEmpty());
        boolean failed = ack.map(a -> !a.equalsIgnoreCase("AA") && !a.equalsIgnoreCase("CA")).orElse(false);
        if (failed || err.isPresent()) {
            String message = err.or(() -> text(root, "MSA.3"))
                    .orElse("InfoClinica rejected the request (" + ack.orElse("ERR") + ")");
            if (BusinessResult.looksLikeUnknownDoctor(message.toLowerCase(Locale.ROOT))) {
                throw new UnknownMedElementException(message);
            }
            throw new InfoClinicaRejectedException(message);
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name(e).endsWith("_OUT")) {
                return e;
            }
        }
        return root;
    }

    private static BusinessResult result(Element out) {
        Optional<Element> check = first(out, "CHECKDATA");
        return new BusinessResult(
                childText(out, "SPRESULT").map(s -> (int) number(s)).orElse(null),
                childText(out, "SPCOMMENT").orElse(null),
                check.flatMap(c -> text(c, "CHECKCODE")).map(s -> (int) number(s)).orElse(null),
                check.flatMap(c -> text(c, "CHECKLABEL")).orElse(null),
                check.flatMap(c -> text(c, "CHECKTEXT")).orElse(null));
    }

    private static String name(Element e) {
        return e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
    }

    private static Optional<Element> first(Element scope, String localName) {
        NodeList nodes = scope.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
    }

    private static List<Element> all(Element scope, String localName) {
        NodeList nodes = scope.getElementsByTagNameNS("*", localName);
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name(e).equals(localName)) {
                list.add(e);
            }
        }
        return list;
    }

    private static Optional<String> childText(Element parent, String localName) {
        return children(parent, localName).stream().findFirst().map(e -> e.getTextContent().trim())
                .filter(s -> !s.isEmpty());
    }

    private static Optional<String> text(Element scope, String localName) {
        return first(scope, localName).map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty());
    }

    private static String required(Element scope, String localName) {
        return text(scope, localName).orElseThrow(() -> new InfoClinicaProtocolException(
                "InfoClinica answer lacks " + localName + " in " + scope.getLocalName()));
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InfoClinicaProtocolException("Not a number in InfoClinica answer: " + value, e);
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.trim().substring(0, Math.min(8, value.trim().length())), DATE);
        } catch (DateTimeParseException e) {
            throw new InfoClinicaProtocolException("Not a YYYYMMDD date in InfoClinica answer: " + value, e);
        }
    }

    private static LocalTime time(String hour, String minute) {
        int h = (int) number(hour);
        int m = (int) number(minute);
        // InfoClinica ends a day's last interval at 24:00.
        if (h == 24 && m == 0) {
            return LocalTime.MAX.withSecond(0).withNano(0);
        }
        try {
            return LocalTime.of(h, m);
        } catch (java.time.DateTimeException e) {
            throw new InfoClinicaProtocolException("Not a time in InfoClinica answer: " + hour + ":" + minute, e);
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
