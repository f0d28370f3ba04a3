package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/** OpenAI's cursor lists: {"object":"list","data":[…],"first_id","last_id","has_more"} with order/limit/after. */
final class Pages {

    private Pages() {
    }

    /**
     * @param oldestFirst the items in creation order
     * @param defaultLimit the endpoint's default page size
     * @param defaultOrder "asc" or "desc", as the real endpoint defaults
     */
    static ObjectNode page(List<ObjectNode> oldestFirst, Map<String, String> query, int defaultLimit,
            String defaultOrder) {
        List<ObjectNode> ordered = new ArrayList<>(oldestFirst);
        String order = query.getOrDefault("order", defaultOrder);
        if (order.equals("desc")) {
            Collections.reverse(ordered);
        } else if (!order.equals("asc")) {
            throw OpenAiError.invalid("Invalid value for 'order': expected 'asc' or 'desc'.", "order", "invalid_value");
        }
        int limit = defaultLimit;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                throw OpenAiError.invalid("Invalid value for 'limit': expected an integer.", "limit", "invalid_value");
            }
            if (limit < 1) {
                throw OpenAiError.invalid("Invalid value for 'limit': must be at least 1.", "limit", "invalid_value");
            }
        }
        int start = 0;
        String after = query.get("after");
        if (after != null) {
            for (int i = 0; i < ordered.size(); i++) {
                if (after.equals(ordered.get(i).path("id").asText())) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(ordered.size(), start + limit);
        ObjectNode list = Json.mapper().createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        ordered.subList(start, end).forEach(data::add);
        list.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
        list.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
        list.put("has_more", end < ordered.size());
        return list;
    }

    /** A list of everything given, in that order (answers of "add items" calls). */
    static ObjectNode all(List<ObjectNode> items) {
        return page(items, Map.of("order", "asc", "limit", String.valueOf(Math.max(1, items.size()))), 1, "asc");
    }
}
