package kz.clinicai.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kz.clinicai.local.template.TableDef;
import kz.clinicai.local.template.TemplateException;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;

/**
 * Puts the items of {@code seed/<TableLogicalId>.json} (a classpath resource: a JSON array of items in plain JSON)
 * into each table of the template, so a capability that needs configuration rows (a clinic, an assistant) works
 * right after boot. Placeholders ({@code ${infoclinica.baseUrl}}, {@code ${file:…}}) are expanded per item by the
 * caller's expander; an item whose placeholder nobody provides (its service runs for real without that setting)
 * is skipped, not half-written. Items are overwritten at every boot: sandbox URLs change with the ports.
 */
public final class TableSeeder {

    public static final String DIRECTORY = "/seed/";

    /** @param items table logical id → items put; {@code skipped} items left out for a missing setting */
    public record Result(Map<String, Integer> items, int skipped) {
        public int total() {
            return items.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final LocalWorld world;
    private final AwsClients aws;
    private final ClassLoader resources;

    public TableSeeder(LocalWorld world, AwsClients aws, ClassLoader resources) {
        this.world = world;
        this.aws = aws;
        this.resources = resources;
    }

    /** @param expand a raw item's JSON text → the text with placeholders filled, or empty to skip the item */
    public Result seedAll(Function<String, Optional<String>> expand) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int skipped = 0;
        for (TableDef table : world.template().tables()) {
            Optional<JsonNode> items = read(table.logicalId());
            if (items.isEmpty()) {
                continue;
            }
            int put = 0;
            for (JsonNode item : items.get()) {
                Optional<String> json = expand.apply(item.toString());
                if (json.isEmpty()) {
                    skipped++;
                    continue;
                }
                put(table, json.get());
                put++;
            }
            counts.put(table.logicalId(), put);
        }
        return new Result(counts, skipped);
    }

    private void put(TableDef table, String json) {
        String name = world.tableName(table);
        aws.dynamo().putItem(r -> r.tableName(name).item(EnhancedDocument.fromJson(json).toMap()));
    }

    private Optional<JsonNode> read(String logicalId) {
        String resource = DIRECTORY.substring(1) + logicalId + ".json";
        try (InputStream in = resources.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode root = Json.mapper().readTree(in);
            if (root == null || !root.isArray()) {
                throw new TemplateException(resource + " must be a JSON array of items");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw new TemplateException(resource + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
