package kz.clinicai.shared.assistant;

import java.util.Objects;

/** What a caller submits to create an assistant or add a version to it. */
public record AssistantDraft(String name, String model, String instructions, Double temperature, Double topP) {
    public AssistantDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(instructions, "instructions");
    }
}
