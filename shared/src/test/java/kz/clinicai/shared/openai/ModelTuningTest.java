package kz.clinicai.shared.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.ResponseCreateParams;
import java.util.Map;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import org.junit.jupiter.api.Test;

class ModelTuningTest {

    private static ResponseCreateParams tuned(String model, Double temperature, Double topP, String effort) {
        ResponseCreateParams.Builder b = ResponseCreateParams.builder().model(model).input("x");
        ModelTuning.apply(b, model, temperature, topP, effort);
        return b.build();
    }

    @Test
    void aReasoningModelGetsItsEffortAndNoSampling() {
        ResponseCreateParams p = tuned("gpt-6-luna", 0.3, 0.15, "low");
        assertThat(p.reasoning().flatMap(Reasoning::effort)).contains(ReasoningEffort.LOW);
        assertThat(p.temperature()).isEmpty();
        assertThat(p.topP()).isEmpty();
        // An effort the model does not take becomes the nearest one it takes, never a 400.
        assertThat(tuned("gpt-6.1-sol", null, null, "none").reasoning().flatMap(Reasoning::effort))
                .contains(ReasoningEffort.LOW);
    }

    @Test
    void aChatModelGetsSamplingAndNoEffort() {
        ResponseCreateParams p = tuned("gpt-4.1-mini", 0.3, null, "low");
        assertThat(p.reasoning()).isEmpty();
        assertThat(p.temperature()).contains(0.3);
        assertThat(p.topP()).isEmpty();
        // YandexGPT URIs take sampling, never an effort.
        assertThat(tuned("gpt://b1g/yandexgpt/latest", 0.2, null, "low").reasoning()).isEmpty();
    }

    @Test
    void noConfiguredEffortLeavesTheModelsOwn() {
        assertThat(tuned("gpt-6-luna", null, null, null).reasoning()).isEmpty();
    }

    @Test
    void aMistypedEffortFailsAtInit() {
        Env env = Env.of(Map.of("X_EFFORT", "lo"));
        assertThatThrownBy(() -> ModelTuning.effortFromEnv(env, "X_EFFORT", "low"))
                .isInstanceOf(InvalidEnvironmentException.class).hasMessageContaining("X_EFFORT");
        assertThat(ModelTuning.effortFromEnv(Env.of(Map.of()), "X_EFFORT", "low")).isEqualTo("low");
        assertThat(ModelTuning.effortFromEnv(Env.of(Map.of("X_EFFORT", "max")), "X_EFFORT", "low")).isEqualTo("max");
    }
}
