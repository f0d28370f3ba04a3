package kz.clinicai.console.clinics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Map;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.WorkingHours;
import org.junit.jupiter.api.Test;

class ClinicServiceTest {

    @Test
    void theAuditViewNeverHoldsTheTokenHash() {
        ClinicConfig c = new ClinicConfig("c", URI.create("https://x.example/"), "clinicai/clinics/c", "1",
                ZoneId.of("Asia/Almaty"), Map.of(DayOfWeek.MONDAY, WorkingHours.parse("09:00-18:00")), null, null,
                new AccessPolicy(AccessPolicy.hash("secret-token"), java.util.List.of(), 0, 0));
        Map<String, String> view = ClinicService.view(c);
        assertThat(view).containsEntry("acsToken", "(задан)").containsEntry("hours.TUESDAY", "выходной");
        assertThat(view.values()).noneMatch(v -> v.contains(AccessPolicy.hash("secret-token")));
    }

    private static Throwable copied(Exception e) {
        e.initCause(new javax.net.ssl.SSLHandshakeException(e.getMessage()));
        return e;
    }

    @Test
    void anErrorChainNamesEveryCauseWithoutAStackTrace() {
        String chain = ClinicService.chain(new IllegalStateException("outer",
                copied(new javax.net.ssl.SSLHandshakeException("Received fatal alert: bad_certificate"))));
        assertThat(chain).isEqualTo("java.lang.IllegalStateException: outer\nвызвано: "
                + "javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate");
    }
}
