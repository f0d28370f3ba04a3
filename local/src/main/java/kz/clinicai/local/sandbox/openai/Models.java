package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * OpenAI's model catalogue as the simulator serves it ({@code sandbox/openai-models.json}): which Responses models
 * exist and which of them are reasoning models (no temperature/top_p; the {@code reasoning.effort} values each takes),
 * the transcription, speech, Realtime and live-transcription models, every model's shutdown date (a model is served
 * until that day and refused from it on: nothing is deleted, the date retires it), the built-in voices, and the
 * sandbox's price table behind {@code /v1/organization/costs}. Independent of the platform's own capability table on
 * purpose: the simulator stands for the real API, not for our configuration.
 */
final class Models {

    static final String RESOURCE = "/sandbox/openai-models.json";
    static final String DEPRECATIONS = "https://platform.openai.com/docs/deprecations";

    /** One row of {@code GET /v1/models}. */
    record Listed(String id, long created, String ownedBy, Optional<LocalDate> shutdownDate) {
    }

    private final Set<String> reasoning;
    private final Set<String> sampling;
    private final Set<String> transcription;
    private final Set<String> speech;
    private final Set<String> realtime;
    private final Set<String> liveTranscription;
    private final Set<String> voices;
    private final Map<String, List<String>> efforts;
    private final Map<String, String> defaultEffort;
    private final Map<String, LocalDate> shutdown;
    private final JsonNode created;
    private final JsonNode ownedBy;
    private final JsonNode prices;
    private final List<String> all;

    private Models(JsonNode config) {
        this.reasoning = set(config.path("reasoning"));
        this.sampling = set(config.path("sampling"));
        this.transcription = set(config.path("transcription"));
        this.speech = set(config.path("speech"));
        this.realtime = set(config.path("realtime"));
        this.liveTranscription = set(config.path("liveTranscription"));
        this.voices = set(config.path("voices"));
        Map<String, List<String>> byPrefix = new LinkedHashMap<>();
        fields(config.path("efforts")).entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, JsonNode> e) -> e.getKey().length()).reversed())
                .forEach(e -> {
                    List<String> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(v.asText()));
                    byPrefix.put(e.getKey(), List.copyOf(values));
                });
        this.efforts = byPrefix;
        Map<String, String> defaults = new LinkedHashMap<>();
        fields(config.path("defaultEffort")).forEach((k, v) -> defaults.put(k, v.asText()));
        this.defaultEffort = defaults;
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        fields(config.path("shutdown")).forEach((k, v) -> dates.put(k, LocalDate.parse(v.asText())));
        this.shutdown = dates;
        this.created = config.path("created");
        this.ownedBy = config.path("ownedBy");
        this.prices = config.path("prices");
        Set<String> every = new LinkedHashSet<>();
        for (String list : List.of("reasoning", "sampling", "transcription", "speech", "realtime", "liveTranscription")) {
            config.path(list).forEach(n -> every.add(n.asText()));
        }
        this.all = List.copyOf(every);
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

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
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

    boolean isRealtimeModel(String model) {
        return realtime.contains(model);
    }

    boolean isLiveTranscriptionModel(String model) {
        return liveTranscription.contains(model);
    }

    Set<String> voices() {
        return voices;
    }

    /** The reasoning.effort values a reasoning model takes (longest prefix in 'efforts'); empty for other models. */
    List<String> efforts(String model) {
        if (!isReasoning(model)) {
            return List.of();
        }
        for (Map.Entry<String, List<String>> e : efforts.entrySet()) {
            if (model.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return List.of("low", "medium", "high");
    }

    /** The effort a reasoning model applies when the request names none. */
    String defaultEffort(String model) {
        for (Map.Entry<String, String> e : defaultEffort.entrySet()) {
            if (!e.getKey().equals("default") && model.startsWith(e.getKey()) && efforts(model).contains(e.getValue())) {
                return e.getValue();
            }
        }
        List<String> takes = efforts(model);
        String fallback = defaultEffort.getOrDefault("default", "medium");
        return takes.contains(fallback) || takes.isEmpty() ? fallback : takes.getFirst();
    }

    Optional<LocalDate> shutdownDate(String model) {
        return Optional.ofNullable(shutdown.get(model));
    }

    /** Served on {@code today}: known and not past its shutdown date (the shutdown day itself is the first day off). */
    boolean isLive(String model, LocalDate today) {
        return all.contains(model) && shutdownDate(model).map(today::isBefore).orElse(true);
    }

    boolean isRetired(String model, LocalDate today) {
        return all.contains(model) && !isLive(model, today);
    }

    /**
     * Refuses a request naming a model that is shut down on {@code today} as the real API does: 404 model_not_found,
     * "The model `X` has been deprecated, learn more here: …".
     */
    void requireLive(String model, LocalDate today) {
        if (isRetired(model, today)) {
            throw OpenAiError.notFound("The model `" + model + "` has been deprecated, learn more here: " + DEPRECATIONS,
                    null, "model_not_found");
        }
    }

    /** {@code GET /v1/models}: every model served on {@code today}, with its shutdown date where one is published. */
    List<Listed> listed(LocalDate today) {
        return all.stream().filter(m -> isLive(m, today)).map(this::row).toList();
    }

    Optional<Listed> listed(String model, LocalDate today) {
        return isLive(model, today) ? Optional.of(row(model)) : Optional.empty();
    }

    private Listed row(String model) {
        long when = created.has(model) ? created.get(model).asLong() : created.path("default").asLong(1735689600L);
        String owner = ownedBy.has(model) ? ownedBy.get(model).asText() : ownedBy.path("default").asText("system");
        return new Listed(model, when, owner, shutdownDate(model));
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
