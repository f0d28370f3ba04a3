package kz.clinicai.voicebot.infoclinica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class InfoClinicaXmlTest {
    static final LocalDate DAY = LocalDate.of(2025, 1, 30);

    static String text(Document doc, String name) {
        return doc.getElementsByTagNameNS(InfoClinicaXml.NAMESPACE, name).item(0).getTextContent();
    }

    @Test
    void reserveRequestRoundTrip() {
        Slot slot = new Slot(DAY, LocalTime.of(10, 30), LocalTime.of(11, 0), 4001, 5);
        String xml = InfoClinicaXml.request("SCHEDULE_REC_RESERVE", "7", "m1", LocalDateTime.of(2025, 1, 29, 9, 5, 7),
                InfoClinicaXml.reserveFields(new ReserveRequest(77, 5, slot, 123456L)));

        Document doc = InfoClinicaXml.parse(xml);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("WEB_SCHEDULE_REC_RESERVE");
        assertThat(root.getNamespaceURI()).isEqualTo("http://sdsys.ru/");
        assertThat(text(doc, "TS.1")).isEqualTo("20250129090507");
        assertThat(text(doc, "MSG.1")).isEqualTo("WEB");
        assertThat(text(doc, "MSG.2")).isEqualTo("SCHEDULE_REC_RESERVE");
        assertThat(text(doc, "MSH.10")).isEqualTo("m1");
        assertThat(text(doc, "MSH.18")).isEqualTo("UTF-8");
        assertThat(text(doc, "MSH.99")).isEqualTo("7");
        Element body = (Element) doc.getElementsByTagNameNS(InfoClinicaXml.NAMESPACE, "SCHEDULE_REC_RESERVE_IN").item(0);
        assertThat(body).isNotNull();
        assertThat(text(doc, "PCODE")).isEqualTo("77");
        assertThat(text(doc, "DCODE")).isEqualTo("5");
        assertThat(text(doc, "WORKDATE")).isEqualTo("20250130");
        assertThat(text(doc, "SCHEDIDENT")).isEqualTo("4001");
        assertThat(text(doc, "BHOUR") + ":" + text(doc, "BMIN") + "-" + text(doc, "FHOUR") + ":" + text(doc, "FMIN"))
                .isEqualTo("10:30-11:0");
        assertThat(text(doc, "SCHEDID")).isEqualTo("123456");
    }

    @Test
    void scheduleRequestAsksForOneDayOfOneDoctor() {
        Document doc = InfoClinicaXml.parse(InfoClinicaXml.request("SCHEDULE", null, "m2", LocalDateTime.of(2025, 1, 29, 9, 0),
                InfoClinicaXml.scheduleFields(5, DAY)));

        assertThat(text(doc, "INDOCTLIST")).isEqualTo("5");
        assertThat(text(doc, "BDATE")).isEqualTo("20250130");
        assertThat(text(doc, "FDATE")).isEqualTo("20250130");
        assertThat(doc.getElementsByTagNameNS("*", "MSH.99").getLength()).isZero();
    }

    @Test
    void parsesAnAppointment() {
        String xml = """
                <WEB_SCHEDULE_INFO xmlns="http://sdsys.ru/"><MSA><MSA.1>AA</MSA.1></MSA><SCHEDULE_INFO_OUT>
                <SCHED_INFO><SCHEDID>123456</SCHEDID><WORKDATE>20250131</WORKDATE><BHOUR>15</BHOUR><BMIN>0</BMIN>
                <DCODE>5</DCODE><PCODE>77</PCODE><DNAME>Иванова Анна Борисовна</DNAME><FNAME>Филиал на Абая</FNAME>
                </SCHED_INFO></SCHEDULE_INFO_OUT></WEB_SCHEDULE_INFO>""";

        assertThat(InfoClinicaXml.parseAppointment(xml, 123456)).isEqualTo(new Appointment(123456,
                LocalDate.of(2025, 1, 31), LocalTime.of(15, 0), 5, 77, "Иванова Анна Борисовна", "Филиал на Абая"));
    }

    @Test
    void noSchedInfoIsAnUnknownAppointment() {
        String xml = "<WEB_SCHEDULE_INFO xmlns=\"http://sdsys.ru/\"><SCHEDULE_INFO_OUT/></WEB_SCHEDULE_INFO>";

        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(xml, 9)).isInstanceOf(AppointmentNotFoundException.class);
    }

    @Test
    void aNotFoundErrorIsAnUnknownAppointmentAndOtherErrorsStayFailures() {
        String notFound = "<WEB_SCHEDULE_INFO_OUT xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AE</MSA.1></MSA>"
                + "<ERR><ERR.1>404</ERR.1><ERR.2>Запись с SCHEDID 9 не найдена</ERR.2></ERR></WEB_SCHEDULE_INFO_OUT>";
        String denied = "<WEB_SCHEDULE_INFO_OUT xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AE</MSA.1></MSA>"
                + "<ERR><ERR.1>403</ERR.1><ERR.2>Нет доступа к филиалу</ERR.2></ERR></WEB_SCHEDULE_INFO_OUT>";

        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(notFound, 9))
                .isInstanceOf(AppointmentNotFoundException.class);
        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(denied, 9))
                .isExactlyInstanceOf(InfoClinicaRejectedException.class).hasMessage("Нет доступа к филиалу");
    }

    @Test
    void parsesOnlyFreeIntervals() {
        String xml = """
                <WEB_SCHEDULE xmlns="http://sdsys.ru/"><SCHEDULE_OUT>
                <SCHEDINT><SCHEDIDENT>4001</SCHEDIDENT><DCODE>5</DCODE><WORKDATE>20250130</WORKDATE>
                  <INTERVAL><BHOUR>11</BHOUR><BMIN>0</BMIN><FHOUR>11</FHOUR><FMIN>30</FMIN><FREETYPE>1</FREETYPE></INTERVAL>
                  <INTERVAL><BHOUR>9</BHOUR><BMIN>30</BMIN><FHOUR>10</FHOUR><FMIN>0</FMIN><FREETYPE>1</FREETYPE></INTERVAL>
                  <INTERVAL><BHOUR>10</BHOUR><BMIN>0</BMIN><FHOUR>10</FHOUR><FMIN>30</FMIN><FREETYPE>0</FREETYPE></INTERVAL>
                </SCHEDINT></SCHEDULE_OUT></WEB_SCHEDULE>""";

        assertThat(InfoClinicaXml.parseFreeSlots(xml, 5, DAY)).containsExactly(
                new Slot(DAY, LocalTime.of(9, 30), LocalTime.of(10, 0), 4001, 5),
                new Slot(DAY, LocalTime.of(11, 0), LocalTime.of(11, 30), 4001, 5));
    }

    @Test
    void parsesReservationResults() {
        assertThat(InfoClinicaXml.parseReservation("""
                <WEB_SCHEDULE_REC_RESERVE xmlns="http://sdsys.ru/"><SCHEDULE_REC_RESERVE_OUT>
                <SPRESULT>1</SPRESULT><SPCOMMENT>OK</SPCOMMENT><SCHEDID>900001</SCHEDID>
                </SCHEDULE_REC_RESERVE_OUT></WEB_SCHEDULE_REC_RESERVE>"""))
                .isEqualTo(new Reservation(true, "OK", 900001L));
        assertThat(InfoClinicaXml.parseReservation("""
                <WEB_SCHEDULE_REC_RESERVE xmlns="http://sdsys.ru/"><SCHEDULE_REC_RESERVE_OUT>
                <SPRESULT>0</SPRESULT><SPCOMMENT>Время занято</SPCOMMENT>
                </SCHEDULE_REC_RESERVE_OUT></WEB_SCHEDULE_REC_RESERVE>"""))
                .isEqualTo(new Reservation(false, "Время занято", null));
        assertThat(InfoClinicaXml.parseRemoved(
                "<WEB_SCHEDULE_REC_REMOVE xmlns=\"http://sdsys.ru/\"><X><SPRESULT>1</SPRESULT></X></WEB_SCHEDULE_REC_REMOVE>"))
                .isTrue();
    }

    @Test
    void mapsErrorsToTypedExceptions() {
        String unknownDoctor = "<WEB_SCHEDULE xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AE</MSA.1></MSA>"
                + "<ERR>Медэлемент не найден</ERR></WEB_SCHEDULE>";
        String other = "<WEB_SCHEDULE xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AR</MSA.1><MSA.3>Нет доступа</MSA.3></MSA>"
                + "</WEB_SCHEDULE>";

        assertThatThrownBy(() -> InfoClinicaXml.parseFreeSlots(unknownDoctor, 5, DAY))
                .isInstanceOf(UnknownMedElementException.class).hasMessage("Медэлемент не найден");
        assertThatThrownBy(() -> InfoClinicaXml.parseFreeSlots(other, 5, DAY))
                .isExactlyInstanceOf(InfoClinicaRejectedException.class).hasMessage("Нет доступа");
        assertThatThrownBy(() -> InfoClinicaXml.parseRemoved("<not-xml"))
                .isInstanceOf(InfoClinicaProtocolException.class);
    }

    @Test
    void refusesDoctypesAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<WEB_SCHEDULE_REC_REMOVE xmlns=\"http://sdsys.ru/\"><SPRESULT>&e;</SPRESULT></WEB_SCHEDULE_REC_REMOVE>";

        assertThatThrownBy(() -> InfoClinicaXml.parseRemoved(xxe)).isInstanceOf(InfoClinicaProtocolException.class);
    }
}
