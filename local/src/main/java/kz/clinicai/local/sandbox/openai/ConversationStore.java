package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.json.Json;

/** Conversations ({@code /v1/conversations}) and their items, in memory; responses append to them. */
final class ConversationStore {

    private record Conversation(ObjectNode object, List<ObjectNode> items) {
    }

    private final Clock clock;
    private final Ids ids;
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();

    ConversationStore(Clock clock, Ids ids) {
        this.clock = clock;
        this.ids = ids;
    }

    synchronized void reset() {
        conversations.clear();
    }

    boolean handle(Call call) throws IOException {
        if (call.segments().isEmpty() || !call.segment(0).equals("conversations")) {
            return false;
        }
        if (call.is("POST", 1)) {
            JsonNode body = call.json();
            List<ObjectNode> items = Items.normalise(body.path("items"), ids);
            synchronized (this) {
                ObjectNode c = Json.mapper().createObjectNode();
                String id = ids.next("conv_");
                c.put("id", id);
                c.put("object", "conversation");
                c.put("created_at", clock.instant().getEpochSecond());
                c.set("metadata", body.path("metadata").isObject() ? body.get("metadata") : Json.mapper().createObjectNode());
                conversations.put(id, new Conversation(c, new ArrayList<>(items)));
                call.ok(c.deepCopy());
            }
        } else if (call.is("GET", 2)) {
            call.ok(conversation(call.segment(1)).object().deepCopy());
        } else if (call.is("POST", 2)) {
            JsonNode body = call.json();
            synchronized (this) {
                Conversation c = conversation(call.segment(1));
                if (body.path("metadata").isObject()) {
                    c.object().set("metadata", body.get("metadata"));
                }
                call.ok(c.object().deepCopy());
            }
        } else if (call.is("DELETE", 2)) {
            synchronized (this) {
                conversation(call.segment(1));
                conversations.remove(call.segment(1));
            }
            ObjectNode d = Json.mapper().createObjectNode();
            d.put("id", call.segment(1));
            d.put("object", "conversation.deleted");
            d.put("deleted", true);
            call.ok(d);
        } else if (call.is("GET", 3) && call.segment(2).equals("items")) {
            call.ok(Pages.page(items(call.segment(1)), call.query(), 20, "desc"));
        } else if (call.is("POST", 3) && call.segment(2).equals("items")) {
            JsonNode body = call.json();
            if (!body.path("items").isArray()) {
                throw OpenAiError.missing("items");
            }
            List<ObjectNode> added = Items.normalise(body.get("items"), ids);
            append(call.segment(1), added);
            call.ok(Pages.all(added));
        } else if (call.is("GET", 4) && call.segment(2).equals("items")) {
            call.ok(item(call.segment(1), call.segment(3)).deepCopy());
        } else if (call.is("DELETE", 4) && call.segment(2).equals("items")) {
            synchronized (this) {
                Conversation c = conversation(call.segment(1));
                c.items().remove(item(call.segment(1), call.segment(3)));
                call.ok(c.object().deepCopy());
            }
        }
        return true;
    }

    synchronized List<ObjectNode> items(String conversationId) {
        return conversation(conversationId).items().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized void append(String conversationId, List<ObjectNode> items) {
        Conversation c = conversation(conversationId);
        items.forEach(i -> c.items().add(i.deepCopy()));
    }

    private synchronized ObjectNode item(String conversationId, String itemId) {
        return conversation(conversationId).items().stream()
                .filter(i -> i.path("id").asText().equals(itemId)).findFirst()
                .orElseThrow(() -> OpenAiError.notFound("Item with id '" + itemId + "' not found.", "item_id", null));
    }

    private Conversation conversation(String id) {
        Conversation c = conversations.get(id);
        if (c == null) {
            throw OpenAiError.notFound("Conversation with id '" + id + "' not found.", "conversation",
                    "conversation_not_found");
        }
        return c;
    }
}
