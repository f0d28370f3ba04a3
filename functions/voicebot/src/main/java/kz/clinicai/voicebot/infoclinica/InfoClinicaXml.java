package kz.clinicai.voicebot.infoclinica;

import java.io.IOException;
import java.io.StringReader;
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
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * InfoClinica's XML: {@code <WEB_{MSG} xmlns="http://sdsys.ru/">} with an MSH header and a {@code {MSG}_IN} body
 * out; answers are read by local element names (InfoClinica's namespace prefixes vary between versions).
 * Parsing refuses DOCTYPEs and external entities: the answers come over the network.
 */
public final class InfoClinicaXml {
    public static final String NAMESPACE = "http://sdsys.ru/";
    static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private InfoClinicaXml() {
    }

    /** The request envelope for message {@code msg} (e.g. SCHEDULE_INFO) with the given body fields, in order. */
    public static String request(String msg, String branchId, String messageId, LocalDateTime timestamp,
                                 Map<String, String> fields) {
        StringBuilder xml = new StringBuilder(512)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<WEB_").append(msg).append(" xmlns=\"").append(NAMESPACE).append("\">\n")
                .append("  <MSH>\n")
                .append("    <MSH.7><TS.1>").append(TIMESTAMP.format(timestamp)).append("</TS.1></MSH.7>\n")
                .append("    <MSH.9><MSG.1>WEB</MSG.1><MSG.2>").append(msg).append("</MSG.2></MSH.9>\n")
                .append("    <MSH.10>").append(escape(messageId)).append("</MSH.10>\n")
                .append("    <MSH.18>UTF-8</MSH.18>\n");
        if (branchId != null && !branchId.isBlank()) {
            xml.append("    <MSH.99>").append(escape(branchId)).append("</MSH.99>\n");
        }
        xml.append("  </MSH>\n  <").append(msg).append("_IN>\n");
        fields.forEach((name, value) -> xml.append("    <").append(name).append('>').append(escape(value))
                .append("</").append(name).append(">\n"));
        return xml.append("  </").append(msg).append("_IN>\n</WEB_").append(msg).append(">\n").toString();
    }

    static Map<String, String> scheduleInfoFields(long schedId) {
        return Map.of("SCHEDID", Long.toString(schedId));
    }

    static Map<String, String> scheduleFields(long doctorCode, LocalDate date) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("INDOCTLIST", Long.toString(doctorCode));
        fields.put("BDATE", DATE.format(date));
        fields.put("FDATE", DATE.format(date));
        fields.put("EXTINTERV", "1");
        fields.put("SCHLIST", "1");
        return fields;
    }

    static Map<String, String> reserveFields(ReserveRequest request) {
        Slot slot = request.slot();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("PCODE", Long.toString(request.patientCode()));
        fields.put("DCODE", Long.toString(request.doctorCode()));
        fields.put("WORKDATE", DATE.format(slot.date()));
        fields.put("SCHEDIDENT", Long.toString(slot.schedIdent()));
        fields.put("BHOUR", Integer.toString(slot.start().getHour()));
        fields.put("BMIN", Integer.toString(slot.start().getMinute()));
        fields.put("FHOUR", Integer.toString(slot.end().getHour()));
        fields.put("FMIN", Integer.toString(slot.end().getMinute()));
        fields.put("ONLINETYPE", "1");
        if (request.moveSchedId() != null) {
            fields.put("SCHEDID", Long.toString(request.moveSchedId()));
        }
        return fields;
    }

    static Map<String, String> removeFields(long schedId, long patientCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("SCHEDID", Long.toString(schedId));
        fields.put("PCODE", Long.toString(patientCode));
        return fields;
    }

    /**
     * SCHED_INFO of a WEB_SCHEDULE_INFO answer. An unknown SCHEDID comes back either as an answer without
     * SCHED_INFO or as an error saying the record was not found (HL7 ERR, as the sandbox answers); both mean the
     * appointment does not exist (cancelled, or never was), which ACS hears as 404, not as a system failure.
     */
    public static Appointment parseAppointment(String xml, long schedId) {
        Document doc = parse(xml);
        try {
            checkErrors(doc);
        } catch (UnknownMedElementException e) {
            throw e;
        } catch (InfoClinicaRejectedException e) {
            if (e.getMessage().toLowerCase(Locale.ROOT).contains("не найден")) {
                throw new AppointmentNotFoundException(schedId);
            }
            throw e;
        }
        Element info = first(doc.getDocumentElement(), "SCHED_INFO")
                .orElseThrow(() -> new AppointmentNotFoundException(schedId));
        LocalDate date = date(required(info, "WORKDATE"));
        LocalTime time = time(required(info, "BHOUR"), required(info, "BMIN"));
        long doctor = number(text(info, "DCODE").orElseThrow(
                () -> new UnknownMedElementException("SCHED_INFO of " + schedId + " names no doctor (DCODE)")));
        long patient = number(required(info, "PCODE"));
        long id = text(info, "SCHEDID").map(InfoClinicaXml::number).orElse(schedId);
        return new Appointment(id, date, time, doctor, patient, text(info, "DNAME").orElse(""),
                text(info, "FNAME").orElse(null));
    }

    /** The free intervals (FREETYPE 1) of a WEB_SCHEDULE answer, by start. */
    public static List<Slot> parseFreeSlots(String xml, long doctorCode, LocalDate date) {
        Document doc = parse(xml);
        checkErrors(doc);
        List<Slot> slots = new ArrayList<>();
        for (Element schedule : all(doc.getDocumentElement(), "SCHEDINT")) {
            long schedIdent = number(required(schedule, "SCHEDIDENT"));
            long doctor = text(schedule, "DCODE").map(InfoClinicaXml::number).orElse(doctorCode);
            LocalDate day = text(schedule, "WORKDATE").map(InfoClinicaXml::date).orElse(date);
            for (Element interval : all(schedule, "INTERVAL")) {
                if (!"1".equals(text(interval, "FREETYPE").orElse(""))) {
                    continue;
                }
                LocalDate intervalDay = text(interval, "WORKDATE").map(InfoClinicaXml::date).orElse(day);
                slots.add(new Slot(intervalDay,
                        time(required(interval, "BHOUR"), required(interval, "BMIN")),
                        time(required(interval, "FHOUR"), required(interval, "FMIN")),
                        schedIdent, doctor));
            }
        }
        slots.sort(Comparator.comparing(Slot::date).thenComparing(Slot::start));
        return List.copyOf(slots);
    }

    /** SPRESULT / SPCOMMENT / SCHEDID of a WEB_SCHEDULE_REC_RESERVE answer. */
    public static Reservation parseReservation(String xml) {
        Document doc = parse(xml);
        checkErrors(doc);
        Element root = doc.getDocumentElement();
        boolean accepted = "1".equals(required(root, "SPRESULT"));
        String comment = text(root, "SPCOMMENT").orElse("");
        Long schedId = text(root, "SCHEDID").map(InfoClinicaXml::number).orElse(null);
        if (!accepted && looksLikeUnknownMedElement(comment)) {
            throw new UnknownMedElementException(comment);
        }
        return new Reservation(accepted, comment, schedId);
    }

    /** SPRESULT of a WEB_SCHEDULE_REC_REMOVE answer. */
    public static boolean parseRemoved(String xml) {
        Document doc = parse(xml);
        checkErrors(doc);
        return "1".equals(required(doc.getDocumentElement(), "SPRESULT"));
    }

    static Document parse(String xml) {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new InfoClinicaProtocolException("InfoClinica answered with unreadable XML: " + e.getMessage(), e);
        }
    }

    /** HL7-style acknowledgement: MSA.1 other than AA (CA) or an ERR segment is an application error. */
    private static void checkErrors(Document doc) {
        Element root = doc.getDocumentElement();
        Optional<String> ack = text(root, "MSA.1");
        // HL7 style puts the code in ERR.1 and the text in ERR.2; older answers have plain text in ERR.
        Optional<String> err = first(root, "ERR").map(e -> text(e, "ERR.2").orElse(e.getTextContent().trim()))
                .filter(s -> !s.isEmpty());
        boolean failed = ack.map(a -> !a.equalsIgnoreCase("AA") && !a.equalsIgnoreCase("CA")).orElse(false);
        if (!failed && err.isEmpty()) {
            return;
        }
        String message = err.or(() -> text(root, "MSA.3")).orElse("InfoClinica rejected the request (" + ack.orElse("ERR") + ")");
        if (looksLikeUnknownMedElement(message)) {
            throw new UnknownMedElementException(message);
        }
        throw new InfoClinicaRejectedException(message);
    }

    private static boolean looksLikeUnknownMedElement(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("медэлемент") || m.contains("мед. элемент") || m.contains("медицинский элемент")
                || m.contains("med_element") || m.contains("medelement") || m.contains("врач не найден");
    }

    private static Optional<Element> first(Element scope, String localName) {
        NodeList nodes = scope.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
    }

    private static List<Element> all(Element scope, String localName) {
        NodeList nodes = scope.getElementsByTagNameNS("*", localName);
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            list.add((Element) node);
        }
        return list;
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
