package kz.clinicai.shared.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;

/**
 * What each model accepts, from the configuration table {@code kz/clinicai/shared/openai/models.json}: sampling
 * parameters (temperature, top_p — reasoning models refuse them with 400 unsupported_parameter), structured output,
 * the file_search tool. Exact names first, then families by longest prefix (dated snapshots, YandexGPT's
 * {@code gpt://} URIs). A model the table does not know gets no sampling parameters: the API never refuses their
 * absence.
 */
public final class ModelCapabilities {

    static final String RESOURCE = "/kz/clinicai/shared/openai/models.json";

    /** What one model accepts; {@code kind} is responses, transcription or speech. */
    public record Capability(String kind, boolean sampling, boolean structuredOutput, boolean fileSearch) {
    }

    /** The sampling parameters to send: those the caller set and the model accepts. */
    public record Sampling(Optional<Double> temperature, Optional<Double> topP) {
    }

    private static final ModelCapabilities STANDARD = load();

    private final Map<String, Capability> models;
    private final Map<String, Capability> families;
    private final Map<String, Capability> familyExceptions;

    ModelCapabilities(JsonNode config) {
        this.models = table(config.path("models"));
        Map<String, Capability> byPrefix = new LinkedHashMap<>();
        table(config.path("families")).entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Capability> e) -> e.getKey().length()).reversed())
                .forEach(e -> byPrefix.put(e.getKey(), e.getValue()));
        this.families = Collections.unmodifiableMap(byPrefix);
        this.familyExceptions = table(config.path("familyExceptions"));
    }

    /** The platform's table (loaded once from the classpath). */
    public static ModelCapabilities standard() {
        return STANDARD;
    }

    static ModelCapabilities load() {
        try (InputStream in = ModelCapabilities.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ModelCapabilities(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Map<String, Capability> table(JsonNode node) {
        Map<String, Capability> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            out.put(e.getKey(), new Capability(c.path("kind").asText("responses"), c.path("sampling").asBoolean(false),
                    c.path("structuredOutput").asBoolean(false), c.path("fileSearch").asBoolean(false)));
        }
        return Collections.unmodifiableMap(out);
    }

    public Optional<Capability> of(String model) {
        if (model == null) {
            return Optional.empty();
        }
        Capability exact = models.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, Capability> family : families.entrySet()) {
            if (model.startsWith(family.getKey())) {
                for (Map.Entry<String, Capability> exception : familyExceptions.entrySet()) {
                    if (model.endsWith(exception.getKey())) {
                        return Optional.of(exception.getValue());
                    }
                }
                return Optional.of(family.getValue());
            }
        }
        return Optional.empty();
    }

    public boolean acceptsSampling(String model) {
        return of(model).map(Capability::sampling).orElse(false);
    }

    /** Drops the sampling parameters the model would refuse (and all of them for a model the table does not know). */
    public Sampling sampling(String model, Double temperature, Double topP) {
        boolean ok = acceptsSampling(model);
        return new Sampling(ok ? Optional.ofNullable(temperature) : Optional.empty(),
                ok ? Optional.ofNullable(topP) : Optional.empty());
    }

    /**
     * Why a saved assistant configuration would be refused by the API, in words for the person saving it; empty
     * when the combination is fine.
     */
    public Optional<String> refusal(String model, Double temperature, Double topP) {
        Optional<Capability> c = of(model);
        if (c.isEmpty()) {
            return Optional.of("Unknown model '" + model + "'. Choose one of " + String.join(", ", choices("responses"))
                    + ", another dated snapshot of these families, or a YandexGPT model URI gpt://<folder>/<model>/latest.");
        }
        if (!c.get().kind().equals("responses")) {
            return Optional.of("Model '" + model + "' is a " + c.get().kind() + " model and cannot answer as an "
                    + "assistant.");
        }
        if (!c.get().sampling() && (temperature != null || topP != null)) {
            List<String> given = new ArrayList<>();
            if (temperature != null) {
                given.add("temperature");
            }
            if (topP != null) {
                given.add("top_p");
            }
            return Optional.of("Model '" + model + "' is a reasoning model: the OpenAI API refuses "
                    + String.join(" and ", given) + " with it (unsupported_parameter). Leave temperature and top_p "
                    + "empty, or choose a model that accepts them, e.g. gpt-4.1-mini.");
        }
        return Optional.empty();
    }

    /** The exact model names of one kind, in table order: what the console offers. */
    public List<String> choices(String kind) {
        return models.entrySet().stream().filter(e -> e.getValue().kind().equals(kind)).map(Map.Entry::getKey).toList();
    }
}
