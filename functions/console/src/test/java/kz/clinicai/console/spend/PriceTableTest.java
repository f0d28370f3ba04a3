package kz.clinicai.console.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Optional;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.usage.Usage;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void pricesTokensAndAudioAndDatedSnapshots() {
        PriceTable prices = PriceTable.parse(Optional.of("{\"my-model\":{\"input\":1,\"output\":2}}"));
        Instant now = Instant.parse("2026-11-30T00:00:00Z");
        assertThat(prices.cost(Usage.tokens(Usage.Channel.CHAT, "s", "gpt-4o-mini", 1_000_000, 1_000_000, now)))
                .isCloseTo(0.75, within(1e-9));
        assertThat(prices.cost(Usage.tokens(Usage.Channel.CHAT, "s", "gpt-4o-mini-2024-07-18", 1_000_000, 0, now)))
                .isCloseTo(0.15, within(1e-9));
        assertThat(prices.cost(Usage.tokens(Usage.Channel.CHAT, "s", "my-model", 500_000, 500_000, now)))
                .isCloseTo(1.5, within(1e-9));
        assertThat(prices.cost(Usage.audio(Usage.Channel.CALL_ANALYTICS, "s", "gpt-transcribe", 120, now)))
                .isCloseTo(0.012, within(1e-9));
        assertThat(prices.price("unknown-model")).isEmpty();
    }

    @Test
    void aBrokenTableIsAnEnvironmentError() {
        Assertions.assertThatThrownBy(() -> PriceTable.parse(Optional.of("[1,2]")))
                .isInstanceOf(InvalidEnvironmentException.class);
    }
}
