package kz.clinicai.shared.infoclinica;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import javax.net.ssl.SSLContext;
import kz.clinicai.shared.time.Deadline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsInfoClinicaClientTest {
    static final String APPOINTMENT = """
            <ACK xmlns="http://sdsys.ru/"><MSA><MSA.1>AA</MSA.1></MSA><SCHEDULE_INFO_OUT><SCHED_INFO>
            <WORKDATE>20250131</WORKDATE><BHOUR>15</BHOUR><BMIN>0</BMIN><FHOUR>15</FHOUR><FMIN>30</FMIN>
            <FILIAL>2</FILIAL><DCODE>5</DCODE><PCODE>77</PCODE><DNAME>Иванова А.Б.</DNAME></SCHED_INFO>
            <SPRESULT>1</SPRESULT><SPCOMMENT>Данные получены</SPCOMMENT></SCHEDULE_INFO_OUT></ACK>""";

    @TempDir
    static Path dir;
    static TestPki pki;
    static WireMockServer wireMock;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki();
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(pki.serverKeystore(dir).toString()).keystoreType("PKCS12")
                .keystorePassword("changeit").keyManagerPassword("changeit")
                .needClientAuth(true)
                .trustStorePath(pki.truststore(dir).toString()).trustStoreType("PKCS12").trustStorePassword("changeit"));
        wireMock.start();
    }

    @AfterAll
    static void stop() {
        wireMock.stop();
    }

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    HttpsInfoClinicaClient client(SSLContext tls) {
        return new HttpsInfoClinicaClient(new HttpsInfoClinicaClient.Settings(
                URI.create("https://127.0.0.1:" + wireMock.httpsPort() + "/api"), "7", "clinic.example.ru", 0,
                Duration.ofSeconds(5), ZoneId.of("Asia/Almaty")),
                HttpsInfoClinicaClient.httpClient(tls, Duration.ofSeconds(2)), Clock.systemUTC());
    }

    SSLContext clinicTls() throws Exception {
        return TlsContexts.fromPem(pki.clientCertificatePem(), pki.clientKeyPem(), pki.caPem());
    }

    /**
     * The deadline only bounds a hang: a mutual-TLS handshake on a loaded CI machine took longer than 5 s once, which
     * turned the 503 this test expects into a timeout. Nothing here measures time.
     */
    static Deadline generous() {
        return Deadline.after(Clock.systemUTC(), Duration.ofSeconds(60));
    }

    @Test
    void talksXmlOverMutualTls() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api")).willReturn(aResponse().withHeader("Content-Type", "text/xml")
                .withBody(APPOINTMENT)));

        Appointment appointment = client(clinicTls()).appointment(123456, null, generous());

        assertThat(appointment).isEqualTo(new Appointment(123456, LocalDate.of(2025, 1, 31), LocalTime.of(15, 0),
                LocalTime.of(15, 30), 5, 77L, "2", "Иванова А.Б.", null));
        wireMock.verify(postRequestedFor(urlEqualTo("/api"))
                .withHeader("Content-Type", containing("text/xml"))
                .withHeader("X-Forwarded-Host", containing("clinic.example.ru"))
                .withRequestBody(containing("<WEB_SCHEDULE_INFO xmlns=\"http://sdsys.ru/\">"))
                .withRequestBody(containing("<MSG.2>SCHEDULE_INFO</MSG.2>"))
                .withRequestBody(containing("<MSH.99>7</MSH.99>"))
                .withRequestBody(containing("<SCHEDID>123456</SCHEDID>")));
    }

    @Test
    void messagesAboutAnAppointmentGoToItsFilialAndReservationsCarryTheClinicsOnlineType() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api")).willReturn(aResponse().withHeader("Content-Type", "text/xml")
                .withBody("<ACK xmlns=\"http://sdsys.ru/\"><MSA><MSA.1>AA</MSA.1></MSA><SCHEDULE_REC_RESERVE_OUT>"
                        + "<SPRESULT>1</SPRESULT><SPCOMMENT>Пациент записан</SPCOMMENT><RSCHEDID>555</RSCHEDID>"
                        + "</SCHEDULE_REC_RESERVE_OUT></ACK>")));
        Slot slot = new Slot(LocalDate.of(2025, 1, 30), LocalTime.of(10, 30), LocalTime.of(11, 0), 4001, 5);

        Reservation r = client(clinicTls()).reserve(new ReserveRequest(77L, 5, slot, 123456L), "2", generous());

        assertThat(r).isEqualTo(new Reservation(true, "Пациент записан", 555L));
        wireMock.verify(postRequestedFor(urlEqualTo("/api"))
                .withRequestBody(containing("<MSH.99>2</MSH.99>"))
                .withRequestBody(containing("<ONLINETYPE>0</ONLINETYPE>"))
                .withRequestBody(containing("<SCHEDID>123456</SCHEDID>")));
    }

    @Test
    void withoutTheClientCertificateTheServerRefuses() throws Exception {
        SSLContext noClientCert = SSLContext.getInstance("TLS");
        noClientCert.init(null, trustManagersOf(pki.caPem()), null);

        assertThatThrownBy(() -> client(noClientCert).appointment(1, null, generous()))
                .isInstanceOf(InfoClinicaUnavailableException.class);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        TestPki other = new TestPki();
        SSLContext trustsAnotherCa = TlsContexts.fromPem(pki.clientCertificatePem(), pki.clientKeyPem(), other.caPem());

        assertThatThrownBy(() -> client(trustsAnotherCa).appointment(1, null, generous()))
                .isInstanceOf(InfoClinicaUnavailableException.class);
    }

    @Test
    void aSlowAnswerTimesOutWithinTheDeadline() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api")).willReturn(aResponse().withBody(APPOINTMENT).withFixedDelay(3_000)));
        Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofMillis(300));

        assertThatThrownBy(() -> client(clinicTls()).appointment(1, null, deadline))
                .isInstanceOf(InfoClinicaTimeoutException.class);
    }

    @Test
    void anExpiredDeadlineSendsNothing() throws Exception {
        Deadline spent = Deadline.after(Clock.systemUTC(), Duration.ZERO);

        assertThatThrownBy(() -> client(clinicTls()).appointment(1, null, spent)).isInstanceOf(InfoClinicaTimeoutException.class);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void httpErrorsAreUnavailable() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client(clinicTls()).cancel(1, 2L, "1", generous()))
                .isInstanceOf(InfoClinicaUnavailableException.class).hasMessageContaining("503");
    }

    @Test
    void rejectsKeysThatAreNotPkcs8() throws Exception {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> TlsContexts.fromPem(pki.clientCertificatePem(), pkcs1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> TlsContexts.fromPem("not a cert", pki.clientKeyPem(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static javax.net.ssl.TrustManager[] trustManagersOf(String caPem) throws Exception {
        var store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(caPem.getBytes())));
        var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }
}
