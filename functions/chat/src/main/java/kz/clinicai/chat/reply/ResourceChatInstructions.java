package kz.clinicai.chat.reply;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.OptionalDouble;
import kz.clinicai.shared.json.Json;

/**
 * The default assistant: instructions and sampling from a JSON resource
 * ({@code {"instructions": "...", "temperature": 0.3, "top_p": 1.0}}), the model from configuration.
 */
public final class ResourceChatInstructions implements ChatInstructions {

    public static final String DEFAULT_RESOURCE = "/chat/assistant.json";

    private final String model;
    private final String instructions;
    private final OptionalDouble temperature;
    private final OptionalDouble topP;

    public ResourceChatInstructions(String model, String resource) {
        this.model = Objects.requireNonNull(model, "model");
        JsonNode json;
        try (InputStream in = ResourceChatInstructions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            json = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        this.instructions = json.path("instructions").asText();
        if (instructions.isBlank()) {
            throw new IllegalStateException(resource + " has no instructions");
        }
        this.temperature = number(json, "temperature");
        this.topP = number(json, "top_p");
    }

    private static OptionalDouble number(JsonNode json, String field) {
        return json.hasNonNull(field) ? OptionalDouble.of(json.get(field).asDouble()) : OptionalDouble.empty();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String instructions() {
        return instructions;
    }

    @Override
    public OptionalDouble temperature() {
        return temperature;
    }

    @Override
    public OptionalDouble topP() {
        return topP;
    }
}
