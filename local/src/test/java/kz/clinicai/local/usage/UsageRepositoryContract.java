package kz.clinicai.local.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.Usage.Channel;
import kz.clinicai.shared.usage.UsageRepository;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageRepository} must do; run against the in-memory twin (unit test) and against DynamoDB
 * Local with the template's UsageTable (IT), so the fake cannot drift from the real one.
 */
abstract class UsageRepositoryContract {

    abstract UsageRepository repository();

    @Test
    void aDayReturnsEveryRowOfThatUtcDayAndNoOther() {
        UsageRepository usage = repository();
        String scope = "clinic-" + UUID.randomUUID();
        // 23:59:59 UTC is still the 14th even where the clinic's local date is the 15th.
        Usage late = Usage.tokens(Channel.VOICEBOT, scope, "gpt-4.1-mini", 1200, 80, Instant.parse("2031-03-14T23:59:59Z"));
        Usage audio = Usage.audio(Channel.CALL_ANALYTICS, scope, "gpt-transcribe", 61.5, Instant.parse("2031-03-14T08:00:00Z"));
        Usage sameMillis = Usage.tokens(Channel.VOICEBOT, scope, "gpt-4.1-mini", 1200, 80, Instant.parse("2031-03-14T23:59:59Z"));
        Usage nextDay = Usage.tokens(Channel.CHAT, scope, "gpt-4.1-mini", 5, 5, Instant.parse("2031-03-15T00:00:00Z"));

        usage.record(late);
        usage.record(audio);
        usage.record(sameMillis);
        usage.record(nextDay);

        assertThat(usage.day(LocalDate.parse("2031-03-14")).stream().filter(u -> u.scope().equals(scope)))
                .containsExactlyInAnyOrder(late, audio, sameMillis);
        assertThat(usage.day(LocalDate.parse("2031-03-15")).stream().filter(u -> u.scope().equals(scope)))
                .containsExactly(nextDay);
    }

    @Test
    void channelsRoundTripByTheirIds() {
        UsageRepository usage = repository();
        String scope = "profile-" + UUID.randomUUID();
        for (Channel channel : Channel.values()) {
            usage.record(Usage.tokens(channel, scope, "m", 1, 2, Instant.parse("2031-04-01T10:00:00Z")));
        }
        assertThat(usage.day(LocalDate.parse("2031-04-01")).stream().filter(u -> u.scope().equals(scope))
                .map(Usage::channel)).containsExactlyInAnyOrder(Channel.values());
    }
}
