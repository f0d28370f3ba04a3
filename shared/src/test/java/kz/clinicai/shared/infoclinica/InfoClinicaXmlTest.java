package kz.clinicai.shared.infoclinica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The codec against answers shaped as real InfoClinica servers give them (ACK envelope, SPRESULT/SPCOMMENT/CHECKDATA,
 * the nested schedule; texts as public clients' tests of real servers quote them).
 */
class InfoClinicaXmlTest {
    static final LocalDate DAY = LocalDate.of(2025, 1, 30);

    static String text(Document doc, String name) {
        return doc.getElementsByTagNameNS(InfoClinicaXml.NAMESPACE, name).item(0).getTextContent();
    }

    static byte[] ack(String msg, String body) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ACK xmlns=\"http://sdsys.ru/\"><MSH><MSH.9><MSG.1>WEB</MSG.1>"
                + "<MSG.2>" + msg + "</MSG.2></MSH.9><MSH.10>m1</MSH.10></MSH><MSA><MSA.1>AA</MSA.1><MSA.2>m1</MSA.2></MSA>"
                + "<" + msg + "_OUT>" + body + "</" + msg + "_OUT></ACK>").getBytes(StandardCharsets.UTF_8);
    }

    static final String SCHED_INFO = "<SCHED_INFO><SCHEDID>123456</SCHEDID><WORKDATE>20250131</WORKDATE><BHOUR>15</BHOUR>"
            + "<BMIN>0</BMIN><FHOUR>15</FHOUR><FMIN>30</FMIN><FILIAL>2</FILIAL><FNAME>Клиника №2</FNAME><DCODE>5</DCODE>"
            + "<DNAME>Иванова Анна Борисовна</DNAME><SCHEDIDENT>4001</SCHEDIDENT><ONLINETYPE>0</ONLINETYPE>%s</SCHED_INFO>";

    @Test
    void reserveRequestCarriesTheFilialTheOnlineTypeAndTheMovedId() {
        Slot slot = new Slot(DAY, LocalTime.of(10, 30), LocalTime.of(11, 0), 4001, 5);
        String xml = InfoClinicaXml.request("SCHEDULE_REC_RESERVE", "2", "m1", LocalDateTime.of(2025, 1, 29, 9, 5, 7),
                InfoClinicaXml.reserveFields(new ReserveRequest(77L, 5, slot, 123456L), 0));

        Document doc = InfoClinicaXml.parse(xml);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("WEB_SCHEDULE_REC_RESERVE");
        assertThat(root.getNamespaceURI()).isEqualTo("http://sdsys.ru/");
        assertThat(text(doc, "TS.1")).isEqualTo("20250129090507");
        assertThat(text(doc, "MSG.1")).isEqualTo("WEB");
        assertThat(text(doc, "MSG.2")).isEqualTo("SCHEDULE_REC_RESERVE");
        assertThat(text(doc, "MSH.10")).isEqualTo("m1");
        assertThat(text(doc, "MSH.18")).isEqualTo("UTF-8");
        assertThat(text(doc, "MSH.99")).isEqualTo("2");
        assertThat(text(doc, "PCODE")).isEqualTo("77");
        assertThat(text(doc, "DCODE")).isEqualTo("5");
        assertThat(text(doc, "WORKDATE")).isEqualTo("20250130");
        assertThat(text(doc, "SCHEDIDENT")).isEqualTo("4001");
        assertThat(text(doc, "BHOUR") + ":" + text(doc, "BMIN") + "-" + text(doc, "FHOUR") + ":" + text(doc, "FMIN"))
                .isEqualTo("10:30-11:0");
        assertThat(text(doc, "ONLINETYPE")).isEqualTo("0");
        assertThat(text(doc, "SCHEDID")).isEqualTo("123456");
    }

    @Test
    void aMoveWithoutAPatientCodeGoesBySchedIdAlone() {
        Slot slot = new Slot(DAY, LocalTime.of(10, 30), LocalTime.of(11, 0), 4001, 5);
        Document doc = InfoClinicaXml.parse(InfoClinicaXml.request("SCHEDULE_REC_RESERVE", "1", "m", LocalDateTime.now(),
                InfoClinicaXml.reserveFields(new ReserveRequest(null, 5, slot, 123456L), 1)));

        assertThat(doc.getElementsByTagNameNS("*", "PCODE").getLength()).isZero();
        assertThat(text(doc, "ONLINETYPE")).isEqualTo("1");
    }

    @Test
    void scheduleRequestIsWhatPublicClientsSend() {
        String xml = InfoClinicaXml.request("SCHEDULE", null, "m2", LocalDateTime.of(2025, 1, 29, 9, 0),
                InfoClinicaXml.scheduleFields(5, DAY, DAY));
        Document doc = InfoClinicaXml.parse(xml);

        assertThat(text(doc, "INDOCTLIST")).isEqualTo("5");
        assertThat(text(doc, "BDATE")).isEqualTo("20250130");
        assertThat(text(doc, "FDATE")).isEqualTo("20250130");
        assertThat(text(doc, "EXTINTERV")).isEqualTo("30");
        assertThat(xml).contains("<SCHLIST/>");
        assertThat(doc.getElementsByTagNameNS("*", "MSH.99").getLength()).isZero();
    }

    @Test
    void parsesAnAppointmentWithItsFilial() {
        byte[] xml = ack("SCHEDULE_INFO", SCHED_INFO.formatted("<PCODE>77</PCODE>")
                + "<SPRESULT>1</SPRESULT><SPCOMMENT>Данные по записи получены</SPCOMMENT>");

        assertThat(InfoClinicaXml.parseAppointment(xml, 123456)).isEqualTo(new Appointment(123456,
                LocalDate.of(2025, 1, 31), LocalTime.of(15, 0), LocalTime.of(15, 30), 5, 77L, "2",
                "Иванова Анна Борисовна", "Клиника №2"));
    }

    @Test
    void aSchedInfoWithoutPcodeIsRead() {
        Appointment a = InfoClinicaXml.parseAppointment(ack("SCHEDULE_INFO", SCHED_INFO.formatted("")), 123456);

        assertThat(a.patientCode()).isNull();
        assertThat(a.doctorCode()).isEqualTo(5);
    }

    @Test
    void aPrefixedNamespaceUnknownElementsAndABomAreTolerated() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:ACK xmlns:s=\"http://sdsys.ru/\">"
                + "<s:MSA><s:MSA.1>AA</s:MSA.1></s:MSA><s:EXTRA><s:X>1</s:X></s:EXTRA><s:SCHEDULE_INFO_OUT>"
                + SCHED_INFO.formatted("<PCODE>77</PCODE><NEWFIELD>?</NEWFIELD>").replace("<", "<s:").replace("<s:/", "</s:")
                + "<s:SPRESULT>1</s:SPRESULT></s:SCHEDULE_INFO_OUT></s:ACK>";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + bytes.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(bytes, 0, withBom, 3, bytes.length);

        assertThat(InfoClinicaXml.parseAppointment(withBom, 123456).doctorName()).isEqualTo("Иванова Анна Борисовна");
    }

    @Test
    void aDeclaredEncodingOtherThanUtf8IsHonoured() {
        String body = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><ACK xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AA"
                + "</MSA.1></MSA><SCHEDULE_INFO_OUT>" + SCHED_INFO.formatted("<PCODE>77</PCODE>")
                + "<SPRESULT>1</SPRESULT></SCHEDULE_INFO_OUT></ACK>";

        Appointment a = InfoClinicaXml.parseAppointment(body.getBytes(Charset.forName("windows-1251")), 123456);

        assertThat(a.doctorName()).isEqualTo("Иванова Анна Борисовна");
        assertThat(a.filialName()).isEqualTo("Клиника №2");
    }

    @Test
    void anUnknownAppointmentInAnyShapeIsNotFoundAndOtherRefusalsStayFailures() {
        byte[] notFound = ack("SCHEDULE_INFO", "<SPRESULT>-2</SPRESULT><SPCOMMENT>Запись пациента не найдена</SPCOMMENT>");
        byte[] empty = ack("SCHEDULE_INFO", "<SPRESULT>1</SPRESULT>");
        byte[] hl7 = ("<ACK xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AE</MSA.1></MSA><ERR><ERR.3><CWE.1>404</CWE.1>"
                + "<CWE.2>Запись с SCHEDID 9 не найдена</CWE.2></ERR.3></ERR></ACK>").getBytes(StandardCharsets.UTF_8);
        byte[] denied = ("<ACK xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AE</MSA.1></MSA><ERR><ERR.3><CWE.1>403</CWE.1>"
                + "<CWE.2>Нет доступа к филиалу</CWE.2></ERR.3></ERR></ACK>").getBytes(StandardCharsets.UTF_8);
        byte[] refused = ack("SCHEDULE_INFO", "<SPRESULT>-99</SPRESULT><SPCOMMENT>Неверный формат запроса</SPCOMMENT>");

        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(notFound, 9)).isInstanceOf(AppointmentNotFoundException.class);
        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(empty, 9)).isInstanceOf(AppointmentNotFoundException.class);
        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(hl7, 9)).isInstanceOf(AppointmentNotFoundException.class);
        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(denied, 9))
                .isExactlyInstanceOf(InfoClinicaRejectedException.class).hasMessage("Нет доступа к филиалу");
        assertThatThrownBy(() -> InfoClinicaXml.parseAppointment(refused, 9))
                .isExactlyInstanceOf(InfoClinicaRefusedException.class).hasMessage("Неверный формат запроса");
    }

    @Test
    void readsANestedMultiDayMultiDoctorScheduleWithItsOwnDatesDoctorsAndFreeTypes() {
        byte[] xml = ack("SCHEDULE", """
                <DEP><DEPNUM>40001402</DEPNUM>
                  <DOCT><DCODE>5</DCODE><DNAME>Иванова</DNAME>
                    <WRDATE><WDATE>20250130</WDATE>
                      <SCHEDINT><SCHEDIDENT>4001</SCHEDIDENT><RNUM>К1</RNUM>
                        <INTERVAL><BHOUR>11</BHOUR><BMIN>0</BMIN><FHOUR>11</FHOUR><FMIN>30</FMIN><FREETYPE>1</FREETYPE></INTERVAL>
                        <INTERVAL><BHOUR>9</BHOUR><BMIN>30</BMIN><FHOUR>10</FHOUR><FMIN>0</FMIN><FREETYPE>1</FREETYPE></INTERVAL>
                        <INTERVAL><BHOUR>10</BHOUR><BMIN>0</BMIN><FHOUR>10</FHOUR><FMIN>30</FMIN><FREETYPE>0</FREETYPE><PCODE>77</PCODE></INTERVAL>
                        <INTERVAL><BHOUR>8</BHOUR><BMIN>0</BMIN><FHOUR>8</FHOUR><FMIN>30</FMIN><FREETYPE>-6</FREETYPE></INTERVAL>
                      </SCHEDINT></WRDATE>
                    <WRDATE><WDATE>20250131</WDATE>
                      <SCHEDINT><SCHEDIDENT>4002</SCHEDIDENT>
                        <INTERVAL><BHOUR>9</BHOUR><BMIN>0</BMIN><FHOUR>9</FHOUR><FMIN>30</FMIN><FREETYPE>1</FREETYPE></INTERVAL>
                      </SCHEDINT></WRDATE></DOCT>
                  <DOCT><DCODE>6</DCODE>
                    <WRDATE><WDATE>20250130</WDATE>
                      <SCHEDINT><SCHEDIDENT>5001</SCHEDIDENT>
                        <INTERVAL><BHOUR>12</BHOUR><BMIN>0</BMIN><FHOUR>12</FHOUR><FMIN>30</FMIN><FREETYPE>4</FREETYPE></INTERVAL>
                      </SCHEDINT></WRDATE></DOCT></DEP>
                <SPRESULT>1</SPRESULT><SPCOMMENT>Данные по расписанию получены</SPCOMMENT>""");

        var intervals = InfoClinicaXml.parseSchedule(xml);

        assertThat(intervals.stream().filter(Interval::free).map(Interval::slot)).containsExactly(
                new Slot(DAY, LocalTime.of(9, 30), LocalTime.of(10, 0), 4001, 5),
                new Slot(DAY, LocalTime.of(11, 0), LocalTime.of(11, 30), 4001, 5),
                new Slot(DAY.plusDays(1), LocalTime.of(9, 0), LocalTime.of(9, 30), 4002, 5));
        assertThat(intervals).hasSize(6);
        assertThat(intervals).filteredOn(i -> i.freeType() == 0).singleElement()
                .satisfies(i -> assertThat(i.patientCode()).isEqualTo(77L));
        assertThat(intervals).filteredOn(i -> i.slot().doctorCode() == 6).singleElement()
                .satisfies(i -> assertThat(i.free()).isFalse());
    }

    @Test
    void aRefusedScheduleReadIsNotNoFreeTimeAndAReferralIsARestriction() {
        byte[] refused = ack("SCHEDULE", "<SPRESULT>0</SPRESULT><SPCOMMENT>Расписание врача недоступно</SPCOMMENT>");
        byte[] referral = ack("SCHEDULE", "<SPRESULT>0</SPRESULT><SPCOMMENT>Требуется направление</SPCOMMENT>"
                + "<CHECKDATA><CHECKCODE>2</CHECKCODE><CHECKLABEL>Требуется направление</CHECKLABEL>"
                + "<CHECKTEXT>Запись к врачу возможна только по направлению</CHECKTEXT></CHECKDATA>");

        assertThatThrownBy(() -> InfoClinicaXml.parseSchedule(refused))
                .isExactlyInstanceOf(InfoClinicaRefusedException.class).hasMessage("Расписание врача недоступно");
        assertThatThrownBy(() -> InfoClinicaXml.parseSchedule(referral))
                .isInstanceOf(UnknownMedElementException.class)
                .hasMessage("Запись к врачу возможна только по направлению");
    }

    @Test
    void reservationAnswers() {
        assertThat(InfoClinicaXml.parseReservation(ack("SCHEDULE_REC_RESERVE", "<SPRESULT>1</SPRESULT>"
                + "<SPCOMMENT>Пациент записан на прием</SPCOMMENT>" + SCHED_INFO.replace("123456", "900001").formatted(""))))
                .isEqualTo(new Reservation(true, "Пациент записан на прием", 900001L));
        assertThat(InfoClinicaXml.parseReservation(ack("SCHEDULE_REC_RESERVE",
                "<SPRESULT>1</SPRESULT><SPCOMMENT>Запись перенесена</SPCOMMENT><RSCHEDID>900002</RSCHEDID>")))
                .as("RSCHEDID-only answer").isEqualTo(new Reservation(true, "Запись перенесена", 900002L));
        assertThat(InfoClinicaXml.parseReservation(ack("SCHEDULE_REC_RESERVE",
                "<SPRESULT>1</SPRESULT><SPCOMMENT>Запись перенесена</SPCOMMENT>")))
                .as("a move that keeps its id").isEqualTo(new Reservation(true, "Запись перенесена", null));
        String taken = "К сожалению, выбранное время было недавно занято. Пожалуйста, выберите другое время.";
        assertThat(InfoClinicaXml.parseReservation(ack("SCHEDULE_REC_RESERVE", "<CHECKDATA><CHECKCODE>2</CHECKCODE>"
                + "<CHECKLABEL>Время занято</CHECKLABEL><CHECKTEXT>" + taken + "</CHECKTEXT></CHECKDATA>"
                + "<SPRESULT>0</SPRESULT><SPCOMMENT>" + taken + "</SPCOMMENT>")))
                .isEqualTo(new Reservation(false, taken, null));
        assertThatThrownBy(() -> InfoClinicaXml.parseReservation(ack("SCHEDULE_REC_RESERVE",
                "<SPRESULT>-2</SPRESULT><SPCOMMENT>Запись пациента не найдена</SPCOMMENT>")))
                .isInstanceOf(AppointmentNotFoundException.class);
        assertThatThrownBy(() -> InfoClinicaXml.parseReservation(ack("SCHEDULE_REC_RESERVE",
                "<SPRESULT>0</SPRESULT><SPCOMMENT>Требуется направление</SPCOMMENT><CHECKDATA><CHECKCODE>2</CHECKCODE>"
                        + "<CHECKLABEL>Требуется направление</CHECKLABEL><CHECKTEXT>Нужно направление терапевта"
                        + "</CHECKTEXT></CHECKDATA>")))
                .isInstanceOf(UnknownMedElementException.class).hasMessage("Нужно направление терапевта");
        assertThatThrownBy(() -> InfoClinicaXml.parseReservation(ack("SCHEDULE_REC_RESERVE",
                "<SPRESULT>-99</SPRESULT><SPCOMMENT>Начало блока не найдено</SPCOMMENT>")))
                .as("-99 is a malformed request, not a missing appointment")
                .isExactlyInstanceOf(InfoClinicaRefusedException.class);
    }

    @Test
    void removalAnswers() {
        assertThat(InfoClinicaXml.parseRemoval(ack("SCHEDULE_REC_REMOVE",
                "<SPRESULT>1</SPRESULT><SPCOMMENT>Запись пациента на прием удалена</SPCOMMENT>")))
                .isEqualTo(new Removal(Removal.Kind.REMOVED, "Запись пациента на прием удалена"));
        assertThat(InfoClinicaXml.parseRemoval(ack("SCHEDULE_REC_REMOVE", "<CHECKDATA><CHECKCODE>2</CHECKCODE>"
                + "<CHECKTEXT>Ваша запись на прием уже отменена, список записей будет обновлен в ближайшее время"
                + "</CHECKTEXT></CHECKDATA><SPRESULT>0</SPRESULT><SPCOMMENT>Запись пациента не найдена</SPCOMMENT>")))
                .satisfies(r -> assertThat(r.kind()).isEqualTo(Removal.Kind.ALREADY_CANCELLED));
        assertThat(InfoClinicaXml.parseRemoval(ack("SCHEDULE_REC_REMOVE",
                "<SPRESULT>0</SPRESULT><SPCOMMENT>Отмена записи менее чем за 2 часа запрещена</SPCOMMENT>")))
                .isEqualTo(new Removal(Removal.Kind.REFUSED, "Отмена записи менее чем за 2 часа запрещена"));
    }

    @Test
    void hl7ErrorsAndGarbage() {
        byte[] unknownDoctor = ("<ACK xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AE</MSA.1></MSA><ERR><ERR.3><CWE.2>"
                + "Медэлемент не найден</CWE.2></ERR.3></ERR></ACK>").getBytes(StandardCharsets.UTF_8);
        byte[] other = ("<ACK xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AR</MSA.1><MSA.3>Нет доступа</MSA.3></MSA></ACK>")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> InfoClinicaXml.parseSchedule(unknownDoctor))
                .isInstanceOf(UnknownMedElementException.class).hasMessage("Медэлемент не найден");
        assertThatThrownBy(() -> InfoClinicaXml.parseSchedule(other))
                .isExactlyInstanceOf(InfoClinicaRejectedException.class).hasMessage("Нет доступа");
        assertThatThrownBy(() -> InfoClinicaXml.parseRemoval("<not-xml".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InfoClinicaProtocolException.class);
    }

    @Test
    void refusesDoctypesAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<ACK xmlns=\"http://sdsys.ru/\"><SPRESULT>&e;</SPRESULT></ACK>";

        assertThatThrownBy(() -> InfoClinicaXml.parseRemoval(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InfoClinicaProtocolException.class);
    }
}
