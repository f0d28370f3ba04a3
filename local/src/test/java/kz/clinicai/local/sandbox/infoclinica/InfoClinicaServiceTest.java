package kz.clinicai.local.sandbox.infoclinica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.sandbox.Faults;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.local.sandbox.tls.SandboxPki;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfoClinicaServiceTest {

    // Monday 2026-11-23 11:00 in Almaty: the first working day after it is Tuesday 2026-11-24.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneOffset.UTC);

    private static Sandbox sandbox;
    private static HttpClient client;
    private static String baseUrl;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(0, List.of(new InfoClinicaService(CLOCK)));
        Map<String, String> s = sandbox.settings();
        baseUrl = s.get("infoclinica.baseUrl");
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(SandboxPki.contextFromPem(Path.of(s.get("infoclinica.clientCertPem")),
                        Path.of(s.get("infoclinica.clientKeyPem")), Path.of(s.get("infoclinica.caCertPem"))))
                .build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void settingsPointAtHttpsAndPemFiles() {
        Map<String, String> s = sandbox.settings();
        assertThat(s.get("infoclinica.baseUrl")).matches("https://127\\.0\\.0\\.1:\\d+/");
        assertThat(Path.of(s.get("infoclinica.clientKeyPem"))).content().startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Path.of(s.get("infoclinica.clientCertPem"))).content().startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void scheduleInfoOfAKnownAppointment() throws Exception {
        HttpResponse<String> r = post(message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        String xml = r.body();
        assertThat(xml).contains("<ACK xmlns=\"http://sdsys.ru/\">", "<MSA.1>AA</MSA.1>",
                "<MSH.10>msg-1</MSH.10>", "<MSH.99>1</MSH.99>", "<SCHEDULE_INFO_OUT><SCHED_INFO>");
        assertThat(value(xml, "SPRESULT")).isEqualTo("1");
        assertThat(value(xml, "FILIAL")).isEqualTo("1");
        assertThat(value(xml, "SCHEDIDENT")).isNotBlank();
        assertThat(value(xml, "WORKDATE")).isEqualTo("20261124");
        assertThat(value(xml, "BHOUR")).isEqualTo("10");
        assertThat(value(xml, "BMIN")).isEqualTo("30");
        assertThat(value(xml, "DCODE")).isEqualTo("1001");
        assertThat(value(xml, "DNAME")).isEqualTo("Иванова Анна Петровна");
        assertThat(value(xml, "PCODE")).isEqualTo("777");
    }

    @Test
    void unknownSchedIdIsABusinessRefusalNotAnHl7Error() throws Exception {
        String xml = post(message("SCHEDULE_INFO", "<SCHEDID>999</SCHEDID>")).body();
        assertThat(xml).contains("<MSA.1>AA</MSA.1>").doesNotContain("SCHED_INFO", "<ERR>");
        assertThat(value(xml, "SPRESULT")).isEqualTo("-2");
        assertThat(value(xml, "SPCOMMENT")).isEqualTo("Запись пациента не найдена");
    }

    @Test
    void anAppointmentOfTheSecondFilialWithoutPcodeInSchedInfo() throws Exception {
        String info = post(message("SCHEDULE_INFO", "<SCHEDID>123458</SCHEDID>")).body();
        assertThat(value(info, "FILIAL")).isEqualTo("2");
        assertThat(info).doesNotContain("<PCODE>");
        // Its own interval in the schedule of filial 2 names the patient.
        String day = post(message("SCHEDULE", "<INDOCTLIST>1003</INDOCTLIST><BDATE>20261124</BDATE>"
                + "<FDATE>20261124</FDATE><EXTINTERV>30</EXTINTERV><SCHLIST/>", "2")).body();
        assertThat(day).contains("<BHOUR>11</BHOUR><BMIN>0</BMIN><FHOUR>11</FHOUR><FMIN>30</FMIN>"
                + "<FREETYPE>0</FREETYPE><PCODE>779</PCODE>");
        assertThat(post(message("SCHEDULE", "<INDOCTLIST>1003</INDOCTLIST><BDATE>20261124</BDATE>"
                + "<FDATE>20261124</FDATE>", "1")).body()).as("filial 1 has no such doctor").doesNotContain("<DOCT>");
        String wrongFilial = post(message("SCHEDULE_REC_RESERVE", "<DCODE>1003</DCODE><WORKDATE>20261124</WORKDATE>"
                + "<SCHEDIDENT>" + Schedule.schedIdent(1003, java.time.LocalDate.of(2026, 11, 24)) + "</SCHEDIDENT>"
                + "<BHOUR>9</BHOUR><BMIN>0</BMIN><FHOUR>9</FHOUR><FMIN>30</FMIN><ONLINETYPE>0</ONLINETYPE>"
                + "<SCHEDID>123458</SCHEDID>", "1")).body();
        assertThat(value(wrongFilial, "SPRESULT")).isEqualTo("0");
    }

    @Test
    void aReferralOnlyDoctorIsARestrictionOnScheduleAndReserve() throws Exception {
        String day = post(message("SCHEDULE", "<INDOCTLIST>1004</INDOCTLIST><BDATE>20261124</BDATE>"
                + "<FDATE>20261124</FDATE>")).body();
        assertThat(value(day, "SPRESULT")).isEqualTo("0");
        assertThat(value(day, "CHECKCODE")).isEqualTo("2");
        assertThat(value(day, "CHECKTEXT")).isEqualTo("Запись к врачу возможна только по направлению");
        assertThat(day).doesNotContain("<INTERVAL>");
    }

    @Test
    void malformedXmlIsRejectedWith500() throws Exception {
        HttpResponse<String> r = post("<WEB_SCHEDULE_INFO xmlns=\"http://sdsys.ru/\"><MSH>");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("<MSA.1>AR</MSA.1>", "<ERR><ERR.3><CWE.1>", "<CWE.2>");
    }

    @Test
    void withoutClientCertificateTheHandshakeFails() throws Exception {
        HttpClient anonymous = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(SandboxPki.trustOnly(Path.of(sandbox.settings().get("infoclinica.caCertPem")))).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(
                        message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>"))).build();
        assertThatThrownBy(() -> anonymous.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void scheduleIsNestedAndListsEveryIntervalWithItsFreeType() throws Exception {
        String xml = post(message("SCHEDULE", "<INDOCTLIST>1001,1002</INDOCTLIST><BDATE>20261124</BDATE>"
                + "<FDATE>20261125</FDATE><EXTINTERV>30</EXTINTERV><SCHLIST/>")).body();
        assertThat(count(xml, "<DEP>")).isEqualTo(2);
        assertThat(count(xml, "<DOCT>")).isEqualTo(2);
        assertThat(count(xml, "<WRDATE>")).isEqualTo(4);
        assertThat(count(xml, "<SCHEDINT>")).isEqualTo(4);
        assertThat(count(xml, "<INTERVAL>")).isEqualTo(4 * 18);
        assertThat(xml).contains("<WDATE>20261124</WDATE>", "<FREETYPE>-6</FREETYPE>",
                "<INTERVAL><BHOUR>10</BHOUR><BMIN>30</BMIN><FHOUR>11</FHOUR><FMIN>0</FMIN>"
                        + "<FREETYPE>0</FREETYPE><PCODE>777</PCODE></INTERVAL>");
        assertThat(value(xml, "SPRESULT")).isEqualTo("1");
        assertThat(value(xml, "SPCOMMENT")).isEqualTo("Данные по расписанию получены");
        // Today (Monday 11:00 in Almaty): the morning is past.
        String today = post(message("SCHEDULE", "<INDOCTLIST>1001</INDOCTLIST><BDATE>20261123</BDATE>"
                + "<FDATE>20261123</FDATE>")).body();
        assertThat(today).contains("<FREETYPE>6</FREETYPE>")
                .doesNotContainPattern("<BHOUR>(9|10)</BHOUR><BMIN>\\d+</BMIN><FHOUR>\\d+</FHOUR><FMIN>\\d+</FMIN>"
                        + "<FREETYPE>1</FREETYPE>");
    }

    @Test
    void reserveMakesTheSlotBusyAndASecondReserveIsRefused() throws Exception {
        String ident = schedIdent(1001, "20261124");
        String reserve = reserveBody(ident, 9, 0, 9, 30, "");
        String first = post(message("SCHEDULE_REC_RESERVE", reserve)).body();
        assertThat(value(first, "SPRESULT")).isEqualTo("1");
        String schedId = value(first, "SCHEDID");
        assertThat(Long.parseLong(schedId)).isGreaterThanOrEqualTo(Schedule.FIRST_NEW_SCHEDID);
        assertThat(intervalFree(1001, "20261124", 9, 0)).isFalse();

        String second = post(message("SCHEDULE_REC_RESERVE", reserveBody(ident, 9, 0, 9, 30, ""))).body();
        assertThat(value(second, "SPRESULT")).isEqualTo("0");
        assertThat(value(second, "CHECKCODE")).isEqualTo("2");
        assertThat(value(second, "CHECKLABEL")).isEqualTo("Время занято");
        assertThat(value(second, "SPCOMMENT")).startsWith("К сожалению, выбранное время было недавно занято");

        String info = post(message("SCHEDULE_INFO", "<SCHEDID>" + schedId + "</SCHEDID>")).body();
        assertThat(value(info, "PCODE")).isEqualTo("777");
    }

    @Test
    void moveFreesTheOldSlotAndRemoveCancels() throws Exception {
        String ident = schedIdent(1001, "20261124");
        String moved = post(message("SCHEDULE_REC_RESERVE",
                reserveBody(ident, 9, 0, 9, 30, "<SCHEDID>123456</SCHEDID>"))).body();
        assertThat(value(moved, "SPRESULT")).isEqualTo("1");
        assertThat(moved).as("a move names its new id only as RSCHEDID").doesNotContain("<SCHED_INFO>");
        String newId = value(moved, "RSCHEDID");
        assertThat(value(post(message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>")).body(), "SPRESULT"))
                .isEqualTo("-2");
        // 10:30 was busy only because of 123456; the fixed busy pattern leaves 10:30 on that day free.
        assertThat(intervalFree(1001, "20261124", 10, 30)).isTrue();

        String wrongPatient = post(message("SCHEDULE_REC_REMOVE", "<SCHEDID>" + newId + "</SCHEDID><PCODE>1</PCODE>"))
                .body();
        assertThat(value(wrongPatient, "SPRESULT")).isEqualTo("0");
        assertThat(value(wrongPatient, "SPCOMMENT")).isEqualTo("Запись пациента не найдена");
        assertThat(value(wrongPatient, "CHECKTEXT")).contains("уже отменена");
        String removed = post(message("SCHEDULE_REC_REMOVE", "<SCHEDID>" + newId + "</SCHEDID><PCODE>777</PCODE>"))
                .body();
        assertThat(value(removed, "SPRESULT")).isEqualTo("1");
        assertThat(value(removed, "SPCOMMENT")).isEqualTo("Запись пациента на прием удалена");
        assertThat(intervalFree(1001, "20261124", 9, 0)).isTrue();
    }

    @Test
    void injectedStatusAndTimeoutApplyToTheHttpsServer() throws Exception {
        sandbox.faults().enqueue("infoclinica", List.of(new Faults.Fault.Status(503, 2),
                new Faults.Fault.Timeout(Duration.ofSeconds(5))));
        HttpResponse<String> failed = post(message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>"));
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).hasValue("2");
        HttpRequest quick = HttpRequest.newBuilder(URI.create(baseUrl)).timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString(message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>"))).build();
        assertThatThrownBy(() -> client.send(quick, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        sandbox.faults().latency("infoclinica", Duration.ofSeconds(3));
        assertThatThrownBy(() -> client.send(quick, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        sandbox.faults().clear("infoclinica");
        assertThat(post(message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>")).statusCode()).isEqualTo(200);
    }

    @Test
    void controlEndpointsShapeTheSchedule() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String control = sandbox.mountUrl("infoclinica") + "/_control/";
        HttpResponse<String> set = plain.send(HttpRequest.newBuilder(URI.create(control + "schedule"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("""
                        {"dcode":1002,"date":"2026-11-29","intervals":[{"start":"12:00","end":"12:30","free":true}]}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        HttpResponse<String> appt = plain.send(HttpRequest.newBuilder(URI.create(control + "appointments"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("""
                        {"schedid":900001,"pcode":42,"dcode":1002,"date":"2026-11-29","start":"12:00","end":"12:30"}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(appt.statusCode()).isEqualTo(200);
        var state = Json.mapper().readTree(plain.send(HttpRequest.newBuilder(URI.create(control
                + "state?dcode=1002&from=2026-11-29&till=2026-11-29")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(state.path("today").asText()).isEqualTo("2026-11-23");
        assertThat(state.path("days")).hasSize(1);
        assertThat(state.path("days").get(0).path("intervals").get(0).path("free").asBoolean()).isFalse();
        assertThat(value(post(message("SCHEDULE_INFO", "<SCHEDID>900001</SCHEDID>")).body(), "PCODE")).isEqualTo("42");
    }

    /**
     * Another patient takes a time between the platform's read and its reservation: held back by the control
     * endpoint, booked when the next SCHEDULE_REC_RESERVE arrives, so that reservation is refused "Время занято".
     */
    @Test
    void aTimeTakenJustBeforeTheNextReservationIsRefusedAsTaken() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String control = sandbox.mountUrl("infoclinica") + "/_control/";
        HttpResponse<String> held = plain.send(HttpRequest.newBuilder(URI.create(control + "appointments"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("""
                        {"schedid":900002,"pcode":43,"dcode":1001,"date":"2026-11-24","start":"09:00","end":"09:30",
                         "before_next":"SCHEDULE_REC_RESERVE"}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).isEqualTo(202);
        assertThat(intervalFree(1001, "20261124", 9, 0)).as("not yet taken: a read still sees it free").isTrue();

        String refused = post(message("SCHEDULE_REC_RESERVE",
                reserveBody(schedIdent(1001, "20261124"), 9, 0, 9, 30, "<SCHEDID>123456</SCHEDID>"))).body();
        assertThat(value(refused, "SPRESULT")).isEqualTo("0");
        assertThat(value(refused, "CHECKLABEL")).isEqualTo("Время занято");
        assertThat(value(post(message("SCHEDULE_INFO", "<SCHEDID>900002</SCHEDID>")).body(), "PCODE")).isEqualTo("43");
        assertThat(value(post(message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>")).body(), "BHOUR"))
                .as("the patient's appointment stays where it was").isEqualTo("10");
        String again = post(message("SCHEDULE_REC_RESERVE",
                reserveBody(schedIdent(1001, "20261124"), 9, 30, 10, 0, "<SCHEDID>123456</SCHEDID>"))).body();
        assertThat(value(again, "SPRESULT")).as("the hook ran once").isEqualTo("1");

        HttpResponse<String> bad = plain.send(HttpRequest.newBuilder(URI.create(control + "appointments"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("""
                        {"schedid":900003,"pcode":43,"dcode":1001,"date":"2026-11-24","start":"09:00","end":"09:30",
                         "before_next":"SCHEDULE_SOMETHING"}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void anAppointmentCancelledAtTheClinicIsGoneAndItsTimeFree() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String control = sandbox.mountUrl("infoclinica") + "/_control/appointments/";
        HttpResponse<String> removed = plain.send(HttpRequest.newBuilder(URI.create(control + "123456"))
                .timeout(Duration.ofSeconds(5)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(value(post(message("SCHEDULE_INFO", "<SCHEDID>123456</SCHEDID>")).body(), "SPRESULT"))
                .isEqualTo("-2");
        assertThat(intervalFree(1001, "20261124", 10, 30)).isTrue();
        HttpResponse<String> again = plain.send(HttpRequest.newBuilder(URI.create(control + "123456"))
                .timeout(Duration.ofSeconds(5)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(404);
    }

    private static String reserveBody(String ident, int bh, int bm, int fh, int fm, String extra) {
        return "<PCODE>777</PCODE><DCODE>1001</DCODE><WORKDATE>20261124</WORKDATE><SCHEDIDENT>" + ident
                + "</SCHEDIDENT><BHOUR>" + bh + "</BHOUR><BMIN>" + bm + "</BMIN><FHOUR>" + fh + "</FHOUR><FMIN>" + fm
                + "</FMIN><ONLINETYPE>1</ONLINETYPE>" + extra;
    }

    private static String schedIdent(int dcode, String date) throws Exception {
        String xml = post(message("SCHEDULE", "<INDOCTLIST>" + dcode + "</INDOCTLIST><BDATE>" + date + "</BDATE><FDATE>"
                + date + "</FDATE><EXTINTERV>1</EXTINTERV>")).body();
        return value(xml, "SCHEDIDENT");
    }

    private static boolean intervalFree(int dcode, String date, int hour, int minute) throws Exception {
        String xml = post(message("SCHEDULE", "<INDOCTLIST>" + dcode + "</INDOCTLIST><BDATE>" + date + "</BDATE><FDATE>"
                + date + "</FDATE><EXTINTERV>1</EXTINTERV>")).body();
        Matcher m = Pattern.compile("<INTERVAL><BHOUR>" + hour + "</BHOUR><BMIN>" + minute
                + "</BMIN><FHOUR>\\d+</FHOUR><FMIN>\\d+</FMIN><FREETYPE>(-?\\d)</FREETYPE>").matcher(xml);
        assertThat(m.find()).as("interval %d:%d in %s", hour, minute, xml).isTrue();
        return m.group(1).equals("1");
    }

    private static String message(String msg, String body) {
        return message(msg, body, "1");
    }

    private static String message(String msg, String body, String filial) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <WEB_%1$s xmlns="http://sdsys.ru/">
                  <MSH><MSH.7><TS.1>20261123110000</TS.1></MSH.7><MSH.9><MSG.1>WEB</MSG.1><MSG.2>%1$s</MSG.2></MSH.9>
                  <MSH.10>msg-1</MSH.10><MSH.18>UTF-8</MSH.18><MSH.99>%3$s</MSH.99></MSH>
                  <%1$s_IN>%2$s</%1$s_IN>
                </WEB_%1$s>
                """.formatted(msg, body, filial);
    }

    private static HttpResponse<String> post(String xml) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String value(String xml, String element) {
        Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(xml);
        assertThat(m.find()).as("%s in %s", element, xml).isTrue();
        return m.group(1);
    }

    private static int count(String xml, String token) {
        return xml.split(Pattern.quote(token), -1).length - 1;
    }
}
