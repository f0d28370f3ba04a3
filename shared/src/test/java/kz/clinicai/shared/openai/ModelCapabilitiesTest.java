package kz.clinicai.shared.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelCapabilitiesTest {

    private final ModelCapabilities models = ModelCapabilities.standard();

    @Test
    void reasoningModelsTakeNoSamplingParametersChatModelsDo() {
        for (String reasoning : new String[] {"gpt-5", "gpt-5-mini", "gpt-5.2", "gpt-5-2025-08-07", "o3", "o4-mini",
                "o1", "gpt-6-sol"}) {
            assertThat(models.acceptsSampling(reasoning)).as(reasoning).isFalse();
            assertThat(models.sampling(reasoning, 0.3, 0.15))
                    .isEqualTo(new ModelCapabilities.Sampling(Optional.empty(), Optional.empty()));
        }
        for (String chat : new String[] {"gpt-4.1-mini", "gpt-4o-mini", "gpt-4.1-mini-2025-04-14", "gpt-5-chat-latest",
                "gpt-5.1-chat-latest", "gpt://b1gfolder/yandexgpt/latest"}) {
            assertThat(models.acceptsSampling(chat)).as(chat).isTrue();
        }
        assertThat(models.sampling("gpt-4.1-mini", 0.3, null))
                .isEqualTo(new ModelCapabilities.Sampling(Optional.of(0.3), Optional.empty()));
        // Unknown: nothing sampling-related is sent, which the API never refuses.
        assertThat(models.sampling("gpt-test", 0.3, 0.1).temperature()).isEmpty();
    }

    @Test
    void everyDefaultAndConsoleChoiceIsListed() {
        assertThat(models.choices("responses")).contains("gpt-4.1-mini", "gpt-4o-mini", "gpt-5", "gpt-5-mini",
                "gpt-5-nano", "o3", "o4-mini");
        assertThat(models.choices("transcription")).contains("gpt-transcribe", "whisper-1");
        assertThat(models.of("gpt-4.1-mini")).hasValueSatisfying(c -> {
            assertThat(c.structuredOutput()).isTrue();
            assertThat(c.fileSearch()).isTrue();
        });
        assertThat(models.of("gpt://f/yandexgpt/latest")).hasValueSatisfying(c -> assertThat(c.fileSearch()).isFalse());
    }

    @Test
    void refusalsExplainWhatTheApiWouldRefuse() {
        assertThat(models.refusal("gpt-5", 0.3, null)).hasValueSatisfying(m ->
                assertThat(m).contains("gpt-5", "reasoning model", "temperature", "unsupported_parameter"));
        assertThat(models.refusal("o4-mini", null, 0.15)).hasValueSatisfying(m -> assertThat(m).contains("top_p"));
        assertThat(models.refusal("gpt-5", null, null)).isEmpty();
        assertThat(models.refusal("gpt-4.1-mini", 0.3, 0.15)).isEmpty();
        assertThat(models.refusal("gtp-4.1-mini", null, null)).hasValueSatisfying(m -> assertThat(m).contains("Unknown model"));
        assertThat(models.refusal("gpt-transcribe", null, null)).hasValueSatisfying(m -> assertThat(m).contains("transcription"));
    }
}
