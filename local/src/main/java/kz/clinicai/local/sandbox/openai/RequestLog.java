package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import kz.clinicai.shared.json.Json;

/**
 * The last {@value #CAPACITY} requests that reached the simulator (method, path, query, a few headers, parsed
 * body), so tests of later features can assert what was sent to the model. Requests answered by an injected
 * fault never reach the service; the client's {@code x-stainless-retry-count} header tells retries apart.
 */
final class RequestLog {

    static final int CAPACITY = 500;

    private final Deque<ObjectNode> entries = new ArrayDeque<>();

    synchronized void add(ObjectNode entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    synchronized ArrayNode snapshot() {
        ArrayNode out = Json.mapper().createArrayNode();
        entries.forEach(e -> out.add(e.deepCopy()));
        return out;
    }

    synchronized void clear() {
        entries.clear();
    }

    static ObjectNode entry(String method, String path, JsonNode query, JsonNode headers, JsonNode body) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("method", method);
        // When it arrived (epoch ms): benchmarks tell which request belongs to which webhook turn.
        e.put("received_at_ms", System.currentTimeMillis());
        e.put("path", path);
        e.set("query", query);
        e.set("headers", headers);
        e.set("body", body);
        return e;
    }
}
