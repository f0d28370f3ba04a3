package kz.clinicai.shared.assistant;

import java.util.Objects;
import java.util.Optional;
import kz.clinicai.shared.openai.ModelCapabilities;

/** What a caller submits to create an assistant or add a version to it. */
public record AssistantDraft(String name, String model, String instructions, Double temperature, Double topP) {
    public AssistantDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(instructions, "instructions");
    }

    /**
     * Why the OpenAI API would refuse every turn of this configuration (an unknown model, or sampling parameters
     * with a reasoning model), from the model capability table; empty when it would not. Savers show it as a 400.
     */
    public Optional<String> refusal() {
        return ModelCapabilities.standard().refusal(model, temperature, topP);
    }
}
