package kz.clinicai.console.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import kz.clinicai.shared.openai.ModelLifecycle;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {

    @Test
    void theFormOffersLiveModelsOnlyAndMarksThoseWithAShutdownDate() {
        LocalDate day = LocalDate.parse("2026-12-07");
        List<ModelChoice> offered = ModelChoice.offered(ModelAvailability.table(ModelLifecycle.standard(), day));
        assertThat(offered).extracting(ModelChoice::name).contains("gpt-6-luna")
                .doesNotContain("gpt-4o-mini", "gpt-4.1-mini", "gpt-5-mini", "o4-mini");
        assertThat(offered).filteredOn(c -> c.name().equals("gpt-6-luna")).singleElement()
                .extracting(ModelChoice::note).isNull();
        offered.stream().filter(c -> c.note() != null).forEach(c -> assertThat(c.note()).startsWith("отключается через "));
    }

    @Test
    void aModelTheLastCheckFoundUnlistedIsNotOfferedAndAnEarlierDateIsMarked() {
        LocalDate day = LocalDate.parse("2026-12-07");
        Findings findings = new Findings(Instant.parse("2026-12-07T03:00:00Z"), 10, List.of(
                new Finding("gpt-6-sol", List.of("assistant:a"), false, null, null, null),
                new Finding("gpt-6-luna", List.of("assistant:b"), true, LocalDate.parse("2027-03-01"), null, 84L)));
        List<ModelChoice> offered = ModelChoice.offered(ModelAvailability.withFindings(ModelLifecycle.standard(),
                Optional.of(findings), day));
        assertThat(offered).extracting(ModelChoice::name).doesNotContain("gpt-6-sol");
        assertThat(offered).filteredOn(c -> c.name().equals("gpt-6-luna")).singleElement()
                .extracting(ModelChoice::note).isEqualTo("отключается через 84 дня (2027-03-01)");
    }
}
