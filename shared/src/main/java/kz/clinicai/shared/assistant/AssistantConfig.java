package kz.clinicai.shared.assistant;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a named assistant configuration (instructions and sampling settings) that the voicebot, the chat
 * and the console read. Versions are immutable; a change is a new version.
 *
 * @param id stable id of the assistant, the same for all its versions
 * @param temperature null = the model's default
 * @param topP null = the model's default
 */
public record AssistantConfig(String id, String name, int version, String model, String instructions,
                              Double temperature, Double topP, Instant updatedAt) {
    public AssistantConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }
}
