package kz.clinicai.console.assistants;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * Reads a JSON export of the retired Assistants API ({@code GET /v1/assistants}: {@code {"object":"list","data":[…]}}
 * or a bare array) into forms. Every assistant is checked before any is saved, so an import is all or nothing as
 * far as validation goes.
 */
public final class LegacyImport {

    static final int MAX_ASSISTANTS = 500;

    public record Parsed(List<AssistantForm> forms, List<String> problems) {
    }

    private LegacyImport() {
    }

    public static Parsed parse(String json, kz.clinicai.console.lifecycle.ModelAvailability models) {
        List<String> problems = new ArrayList<>();
        List<AssistantForm> forms = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.mapper().readTree(json == null ? "" : json);
        } catch (IOException e) {
            return new Parsed(List.of(), List.of("Это не JSON"));
        }
        JsonNode list = root != null && root.isArray() ? root : root == null ? null : root.get("data");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return new Parsed(List.of(), List.of("Нет списка ассистентов (ожидался {\"data\":[…]} или массив)"));
        }
        if (list.size() > MAX_ASSISTANTS) {
            return new Parsed(List.of(), List.of("Больше " + MAX_ASSISTANTS + " ассистентов за раз"));
        }
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode a : list) {
            i++;
            AssistantForm f = new AssistantForm();
            String name = a.path("name").asText("").strip();
            f.setName(name.isEmpty() ? a.path("id").asText("") : name);
            f.setModel(a.path("model").asText(""));
            f.setInstructions(a.path("instructions").isNull() ? "" : a.path("instructions").asText(""));
            f.setTemperature(number(a.get("temperature")));
            f.setTopP(number(a.get("top_p")));
            List<String> stores = new ArrayList<>();
            a.path("tool_resources").path("file_search").path("vector_store_ids").forEach(v -> stores.add(v.asText()));
            f.setVectorStoreIds(stores);
            String label = "#" + i + " «" + f.getName() + "»: ";
            f.validate(models).values().forEach(m -> problems.add(label + m));
            if (!names.add(f.getName().strip())) {
                problems.add(label + "название повторяется в файле");
            }
            forms.add(f);
        }
        return new Parsed(forms, problems);
    }

    private static String number(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
