package kz.clinicai.console.assistants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssistantFormTest {

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
        assertThat(f.validate()).isEmpty();
        assertThat(f.checked().temperature()).isNull();
    }

    @Test
    void aReasoningModelWithSamplingParametersIsRefused() {
        assertThat(form("a", "gpt-5-mini", "0.3", "").validate()).containsKey("temperature");
        assertThat(form("a", "o4-mini", "", "0.5").validate()).containsKey("topP");
        assertThat(form("a", "gpt-5-mini", "", "").validate()).isEmpty();
    }

    @Test
    void outOfRangeUnknownAndBlankAreFieldErrors() {
        assertThat(form("", "gpt-4o-mini", "0.3", "0.1").validate()).containsKey("name");
        assertThat(form("a", "gpt-4o-mini", "2.5", "0.1").validate()).containsKey("temperature");
        assertThat(form("a", "gpt-4o-mini", "0.3", "1.5").validate()).containsKey("topP");
        assertThat(form("a", "gpt-4o-mini", "abc", "0.1").validate()).containsKey("temperature");
        assertThat(form("a", "no-such-model-xyz", "0.3", "0.1").validate()).containsKey("model");
        AssistantForm stores = form("a", "gpt-4o-mini", "0,5", "0.1");
        stores.setVectorStoreIds(List.of("vs_ok", "not a store"));
        assertThat(stores.validate()).containsOnlyKeys("vectorStoreIds");
    }
}
