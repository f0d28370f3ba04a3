package kz.clinicai.shared.infoclinica;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.shared.clinic.CachingInfoClinicaClients;
import kz.clinicai.shared.clinic.ClientCertificate;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.Test;

/** The voicebot's clients per clinic: reused while fresh, rebuilt from the secret after the TTL. */
class CachingInfoClinicaClientsTest {

    @Test
    void aCertificateUploadedLaterIsReadAfterTheTtlAndAFailedReadKeepsTheOldClient() throws Exception {
        TestPki pki = new TestPki();
        AtomicInteger loads = new AtomicInteger();
        boolean[] failing = {false};
        MovableClock clock = MovableClock.at("2026-12-07T10:00:00Z");
        CachingInfoClinicaClients clients = new CachingInfoClinicaClients(id -> {
            loads.incrementAndGet();
            if (failing[0]) {
                throw new IllegalStateException("Secrets Manager unavailable");
            }
            try {
                return new ClientCertificate(pki.clientCertificatePem(), pki.clientKeyPem(), pki.caPem());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, clock);
        ClinicConfig clinic = new ClinicConfig("c", URI.create("https://127.0.0.1:1/"), "clinicai/clinics/c", "1",
                ZoneId.of("Asia/Almaty"), Map.of(), null, null, null);

        InfoClinicaClient first = clients.forClinic(clinic);
        clock.set(clock.instant().plus(CachingInfoClinicaClients.TTL.minusSeconds(1)));
        assertThat(clients.forClinic(clinic)).isSameAs(first);
        assertThat(loads).hasValue(1);

        clock.set(clock.instant().plus(Duration.ofSeconds(2)));
        InfoClinicaClient second = clients.forClinic(clinic);
        assertThat(second).isNotSameAs(first);
        assertThat(loads).hasValue(2);

        failing[0] = true;
        clock.set(clock.instant().plus(CachingInfoClinicaClients.TTL));
        assertThat(clients.forClinic(clinic)).isSameAs(second);
        assertThat(loads).hasValue(3);
    }
}
