package kz.clinicai.console.assistants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssistantFormTest {

    /** The model table on a fixed day: 2026-12-01 is 44 days before the gpt-4.x shutdown (2027-01-14). */
    static final kz.clinicai.console.lifecycle.ModelAvailability DEC_1 = kz.clinicai.console.lifecycle.ModelAvailability
            .table(kz.clinicai.shared.openai.ModelLifecycle.standard(), java.time.LocalDate.parse("2026-12-01"));

    private static AssistantForm form(String name, String model, String t, String p) {
        AssistantForm f = new AssistantForm();
        f.setName(name);
        f.setModel(model);
        f.setTemperature(t);
        f.setTopP(p);
        return f;
    }

    @Test
    void defaultsAreALiveModelWithoutTheSamplingItRefusesAndValid() {
        AssistantForm f = new AssistantForm();
        f.setName("Клиника");
        // gpt-4o-mini, the earlier panels' default, shuts down 2027-01-14; its named replacement is a reasoning model.
        assertThat(f.getModel()).isEqualTo("gpt-6-luna");
        assertThat(f.getTemperature()).isEmpty();
        assertThat(f.getTopP()).isEmpty();
        assertThat(f.validate(DEC_1)).isEmpty();
        assertThat(f.checked(DEC_1).temperature()).isNull();
    }

    @Test
    void aReasoningModelWithSamplingParametersIsRefused() {
        assertThat(form("a", "gpt-6-luna", "0.3", "").validate(DEC_1)).containsKey("temperature");
        assertThat(form("a", "gpt-5.5", "", "0.5").validate(DEC_1)).containsKey("topP");
        assertThat(form("a", "gpt-6-luna", "", "").validate(DEC_1)).isEmpty();
    }

    @Test
    void outOfRangeUnknownAndBlankAreFieldErrors() {
        assertThat(form("", "gpt-4o-mini", "0.3", "0.1").validate(DEC_1)).containsKey("name");
        assertThat(form("a", "gpt-4o-mini", "2.5", "0.1").validate(DEC_1)).containsKey("temperature");
        assertThat(form("a", "gpt-4o-mini", "0.3", "1.5").validate(DEC_1)).containsKey("topP");
        assertThat(form("a", "gpt-4o-mini", "abc", "0.1").validate(DEC_1)).containsKey("temperature");
        assertThat(form("a", "no-such-model-xyz", "0.3", "0.1").validate(DEC_1)).containsKey("model");
        AssistantForm stores = form("a", "gpt-4o-mini", "0,5", "0.1");
        stores.setVectorStoreIds(List.of("vs_ok", "not a store"));
        assertThat(stores.validate(DEC_1)).containsOnlyKeys("vectorStoreIds");
    }

    @Test
    void aModelShutDownOrEndingWithin30DaysIsRefusedNamingTheReplacement() {
        var dec20 = kz.clinicai.console.lifecycle.ModelAvailability.table(
                kz.clinicai.shared.openai.ModelLifecycle.standard(), java.time.LocalDate.parse("2026-12-20"));
        var within = form("a", "gpt-4.1-mini", "0.3", "").validate(dec20);
        assertThat(within).containsOnlyKeys("model");
        assertThat(within.get("model")).contains("gpt-4.1-mini", "2027-01-14", "через 25 дней", "Замена: gpt-6-luna");
        var gone = form("a", "o4-mini", "", "").validate(DEC_1);
        assertThat(gone.get("model")).contains("o4-mini", "отключена OpenAI 2026-10-23");
        assertThat(form("a", "gpt-4.1-mini", "0.3", "").validate(DEC_1)).as("44 days before").isEmpty();
        assertThat(form("a", "gpt-6-luna", "", "").validate(dec20)).isEmpty();
    }

    @Test
    void aModelTheLastCheckFoundUnlistedIsRefusedAlthoughTheTableKnowsNoDate() {
        var store = new kz.clinicai.console.lifecycle.InMemoryLifecycleStore();
        store.save(new kz.clinicai.console.lifecycle.Findings(java.time.Instant.parse("2026-12-07T03:00:00Z"), 40,
                List.of(new kz.clinicai.console.lifecycle.Finding("gpt-6-sol", List.of("assistant:x"), false, null,
                        null, null))));
        var live = kz.clinicai.console.lifecycle.ModelAvailability.live(
                kz.clinicai.shared.openai.ModelLifecycle.standard(), store,
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-07T08:00:00Z"), java.time.ZoneOffset.UTC));
        assertThat(form("a", "gpt-6-sol", "", "").validate(live).get("model")).contains("больше не предлагается");
        assertThat(form("a", "gpt-6-luna", "", "").validate(live)).isEmpty();
    }
}
