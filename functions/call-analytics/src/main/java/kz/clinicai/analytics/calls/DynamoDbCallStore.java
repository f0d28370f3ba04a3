package kz.clinicai.analytics.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import kz.clinicai.analytics.uis.UisCall;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link CallStore} on the calls table (raw attribute maps, the table's one style): one item per call ({@code pk = profileId}, {@code sk = call#<20-digit id>}), plus per profile the
 * pull checkpoint ({@code sk = checkpoint}), backfill jobs ({@code sk = backfill#…}) and the writer's lease
 * ({@code sk = lock#sheets}). Every state change is a conditional write on the state it leaves, so two workers
 * holding the same message never both pay for a step, and the first pull to see a call is the only one to queue it.
 * Index {@code pendingWrite} (sparse: only calls whose row awaits the sheet) is what the Sheets writer reads.
 */
public final class DynamoDbCallStore implements CallStore {

    static final String PENDING_INDEX = "pendingWrite";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration keep;

    public DynamoDbCallStore(DynamoDbClient dynamo, String table, Clock clock, Duration keep) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.keep = keep;
    }

    static String sk(long callId) {
        return "call#" + String.format("%020d", callId);
    }

    static Map<String, AttributeValue> key(String profileId, String sk) {
        return Map.of("pk", AttributeValue.fromS(profileId), "sk", AttributeValue.fromS(sk));
    }

    /**
     * Records a call seen by the pull; the condition makes the first pull to see it the only one that queues it.
     *
     * @return empty if this call is new (now stored with {@code enqueued = false}), else the stored one
     */
    @Override
    public Optional<CallRecord> register(String profileId, UisCall call, CallStatus status) {
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
        Map<String, AttributeValue> item = new HashMap<>(attributes(doc));
        item.putAll(key(profileId, sk(call.id())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(sk)"));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return find(profileId, call.id());
        }
    }

    @Override
    public void markEnqueued(String profileId, long callId) {
        update(profileId, callId, Map.of("enqueued", true), null, Map.of());
    }

    @Override
    public Optional<CallRecord> find(String profileId, long callId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(profileId, sk(callId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    /**
     * Sets {@code values} (null values are removed) if the call's status is still {@code expected}.
     *
     * @return false if another worker moved it on (the caller re-reads and continues from there)
     */
    @Override
    public boolean advance(String profileId, long callId, CallStatus expected, Map<String, Object> values) {
        return update(profileId, callId, values, "#status = :expected",
                Map.of(":expected", AttributeValue.fromS(expected.name())));
    }

    /** Terminal: the row is ready for the sheet ({@code pendingWrite} puts it on the writer's index). */
    @Override
    public boolean finish(String profileId, long callId, CallStatus expected, CallStatus outcome, String reason,
                          Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>(more);
        values.put("status", outcome.name());
        values.put("reason", reason);
        values.put("pendingWrite", profileId);
        values.put("processedAt", clock.instant().toString());
        return advance(profileId, callId, expected, values);
    }

    /** Appends one step error (unconditional: errors are a history, whoever writes them). */
    @Override
    public void addError(String profileId, long callId, String step, String message) {
        Map<String, Object> error = Map.of("step", step, "message", truncate(message, 500), "at",
                clock.instant().toString());
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(profileId, sk(callId)))
                    .updateExpression("SET errors = list_append(if_not_exists(errors, :empty), :e), attempts = attempts + :one")
                    .conditionExpression("attribute_exists(sk)")
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromL(List.of(AttributeValue.fromM(attributes(error)))),
                            ":empty", AttributeValue.fromL(List.of()), ":one", AttributeValue.fromN("1"))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("call " + callId + " of profile " + profileId + " is not stored");
        }
    }

    /** A failed call back to the step it resumes at; its row (if written) is updated in place later. */
    @Override
    public Optional<CallRecord> retry(String profileId, long callId) {
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

    // ------------------------------------------------------------------ the sheet ledger

    /** Calls whose row awaits the sheet, oldest call first. */
    @Override
    public List<CallRecord> pendingRows(String profileId, int max) {
        List<CallRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(PENDING_INDEX)
                    .keyConditionExpression("pendingWrite = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(profileId)))
                    .exclusiveStartKey(from).limit(Math.min(max, 500)).build());
            // The index projects keys only: read each call consistently (an index read may lag its table).
            for (var item : page.items()) {
                find(profileId, Long.parseLong(item.get("sk").s().substring(5))).filter(c -> c.pendingWrite() != null)
                        .ifPresent(out::add);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < max);
        return out;
    }

    /** Before an append: this call's row is in batch {@code batchId}, outcome unknown until {@link #markWritten}. */
    @Override
    public boolean markAppending(String profileId, long callId, String batchId) {
        return update(profileId, callId, Map.of("sheetState", "appending", "sheetBatch", batchId),
                "attribute_exists(pendingWrite)", Map.of());
    }

    /** After the append (or the lookup that found the row): the ledger entry call id → range. */
    @Override
    public boolean markWritten(String profileId, long callId, String range) {
        Map<String, Object> values = new HashMap<>();
        values.put("sheetState", "written");
        values.put("sheetRange", range);
        values.put("pendingWrite", null);
        values.put("sheetBatch", null);
        return update(profileId, callId, values, "attribute_exists(pendingWrite)", Map.of());
    }

    /** Calls of a profile, newest first, optionally by status and local start date prefix ({@code 2026-11-30}). */
    @Override
    public List<CallRecord> list(String profileId, Optional<CallStatus> status, Optional<String> datePrefix, int max) {
        List<CallRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(profileId));
        values.put(":c", AttributeValue.fromS("call#"));
        StringJoiner filter = new StringJoiner(" AND ");
        Map<String, String> names = new HashMap<>();
        status.ifPresent(s -> {
            filter.add("#status = :s");
            names.put("#status", "status");
            values.put(":s", AttributeValue.fromS(s.name()));
        });
        datePrefix.ifPresent(d -> {
            filter.add("begins_with(startTime, :d)");
            values.put(":d", AttributeValue.fromS(d));
        });
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :c)").expressionAttributeValues(values)
                    .scanIndexForward(false).exclusiveStartKey(start);
            if (filter.length() > 0) {
                q.filterExpression(filter.toString());
            }
            if (!names.isEmpty()) {
                q.expressionAttributeNames(names);
            }
            QueryResponse page = dynamo.query(q.build());
            page.items().forEach(i -> out.add(read(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < max);
        return out.size() > max ? out.subList(0, max) : out;
    }

    // ------------------------------------------------------------------ plumbing

    boolean update(String profileId, long callId, Map<String, Object> values, String condition,
                   Map<String, AttributeValue> conditionValues) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.put("updatedAt", clock.instant().toString());
        StringJoiner set = new StringJoiner(", ");
        StringJoiner remove = new StringJoiner(", ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> attrValues = new HashMap<>(conditionValues);
        int i = 0;
        for (Map.Entry<String, Object> e : all.entrySet()) {
            String n = "#a" + i;
            names.put(n, e.getKey());
            if (e.getValue() == null) {
                remove.add(n);
            } else {
                set.add(n + " = :v" + i);
                attrValues.put(":v" + i, attribute(e.getValue()));
            }
            i++;
        }
        String expression = (set.length() > 0 ? "SET " + set : "") + (remove.length() > 0 ? " REMOVE " + remove : "");
        if (condition != null && condition.contains("#status")) {
            names.put("#status", "status");
        }
        String fullCondition = "attribute_exists(sk)" + (condition == null ? "" : " AND " + condition);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(profileId, sk(callId))).updateExpression(expression)
                    .conditionExpression(fullCondition).expressionAttributeNames(names)
                    .expressionAttributeValues(attrValues.isEmpty() ? null : attrValues));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Map<String, AttributeValue> attributes(Map<String, Object> doc) {
        return EnhancedDocument.fromJson(Json.write(doc)).toMap();
    }

    static AttributeValue attribute(Object value) {
        return attributes(Map.of("v", value)).get("v");
    }

    static CallRecord read(Map<String, AttributeValue> item) {
        try {
            return Json.mapper().readValue(EnhancedDocument.fromAttributeValueMap(item).toJson(), CallRecord.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("call item unreadable: " + item.get("sk"), e);
        }
    }

    static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "…";
    }

}
