package kz.clinicai.shared.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import kz.clinicai.shared.assistant.AssistantDraft;
import org.junit.jupiter.api.Test;

class ModelLifecycleTest {

    private final ModelLifecycle lifecycle = ModelLifecycle.standard();

    // gpt-4.1-mini: shutdown 2027-01-14, replacement gpt-6-luna (OpenAI's deprecations page, the model table).
    @Test
    void aModelIsRefusedFrom30DaysBeforeItsShutdownWithTheReplacementNamed() {
        assertThat(lifecycle.refusal("gpt-4.1-mini", LocalDate.parse("2026-12-14"))).as("31 days before").isEmpty();
        ModelLifecycle.Status at30 = lifecycle.refusal("gpt-4.1-mini", LocalDate.parse("2026-12-15")).orElseThrow();
        assertThat(at30.daysLeft()).isEqualTo(30);
        assertThat(at30.shutDown()).isFalse();
        assertThat(at30.englishReason()).contains("gpt-4.1-mini", "2027-01-14", "30 days", "gpt-6-luna");
        assertThat(at30.russianReason()).contains("gpt-4.1-mini", "через 30 дней", "Замена: gpt-6-luna");

        ModelLifecycle.Status onTheDay = lifecycle.status("gpt-4.1-mini", LocalDate.parse("2027-01-14"));
        assertThat(onTheDay.shutDown()).isTrue();
        assertThat(onTheDay.englishReason()).contains("was shut down", "gpt-6-luna");
    }

    @Test
    void aCurrentModelWithoutAShutdownDateIsNeverRefused() {
        ModelLifecycle.Status luna = lifecycle.status("gpt-6-luna", LocalDate.parse("2030-01-01"));
        assertThat(luna.daysLeft()).isEqualTo(Long.MAX_VALUE);
        assertThat(luna.refused()).isFalse();
    }

    @Test
    void whatOpenAiSaidMakesItStricterNeverLaxer() {
        LocalDate today = LocalDate.parse("2026-12-07");
        // OpenAI's list moved the date earlier than the table knows: the earlier date counts.
        ModelLifecycle.Status earlier = lifecycle.status("gpt-6-luna", today, Optional.of(LocalDate.parse("2026-12-20")),
                false);
        assertThat(earlier.daysLeft()).isEqualTo(13);
        assertThat(earlier.refused()).isTrue();
        // A later date from the list does not lift the table's.
        ModelLifecycle.Status later = lifecycle.status("gpt-4.1-mini", today, Optional.of(LocalDate.parse("2027-06-01")),
                false);
        assertThat(later.shutdownDate()).contains(LocalDate.parse("2027-01-14"));
        // No longer listed by OpenAI: gone today, whatever the table says.
        ModelLifecycle.Status unlisted = lifecycle.status("gpt-6-luna", today, Optional.empty(), true);
        assertThat(unlisted.shutDown()).isTrue();
        assertThat(unlisted.englishReason()).contains("no longer offered");
    }

    @Test
    void theSharedDraftRefusalCarriesTheLifecycleRule() {
        AssistantDraft draft = new AssistantDraft("a", "gpt-4.1-mini", "x", 0.2, null);
        assertThat(draft.refusal(LocalDate.parse("2026-12-01"))).isEmpty();
        assertThat(draft.refusal(LocalDate.parse("2027-01-20"))).get().asString().contains("gpt-6-luna");
        // The capability refusal still comes first (sampling with a reasoning model).
        assertThat(new AssistantDraft("a", "gpt-6-luna", "x", 0.2, null).refusal(LocalDate.parse("2026-12-01")))
                .get().asString().contains("temperature");
    }

    @Test
    void russianDayCounts() {
        assertThat(ModelLifecycle.russianDays(1)).isEqualTo("1 день");
        assertThat(ModelLifecycle.russianDays(3)).isEqualTo("3 дня");
        assertThat(ModelLifecycle.russianDays(11)).isEqualTo("11 дней");
        assertThat(ModelLifecycle.russianDays(22)).isEqualTo("22 дня");
        assertThat(ModelLifecycle.russianDays(38)).isEqualTo("38 дней");
    }
}
