package kz.clinicai.local.sandbox.infoclinica;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * InfoClinica's XML envelope as real servers use it. Requests: {@code <WEB_{MSG} xmlns="http://sdsys.ru/">} with an
 * HL7-like {@code MSH} (MSH.7/TS.1 timestamp, MSH.9/MSG.1=WEB, MSH.9/MSG.2={MSG}, MSH.10 message id, MSH.18 charset,
 * MSH.99 filial) and a flat {@code {MSG}_IN} body. Answers: {@code <ACK xmlns="http://sdsys.ru/">} with an MSH, an
 * {@code MSA} acknowledgement (MSA.1 = AA accepted, AE error, AR rejected; MSA.2 = the request's message id) and,
 * when accepted, a {@code {MSG}_OUT} body whose business result is SPRESULT/SPCOMMENT (+ CHECKDATA); HL7 errors
 * carry their code and text in {@code ERR/ERR.3/CWE.1} and {@code CWE.2}.
 */
final class InfoClinicaXml {

    static final String NS = "http://sdsys.ru/";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** A parsed request: message name without the WEB_ prefix, header fields and the flat body fields. */
    record Request(String message, String messageId, String branch, Map<String, String> fields) {
        String field(String name) {
            String value = fields.get(name);
            if (value == null || value.isBlank()) {
                throw new BadRequest("missing " + name + " in " + message + "_IN");
            }
            return value.trim();
        }

        String optional(String name) {
            String value = fields.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /** A request that is well-formed XML but not a valid message (missing or unparsable fields). */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** Not XML, or not an InfoClinica envelope. */
    static final class Malformed extends Exception {
        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private InfoClinicaXml() {
    }

    static Request parse(byte[] body) throws Malformed {
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new Malformed("not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        String rootName = root.getLocalName() == null ? root.getNodeName() : root.getLocalName();
        if (!rootName.startsWith("WEB_")) {
            throw new Malformed("root element " + rootName + " is not a WEB_ message", null);
        }
        Element msh = child(root, "MSH");
        String declared = msh == null ? null : text(descendant(msh, "MSG.2"));
        String message = declared == null || declared.isBlank() ? rootName.substring(4) : declared.trim();
        String messageId = msh == null ? "" : orEmpty(text(child(msh, "MSH.10")));
        String branch = msh == null ? "" : orEmpty(text(child(msh, "MSH.99")));
        Map<String, String> fields = new LinkedHashMap<>();
        Element in = child(root, message + "_IN");
        if (in != null) {
            for (Node n = in.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    fields.put(name(e), e.getTextContent());
                }
            }
        }
        return new Request(message, messageId, branch, fields);
    }

    /** An accepted answer whose {@code {MSG}_OUT} body holds {@code bodyXml} (already escaped elements). */
    static String ok(Clock clock, Request request, String bodyXml) {
        return envelope(clock, request.message(), request.messageId(), request.branch(), "AA",
                "<" + request.message() + "_OUT>" + bodyXml + "</" + request.message() + "_OUT>");
    }

    /** SPRESULT + SPCOMMENT, with CHECKDATA when {@code checkCode} is not null. */
    static String result(int spResult, String comment, Integer checkCode, String checkLabel, String checkText) {
        String check = checkCode == null ? "" : "<CHECKDATA>" + element("CHECKCODE", checkCode)
                + element("CHECKLABEL", checkLabel == null ? "" : checkLabel)
                + element("CHECKTEXT", checkText == null ? "" : checkText) + "</CHECKDATA>";
        return check + element("SPRESULT", spResult) + element("SPCOMMENT", comment);
    }

    /** An application error (unknown SCHEDID, missing field): MSA.1 = AE with ERR. */
    static String error(Clock clock, Request request, int code, String text) {
        return envelope(clock, request.message(), request.messageId(), request.branch(), "AE", err(code, text));
    }

    /** The answer to a body that could not be read as a message at all: MSA.1 = AR. */
    static String rejected(Clock clock, String text) {
        return envelope(clock, "ERROR", "", "", "AR", err(1, text));
    }

    static String element(String name, Object value) {
        return "<" + name + ">" + escape(String.valueOf(value)) + "</" + name + ">";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String err(int code, String text) {
        return "<ERR><ERR.3>" + element("CWE.1", code) + element("CWE.2", text) + "</ERR.3></ERR>";
    }

    private static String envelope(Clock clock, String message, String messageId, String branch, String ack, String content) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ACK xmlns=\"" + NS + "\">"
                + "<MSH><MSH.7>" + element("TS.1", TS.format(LocalDateTime.now(clock.withZone(Schedule.ZONE)))) + "</MSH.7>"
                + "<MSH.9>" + element("MSG.1", "ACK") + element("MSG.2", message) + "</MSH.9>"
                + element("MSH.10", messageId) + element("MSH.18", "UTF-8") + element("MSH.99", branch) + "</MSH>"
                + "<MSA>" + element("MSA.1", ack) + element("MSA.2", messageId) + "</MSA>"
                + content + "</ACK>";
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // Requests come from the network: no DTDs, no external entities.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser unavailable", e);
        }
    }

    private static String name(Element e) {
        return e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name(e).equals(localName)) {
                return e;
            }
        }
        return null;
    }

    private static Element descendant(Element parent, String localName) {
        NodeList all = parent.getElementsByTagNameNS("*", localName);
        return all.getLength() == 0 ? null : (Element) all.item(0);
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
