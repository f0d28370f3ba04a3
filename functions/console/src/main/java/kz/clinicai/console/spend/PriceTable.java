package kz.clinicai.console.spend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.usage.Usage;

/**
 * USD prices per model: per million input and output tokens, per minute of audio. The built-in rows are list
 * prices at the time of writing; a deployment overrides or adds rows with the template parameter ConsolePriceTable
 * ({@code {"gpt-4o-mini":{"input":0.15,"output":0.6},"gpt-transcribe":{"audio_minute":0.006}}}). A model with no
 * row costs 0 and is reported as unpriced, never guessed.
 */
public final class PriceTable {

    public record Price(double inputPerMillion, double outputPerMillion, double audioPerMinute) {
    }

    private static final Map<String, Price> DEFAULTS = Map.ofEntries(
            // OpenAI's pricing page, 2026-12-07: the platform's default since issue 19.
            Map.entry("gpt-6-luna", new Price(0.10, 0.50, 0)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.60, 0)),
            Map.entry("gpt-4o", new Price(2.50, 10.00, 0)),
            Map.entry("gpt-4.1", new Price(2.00, 8.00, 0)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 1.60, 0)),
            Map.entry("gpt-4.1-nano", new Price(0.10, 0.40, 0)),
            Map.entry("gpt-5", new Price(1.25, 10.00, 0)),
            Map.entry("gpt-5-mini", new Price(0.25, 2.00, 0)),
            Map.entry("gpt-5-nano", new Price(0.05, 0.40, 0)),
            Map.entry("gpt-transcribe", new Price(0, 0, 0.006)),
            Map.entry("whisper-1", new Price(0, 0, 0.006)));

    private final Map<String, Price> prices;

    public PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable defaults() {
        return new PriceTable(DEFAULTS);
    }

    /** The defaults with the rows of {@code json} (env PRICE_TABLE_JSON) laid over them. */
    public static PriceTable parse(Optional<String> json) {
        Map<String, Price> all = new LinkedHashMap<>(DEFAULTS);
        if (json.isPresent()) {
            try {
                JsonNode root = Json.mapper().readTree(json.get());
                if (root == null || !root.isObject()) {
                    throw new IOException("not an object");
                }
                root.fields().forEachRemaining(e -> all.put(e.getKey(), new Price(
                        e.getValue().path("input").asDouble(0), e.getValue().path("output").asDouble(0),
                        e.getValue().path("audio_minute").asDouble(0))));
            } catch (IOException e) {
                throw new InvalidEnvironmentException("PRICE_TABLE_JSON", "(json)",
                        "a JSON object {model: {input, output, audio_minute}}");
            }
        }
        return new PriceTable(all);
    }

    /** The price row of a model: exact name, else the longest known prefix (dated snapshots like gpt-4o-2024-08-06). */
    public Optional<Price> price(String model) {
        Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return prices.entrySet().stream().filter(e -> model.startsWith(e.getKey() + "-"))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue);
    }

    public double cost(Usage u) {
        return price(u.model()).map(p -> u.inputTokens() * p.inputPerMillion() / 1_000_000
                + u.outputTokens() * p.outputPerMillion() / 1_000_000
                + u.audioSeconds() / 60 * p.audioPerMinute()).orElse(0.0);
    }

    public Map<String, Price> rows() {
        return new java.util.TreeMap<>(prices);
    }
}
