package kz.clinicai.shared.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
 * What each model accepts and how long it lives, from the configuration table
 * {@code kz/clinicai/shared/openai/models.json}: sampling parameters (temperature, top_p — reasoning models refuse
 * them with 400 unsupported_parameter), structured output, the file_search tool, the {@code reasoning.effort} values
 * the model takes (any other is refused with 400 unsupported_value), its shutdown date and named replacement (from
 * OpenAI's deprecations page; the live source is {@code GET /v1/models}' {@code shutdown_date}). Exact names first,
 * then families by longest prefix (dated snapshots, YandexGPT's {@code gpt://} URIs). A model the table does not
 * know gets no sampling parameters and no reasoning effort: the API never refuses their absence.
 */
public final class ModelCapabilities {

    static final String RESOURCE = "/kz/clinicai/shared/openai/models.json";

    /**
     * What one model accepts; {@code kind} is responses, transcription, live-transcription, realtime or speech.
     * {@code shutdown} is the first day the model no longer answers; {@code offered} false keeps a row (for its date and
     * replacement) out of what the platform offers.
     */
    public record Capability(String kind, boolean sampling, boolean structuredOutput, boolean fileSearch,
            List<String> reasoningEfforts, Optional<LocalDate> shutdown, Optional<String> replacement,
            boolean offered) {

        public Capability {
            reasoningEfforts = List.copyOf(reasoningEfforts);
        }

        /** A model that takes {@code reasoning.effort} at all. */
        public boolean reasoning() {
            return !reasoningEfforts.isEmpty();
        }
    }

    /** The sampling parameters to send: those the caller set and the model accepts. */
    public record Sampling(Optional<Double> temperature, Optional<Double> topP) {
    }

    /** Every effort OpenAI's API names, lowest first. */
    public static final List<String> EFFORT_ORDER = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

    private static final ModelCapabilities STANDARD = load();

    private final Map<String, Capability> models;
    private final Map<String, Capability> families;
    private final Map<String, Capability> familyExceptions;
    private final Map<String, String> defaults;

    ModelCapabilities(JsonNode config) {
        this.models = table(config.path("models"));
        Map<String, Capability> byPrefix = new LinkedHashMap<>();
        table(config.path("families")).entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Capability> e) -> e.getKey().length()).reversed())
                .forEach(e -> byPrefix.put(e.getKey(), e.getValue()));
        this.families = Collections.unmodifiableMap(byPrefix);
        this.familyExceptions = table(config.path("familyExceptions"));
        Map<String, String> byKind = new LinkedHashMap<>();
        config.path("defaults").fields().forEachRemaining(e -> byKind.put(e.getKey(), e.getValue().asText()));
        this.defaults = Collections.unmodifiableMap(byKind);
    }

    /**
     * The platform's default model of a kind ({@code defaults} in the table): what a function uses when its environment
     * names none. Kept in the table, beside the shutdown dates it must outlive, so no model name is written into code.
     */
    public String defaultModel(String kind) {
        String model = defaults.get(kind);
        if (model == null) {
            throw new IllegalStateException(RESOURCE + " names no default " + kind + " model");
        }
        return model;
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
            List<String> efforts = new ArrayList<>();
            c.path("reasoningEfforts").forEach(v -> efforts.add(v.asText()));
            Optional<LocalDate> shutdown;
            try {
                shutdown = c.hasNonNull("shutdown") ? Optional.of(LocalDate.parse(c.get("shutdown").asText()))
                        : Optional.empty();
            } catch (DateTimeParseException bad) {
                // A typo in the table must fail the build's tests, not silently keep a dead model alive.
                throw new IllegalStateException(RESOURCE + ": bad shutdown date for " + e.getKey(), bad);
            }
            out.put(e.getKey(), new Capability(c.path("kind").asText("responses"), c.path("sampling").asBoolean(false),
                    c.path("structuredOutput").asBoolean(false), c.path("fileSearch").asBoolean(false), efforts,
                    shutdown, Optional.ofNullable(c.path("replacement").textValue()),
                    c.path("offered").asBoolean(true)));
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

    /** The {@code reasoning.effort} values the model accepts; empty for a non-reasoning or unknown model. */
    public List<String> reasoningEfforts(String model) {
        return of(model).map(Capability::reasoningEfforts).orElse(List.of());
    }

    /**
     * The effort to send for a configured one: the configured effort when the model takes it; else, for a reasoning
     * model, the lowest effort it takes that is at least the configured one (the table lists efforts from lowest to
     * highest), or its highest; empty for a model that takes no effort (sending one would be refused).
     */
    public Optional<String> reasoningEffort(String model, String configured) {
        List<String> efforts = reasoningEfforts(model);
        if (efforts.isEmpty() || configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        if (efforts.contains(configured)) {
            return Optional.of(configured);
        }
        int wanted = EFFORT_ORDER.indexOf(configured);
        for (String e : efforts) {
            if (EFFORT_ORDER.indexOf(e) >= wanted) {
                return Optional.of(e);
            }
        }
        return Optional.of(efforts.get(efforts.size() - 1));
    }

    /** The published shutdown date (the first day the model no longer answers), if any. */
    public Optional<LocalDate> shutdownDate(String model) {
        return of(model).flatMap(Capability::shutdown);
    }

    /** OpenAI's named replacement, where published. */
    public Optional<String> replacement(String model) {
        return of(model).flatMap(Capability::replacement);
    }

    /** True from the shutdown date on: a request naming the model is then refused (404 model_not_found). */
    public boolean isShutDown(String model, LocalDate today) {
        return shutdownDate(model).map(d -> !today.isBefore(d)).orElse(false);
    }

    /** Days from today to the shutdown date (0 on the day, negative after); Long.MAX_VALUE when none is published. */
    public long daysUntilShutdown(String model, LocalDate today) {
        return shutdownDate(model).map(d -> ChronoUnit.DAYS.between(today, d)).orElse(Long.MAX_VALUE);
    }

    /**
     * Why a saved assistant configuration would be refused by the API, in words for the person saving it; empty
     * when the combination is fine. Lifecycle (shut down, shutting down soon) is the console's rule, not this one.
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
                    + "empty, or choose a model that accepts them.");
        }
        return Optional.empty();
    }

    /** The exact model names of one kind the platform offers on the real date (UTC), in table order. */
    public List<String> choices(String kind) {
        return choices(kind, LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /**
     * The exact model names of one kind the platform offers on {@code today}, in table order: rows not marked
     * {@code offered: false} and not shut down. Retired rows stay in the table (for their dates and replacements)
     * but are never offered.
     */
    public List<String> choices(String kind, LocalDate today) {
        return models.entrySet().stream()
                .filter(e -> e.getValue().kind().equals(kind) && e.getValue().offered()
                        && e.getValue().shutdown().map(today::isBefore).orElse(true))
                .map(Map.Entry::getKey).toList();
    }

    /** Every exact model name in the table, in table order (offered or not): what the daily check can compare. */
    public List<String> known() {
        return List.copyOf(models.keySet());
    }
}
