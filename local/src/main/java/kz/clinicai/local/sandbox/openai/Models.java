package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * The model names the simulator knows ({@code sandbox/openai-models.json}): which Responses models exist and which
 * of them are reasoning models (no temperature/top_p), the transcription and speech models, the built-in voices,
 * and the sandbox's price table behind {@code /v1/organization/costs}. Independent of the platform's own
 * capability table on purpose: the simulator stands for the real API, not for our configuration.
 */
final class Models {

    static final String RESOURCE = "/sandbox/openai-models.json";

    private final Set<String> reasoning;
    private final Set<String> sampling;
    private final Set<String> transcription;
    private final Set<String> speech;
    private final Set<String> voices;
    private final JsonNode prices;

    private Models(JsonNode config) {
        this.reasoning = set(config.path("reasoning"));
        this.sampling = set(config.path("sampling"));
        this.transcription = set(config.path("transcription"));
        this.speech = set(config.path("speech"));
        this.voices = set(config.path("voices"));
        this.prices = config.path("prices");
    }

    static Models load() {
        try (InputStream in = Models.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new Models(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Set<String> set(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return Set.copyOf(out);
    }

    boolean isResponsesModel(String model) {
        return reasoning.contains(model) || sampling.contains(model);
    }

    boolean isReasoning(String model) {
        return reasoning.contains(model);
    }

    boolean isTranscriptionModel(String model) {
        return transcription.contains(model);
    }

    boolean isSpeechModel(String model) {
        return speech.contains(model);
    }

    Set<String> voices() {
        return voices;
    }

    /** USD for a Responses call: the model's (input, output) price per 1M tokens, else the default. */
    double tokenCost(String model, long inputTokens, long outputTokens) {
        JsonNode p = prices.path("tokens").has(model) ? prices.path("tokens").get(model) : prices.path("tokens").path("default");
        return (inputTokens * p.path(0).asDouble() + outputTokens * p.path(1).asDouble()) / 1_000_000.0;
    }

    double audioCost(String model, double seconds) {
        JsonNode table = prices.path("audioMinute");
        return table.path(table.has(model) ? model : "default").asDouble() * seconds / 60.0;
    }

    double speechCost(String model, int characters) {
        JsonNode table = prices.path("speechMillionChars");
        return table.path(table.has(model) ? model : "default").asDouble() * characters / 1_000_000.0;
    }
}
