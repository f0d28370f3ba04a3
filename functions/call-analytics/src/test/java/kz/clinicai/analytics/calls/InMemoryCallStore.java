package kz.clinicai.analytics.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import kz.clinicai.analytics.uis.UisCall;
import kz.clinicai.shared.json.Json;

/**
 * {@link CallStore} in memory for unit tests: each call is the JSON document {@link DynamoDbCallStore} stores (values
 * go through the same Jackson mapping, so what a step stores reads back the same way), and every write has the same
 * condition. {@code CallStoreContract} (local module) runs it and DynamoDB Local under the same tests.
 */
public final class InMemoryCallStore implements CallStore {

    private final Clock clock;
    private final Duration keep;
    /** profile → call id → item (the id order is the table's sort-key order: 20-digit ids). */
    private final Map<String, TreeMap<Long, ObjectNode>> items = new TreeMap<>();

    public InMemoryCallStore(Clock clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    public InMemoryCallStore() {
        this(Clock.systemUTC(), Duration.ofDays(90));
    }

    @Override
    public synchronized Optional<CallRecord> register(String profileId, UisCall call, CallStatus status) {
        TreeMap<Long, ObjectNode> calls = items.computeIfAbsent(profileId, p -> new TreeMap<>());
        if (calls.containsKey(call.id())) {
            return find(profileId, call.id());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("profileId", profileId);
        doc.put("callId", call.id());
        doc.put("status", status.name());
        doc.put("call", call);
        doc.put("enqueued", false);
        doc.put("startTime", call.startTime());
        doc.put("recordingWaits", 0);
        doc.put("writtenBack", false);
        doc.put("attempts", 0);
        doc.put("updatedAt", clock.instant().toString());
        doc.put("expiresAt", clock.instant().plus(keep).getEpochSecond());
        calls.put(call.id(), Json.mapper().valueToTree(doc));
        return Optional.empty();
    }

    @Override
    public synchronized void markEnqueued(String profileId, long callId) {
        update(profileId, callId, Map.of("enqueued", true));
    }

    @Override
    public synchronized Optional<CallRecord> find(String profileId, long callId) {
        return item(profileId, callId).map(InMemoryCallStore::read);
    }

    @Override
    public synchronized boolean advance(String profileId, long callId, CallStatus expected,
                                        Map<String, Object> values) {
        Optional<ObjectNode> item = item(profileId, callId);
        if (item.isEmpty() || !expected.name().equals(item.get().path("status").asText())) {
            return false;
        }
        return update(profileId, callId, values);
    }

    @Override
    public synchronized boolean finish(String profileId, long callId, CallStatus expected, CallStatus outcome,
                                       String reason, Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>(more);
        values.put("status", outcome.name());
        values.put("reason", reason);
        values.put("pendingWrite", profileId);
        values.put("processedAt", clock.instant().toString());
        return advance(profileId, callId, expected, values);
    }

    @Override
    public synchronized void addError(String profileId, long callId, String step, String message) {
        ObjectNode item = item(profileId, callId).orElseThrow(() -> new IllegalStateException("call " + callId
                + " of profile " + profileId + " is not stored"));
        String text = message == null ? "" : message.length() <= 500 ? message : message.substring(0, 500) + "…";
        ArrayNode errors = item.has("errors") ? (ArrayNode) item.get("errors") : item.putArray("errors");
        errors.add(Json.mapper().valueToTree(Map.of("step", step, "message", text, "at",
                clock.instant().toString())));
        item.put("attempts", item.path("attempts").asInt() + 1);
    }

    @Override
    public synchronized Optional<CallRecord> retry(String profileId, long callId) {
        Optional<CallRecord> found = find(profileId, callId);
        if (found.isEmpty() || found.get().status() != CallStatus.FAILED) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", found.get().resumePoint().name());
        values.put("reason", null);
        values.put("pendingWrite", null);
        values.put("recordingWaits", 0);
        values.put("enqueued", false);
        return advance(profileId, callId, CallStatus.FAILED, values) ? find(profileId, callId) : Optional.empty();
    }

    @Override
    public synchronized List<CallRecord> pendingRows(String profileId, int max) {
        // The sparse index: items whose pendingWrite is this profile, in sort-key order.
        return items.values().stream().flatMap(m -> m.values().stream())
                .filter(i -> profileId.equals(i.path("pendingWrite").asText(null)))
                .map(InMemoryCallStore::read).sorted(Comparator.comparingLong(CallRecord::callId)).limit(max)
                .toList();
    }

    @Override
    public synchronized boolean markAppending(String profileId, long callId, String batchId) {
        if (item(profileId, callId).filter(i -> i.has("pendingWrite")).isEmpty()) {
            return false;
        }
        return update(profileId, callId, Map.of("sheetState", "appending", "sheetBatch", batchId));
    }

    @Override
    public synchronized boolean markWritten(String profileId, long callId, String range) {
        if (item(profileId, callId).filter(i -> i.has("pendingWrite")).isEmpty()) {
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sheetState", "written");
        values.put("sheetRange", range);
        values.put("pendingWrite", null);
        values.put("sheetBatch", null);
        return update(profileId, callId, values);
    }

    @Override
    public synchronized List<CallRecord> list(String profileId, Optional<CallStatus> status,
                                              Optional<String> datePrefix, int max) {
        List<CallRecord> out = new ArrayList<>();
        for (ObjectNode item : items.getOrDefault(profileId, new TreeMap<>()).descendingMap().values()) {
            if (out.size() == max) {
                break;
            }
            if (status.isPresent() && !status.get().name().equals(item.path("status").asText())) {
                continue;
            }
            if (datePrefix.isPresent() && !item.path("startTime").asText("").startsWith(datePrefix.get())) {
                continue;
            }
            out.add(read(item));
        }
        return out;
    }

    /** The item's TTL attribute ({@code expiresAt}, epoch seconds), for the contract. */
    public synchronized OptionalLong expiresAt(String profileId, long callId) {
        return item(profileId, callId).filter(i -> i.has("expiresAt"))
                .map(i -> OptionalLong.of(i.get("expiresAt").asLong())).orElse(OptionalLong.empty());
    }

    private Optional<ObjectNode> item(String profileId, long callId) {
        return Optional.ofNullable(items.getOrDefault(profileId, new TreeMap<>()).get(callId));
    }

    /** SET the non-null values, REMOVE the null ones, stamp updatedAt; false when the call is not stored. */
    private boolean update(String profileId, long callId, Map<String, Object> values) {
        Optional<ObjectNode> found = item(profileId, callId);
        if (found.isEmpty()) {
            return false;
        }
        ObjectNode item = found.get();
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.put("updatedAt", clock.instant().toString());
        all.forEach((name, value) -> {
            if (value == null) {
                item.remove(name);
            } else {
                item.set(name, Json.mapper().<JsonNode>valueToTree(value));
            }
        });
        return true;
    }

    private static CallRecord read(ObjectNode item) {
        return Json.mapper().convertValue(item, CallRecord.class);
    }
}
