package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelLifecycle;
import org.junit.jupiter.api.Test;

/** The choice of the ITs' dying model, on fixed days (the ITs make it on the real date). */
class DyingModelTest {

    private static final ModelCapabilities TABLE = ModelCapabilities.standard();

    @Test
    void theChosenModelIsSavableOnTheDayAndHasTheLatestShutdownOfSuchModels() {
        for (LocalDate day = LocalDate.parse("2026-11-01"); day.isBefore(LocalDate.parse("2027-03-01"));
             day = day.plusDays(1)) {
            DyingModel x = DyingModel.savableOn(TABLE, day);
            LocalDate today = day;
            assertThat(TABLE.of(x.name()).orElseThrow().kind()).isEqualTo("responses");
            assertThat(ModelLifecycle.standard().refusal(x.name(), today)).as(today + " " + x).isEmpty();
            assertThat(x.shutdown()).isAfter(today.plusDays(ModelLifecycle.REFUSE_WITHIN_DAYS));
            assertThat(TABLE.known()).filteredOn(m -> TABLE.of(m).orElseThrow().kind().equals("responses")
                            && TABLE.shutdownDate(m).isPresent()
                            && ModelLifecycle.standard().refusal(m, today).isEmpty())
                    .allSatisfy(m -> assertThat(TABLE.shutdownDate(m).orElseThrow()).isBeforeOrEqualTo(x.shutdown()));
            assertThat(x.sampling()).isEqualTo(TABLE.acceptsSampling(x.name()));
        }
    }

    @Test
    void withoutACurrentDyingModelTheTestFailsSayingTheTableNeedsOne() {
        // After every dated row of today's table is inside the refusal window.
        assertThatThrownBy(() -> DyingModel.savableOn(TABLE, LocalDate.parse("2040-01-01")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("needs a current dying model")
                .hasMessageContaining("models.json");
    }

    @Test
    void sampledTemperatureOnlyForAModelThatTakesIt() {
        assertThat(new DyingModel("a", LocalDate.MAX, java.util.Optional.empty(), true).temperature("0.30"))
                .isEqualTo("0.30");
        assertThat(new DyingModel("b", LocalDate.MAX, java.util.Optional.empty(), false).temperature("0.30"))
                .isEmpty();
    }
}
