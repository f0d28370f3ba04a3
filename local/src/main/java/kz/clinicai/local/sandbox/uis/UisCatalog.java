package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;

/**
 * The documented parameters and answer fields of the simulated methods (with the type, filterable, sortable and
 * default flags of each field), read from {@code methods.json}, which was transcribed from the official
 * documentation pages (comagic/comagic.github.io {@code data_api/}).
 */
final class UisCatalog {

    record Field(String name, String type, boolean filter, boolean sort, boolean byDefault, List<String> items) {
        boolean array() {
            return type.equals("array");
        }
    }

    record Method(String name, List<String> params, Map<String, Field> fields) {
        List<String> defaultFields() {
            return fields.values().stream().filter(Field::byDefault).map(Field::name).toList();
        }

        Optional<Field> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }
    }

    private static final Map<String, Method> METHODS = load();

    private UisCatalog() {
    }

    static Method method(String name) {
        Method m = METHODS.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no documented method " + name);
        }
        return m;
    }

    private static Map<String, Method> load() {
        try (InputStream in = UisCatalog.class.getResourceAsStream("methods.json")) {
            if (in == null) {
                throw new IllegalStateException("uis/methods.json is missing from the classpath");
            }
            JsonNode root = Json.mapper().readTree(in).path("methods");
            Map<String, Method> out = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> {
                List<String> params = new ArrayList<>();
                e.getValue().path("params").forEach(p -> params.add(p.asText()));
                Map<String, Field> fields = new LinkedHashMap<>();
                for (JsonNode f : e.getValue().path("fields")) {
                    List<String> items = new ArrayList<>();
                    f.path("items").forEach(i -> items.add(i.asText()));
                    fields.put(f.path("name").asText(), new Field(f.path("name").asText(), f.path("type").asText(),
                            f.path("filter").asBoolean(), f.path("sort").asBoolean(), f.path("default").asBoolean(),
                            List.copyOf(items)));
                }
                out.put(e.getKey(), new Method(e.getKey(), List.copyOf(params), fields));
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
