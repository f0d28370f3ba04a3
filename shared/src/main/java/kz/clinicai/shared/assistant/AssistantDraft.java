package kz.clinicai.shared.assistant;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelLifecycle;

/** What a caller submits to create an assistant or add a version to it. */
public record AssistantDraft(String name, String model, String instructions, Double temperature, Double topP) {
    public AssistantDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(instructions, "instructions");
    }

    /**
     * Why the OpenAI API would refuse every turn of this configuration (an unknown model, or sampling parameters
     * with a reasoning model), from the model capability table, or soon will (a model shut down or shutting down
     * within {@value ModelLifecycle#REFUSE_WITHIN_DAYS} days of {@code today}, with its replacement named); empty
     * when neither. Savers show it as a 400.
     */
    public Optional<String> refusal(LocalDate today) {
        Optional<String> capability = ModelCapabilities.standard().refusal(model, temperature, topP);
        if (capability.isPresent()) {
            return capability;
        }
        return ModelLifecycle.standard().refusal(model, today).map(ModelLifecycle.Status::englishReason);
    }
}
