package kz.clinicai.shared.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(3));

    @Test
    void doublesWithHalfOfEachDelayRandomUpToTheCap() {
        assertThat(backoff.delay(1, bound -> 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(1, bound -> bound - 1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3, bound -> 0)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(3, bound -> bound - 1)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delay(40, bound -> bound - 1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delay(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
