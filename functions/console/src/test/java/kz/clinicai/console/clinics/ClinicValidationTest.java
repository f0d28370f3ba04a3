package kz.clinicai.console.clinics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.clinic.ClinicConfig;
import org.junit.jupiter.api.Test;

class ClinicValidationTest {

    private static ClinicForm valid() {
        ClinicForm f = new ClinicForm();
        f.setSlug("my-clinic");
        f.setInfoClinicaUrl("https://api.infoclinica.ru/api/xml");
        f.setBranchId("1");
        f.setTimeZone("Asia/Almaty");
        f.day(DayOfWeek.MONDAY).setWorks(true);
        f.day(DayOfWeek.MONDAY).setOpen("09:00");
        f.day(DayOfWeek.MONDAY).setClose("18:00");
        f.setForwardedHost("clinic.infoclinica.ru");
        f.setAllowedSourceIps("203.0.113.0/24, 2001:db8::/32\n198.51.100.7");
        f.setAssistantName("a");
        return f;
    }

    private static ClinicValidation.Result check(ClinicForm f) {
        return ClinicValidation.check(f, null, null, null, List.of("a"));
    }

    @Test
    void aValidFormBecomesTheVoicebotsConfigWithDefaultsForEmptyLimits() {
        ClinicValidation.Result r = check(valid());
        assertThat(r.errors()).isEmpty();
        ClinicConfig c = r.config();
        assertThat(c.workingHours()).containsOnlyKeys(DayOfWeek.MONDAY);
        assertThat(c.access().allowedSourceIps()).containsExactly("203.0.113.0/24", "2001:db8::/32", "198.51.100.7");
        assertThat(c.access().perMinute()).isEqualTo(600);
        assertThat(c.infoClinica().forwardedHost()).isEqualTo("clinic.infoclinica.ru");
        assertThat(ClinicValidation.check(ClinicValidation.form(c), "my-clinic", null, null, List.of("a")).config())
                .isEqualTo(c);
    }

    @Test
    void aMistypedTimeIsAnErrorOfThatDayNeverADayOff() {
        ClinicForm f = valid();
        f.day(DayOfWeek.MONDAY).setOpen("9:00");
        f.day(DayOfWeek.TUESDAY).setWorks(true);
        f.day(DayOfWeek.TUESDAY).setOpen("18:00");
        f.day(DayOfWeek.TUESDAY).setClose("09:00");
        f.day(DayOfWeek.SUNDAY).setClose("12:00");
        Map<String, String> errors = check(f).errors();
        assertThat(errors).containsOnlyKeys("hours.MONDAY", "hours.TUESDAY", "hours.SUNDAY");
        assertThat(errors.get("hours.MONDAY")).startsWith("Понедельник");
        assertThat(errors.get("hours.TUESDAY")).contains("раньше");
    }

    @Test
    void everyBadFieldHasItsOwnMessage() {
        ClinicForm f = valid();
        f.setSlug("-Bad");
        f.setInfoClinicaUrl("http://x.example/");
        f.setBranchId("1a");
        f.setTimeZone("UTC+5");
        f.setOnlineType("2");
        f.setForwardedHost("https://x");
        f.setAllowedSourceIps("10.0.0.0/40");
        f.setPerMinute("0");
        f.setRequestTimeoutMs("abc");
        f.setAssistantName("b");
        f.day(DayOfWeek.MONDAY).setWorks(false);
        f.day(DayOfWeek.MONDAY).setOpen("");
        f.day(DayOfWeek.MONDAY).setClose("");
        assertThat(check(f).errors()).containsOnlyKeys("slug", "infoClinicaUrl", "branchId", "timeZone", "onlineType",
                "forwardedHost", "allowedSourceIps", "perMinute", "requestTimeoutMs", "assistantName", "hours");
        assertThat(check(f).config()).isNull();
    }
}
