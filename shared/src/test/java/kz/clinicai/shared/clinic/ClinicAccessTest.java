package kz.clinicai.shared.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import kz.clinicai.shared.ratelimit.InMemoryRateLimiter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ClinicAccessTest {

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
    private final ClinicAccess.Caller prober = new ClinicAccess.Caller(null, "10.7.7.7");

    @Test
    void probesOfUnknownClinicsAreThrottledForTheRestOfTheMinuteOnly() {
        ClinicAccess early = at("2031-01-01T09:00:10Z");
        // 120 per minute per IP, a probe weighs 10: twelve are answered 401, the thirteenth 429.
        for (int i = 0; i < 12; i++) {
            assertStatus(() -> early.unknownClinic(prober), 401);
        }
        assertStatus(() -> early.unknownClinic(prober), 429);
        assertStatus(() -> at("2031-01-01T09:00:59.999Z").unknownClinic(prober), 429);

        assertStatus(() -> at("2031-01-01T09:01:00Z").unknownClinic(prober), 401);
    }

    private ClinicAccess at(String instant) {
        return new ClinicAccess(limiter, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static void assertStatus(ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}
