package kz.clinicai.calls.call;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import kz.clinicai.shared.retry.Backoff;

/**
 * One DynamoDB table (template: CallsTable) holds calls ({@code CALL#id}), the do-not-call list
 * ({@code DNC#+E164}, listed through {@code ByCreated} under {@code kind = dnc}; no TTL), webhook nonces
 * ({@code NONCE#n}) and the run-time settings the console changes ({@code SETTINGS#pool}, no TTL). Sparse indexes keep the hot questions cheap:
 * {@code ActiveCalls} holds only calls whose {@code active} attribute is set (pending/ringing/in progress), so
 * /health and the concurrency cap count them with one query; {@code ByCreated} lists calls newest first;
 * {@code DueCalls} holds only scheduled calls by next attempt time. Every call carries a TTL ({@code expires_at}).
 *
 * <p>The concurrency cap is a ledger item ({@code LINES#pool}) whose string set {@code holders} names the calls
 * holding a line. A call is admitted by one TransactWriteItems: {@code ADD holders :id} under the condition
 * {@code size(holders) < :cap} together with the call's put (or its scheduled → pending update), so two requests at
 * the cap cannot both pass. A call that leaves the active statuses deletes its id from the set (idempotent: a
 * repeated release frees nothing twice); ids of calls that ended without it are found by the scheduler
 * ({@code CallsService.reclaimLines}), which reads each holder consistently. The ledger has no TTL.
 */
public final class DynamoDbCallRepository implements CallRepository {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbCallRepository.class);
    static final String ACTIVE_INDEX = "ActiveCalls";
    static final String CREATED_INDEX = "ByCreated";
    static final String DUE_INDEX = "DueCalls";
    private static final String CALL = "CALL#";
    static final String DEFAULT_POOL = "calls";
    /** Concurrent admissions touch one ledger item; DynamoDB cancels all but one with TransactionConflict. */
    static final int MAX_CONFLICT_RETRIES = 12;
    private static final Backoff CONFLICT_BACKOFF = new Backoff(Duration.ofMillis(10), Duration.ofMillis(400));

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, AttributeValue> linesKey;
    private final Map<String, AttributeValue> settingsKey;

    public DynamoDbCallRepository(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        this(dynamo, table, clock, retention, DEFAULT_POOL);
    }

    /** @param pool names the line ledger (tests use one of their own in a shared table) */
    public DynamoDbCallRepository(DynamoDbClient dynamo, String table, Clock clock, Duration retention, String pool) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.linesKey = Map.of("pk", s("LINES#" + pool));
        this.settingsKey = Map.of("pk", s("SETTINGS#" + pool));
    }

    @Override
    public void create(Call call) {
        dynamo.putItem(b -> b.tableName(table).item(item(call)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public boolean createWithinCap(Call call, int cap) {
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(table).item(item(call))
                .conditionExpression("attribute_not_exists(pk)")).build();
        return switch (admit(call.id(), cap, put)) {
            case ADMITTED -> true;
            case FULL -> false;
            case GONE -> throw new IllegalStateException("call " + call.id() + " exists");
        };
    }

    @Override
    public Admission admitScheduled(String id, int cap) {
        TransactWriteItem pending = TransactWriteItem.builder().update(u -> u.tableName(table).key(key(id))
                .updateExpression("SET #s = :pending, active = :one, updated_at = :now REMOVE sched")
                .conditionExpression("#s = :scheduled")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":pending", s(CallStatus.PENDING.wire()), ":one", s("1"),
                        ":now", s(now()), ":scheduled", s(CallStatus.SCHEDULED.wire())))).build();
        return admit(id, cap, pending);
    }

    /** The ledger's conditional ADD and the call's own write in one transaction; conflicts retried with backoff. */
    private Admission admit(String id, int cap, TransactWriteItem callWrite) {
        TransactWriteItem line = TransactWriteItem.builder().update(u -> u.tableName(table).key(linesKey)
                .updateExpression("ADD holders :id")
                .conditionExpression("attribute_not_exists(holders) OR size(holders) < :cap OR contains(holders, :me)")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(id)), ":cap", n(cap),
                        ":me", s(id)))).build();
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                CONFLICT_BACKOFF.sleepBefore(attempt);
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(line, callWrite));
                return Admission.ADMITTED;
            } catch (TransactionCanceledException e) {
                List<String> codes = e.cancellationReasons().stream().map(r -> r.code() == null ? "None" : r.code())
                        .toList();
                if (codes.size() == 2 && codes.get(1).equals("ConditionalCheckFailed")) {
                    return Admission.GONE;
                }
                if (codes.size() == 2 && codes.get(0).equals("ConditionalCheckFailed")) {
                    return Admission.FULL;
                }
                if (!codes.contains("TransactionConflict") || attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    @Override
    public java.util.Set<String> lineHolders() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(linesKey).consistentRead(true))
                .item();
        AttributeValue holders = item == null ? null : item.get("holders");
        return holders == null || !holders.hasSs() ? java.util.Set.of() : java.util.Set.copyOf(holders.ss());
    }

    @Override
    public void releaseLine(String id) {
        // A plain write to an item an admission transaction holds is refused with TransactionConflict: retried.
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                CONFLICT_BACKOFF.sleepBefore(attempt);
            }
            try {
                dynamo.updateItem(b -> b.tableName(table).key(linesKey).updateExpression("DELETE holders :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(id)))));
                return;
            } catch (TransactionConflictException e) {
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private Map<String, AttributeValue> item(Call call) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(CALL + call.id()));
        item.put("kind", s("call"));
        item.put("call_id", s(call.id()));
        item.put("phone", s(call.phone()));
        item.put("status", s(call.status().wire()));
        item.put("mode", s(call.mode()));
        item.put("language", s(call.language()));
        putIfPresent(item, "greeting", call.greeting());
        putIfPresent(item, "assistant", call.assistant());
        Map<String, AttributeValue> meta = new HashMap<>();
        call.metadata().forEach((k, v) -> meta.put(k, s(v)));
        item.put("metadata", AttributeValue.fromM(meta));
        // Fixed-width text (Timestamps): ByCreated and DueCalls compare these strings.
        item.put("created_at", s(Timestamps.normalize(call.createdAt())));
        item.put("updated_at", s(Timestamps.normalize(call.updatedAt())));
        item.put("attempts", n(call.attempts()));
        item.put("turns", AttributeValue.fromL(List.of()));
        if (call.status().active()) {
            item.put("active", s("1"));
        }
        if (call.status() == CallStatus.SCHEDULED && call.nextAttemptAt() != null) {
            item.put("sched", s("1"));
            item.put("next_attempt_at", s(Timestamps.normalize(call.nextAttemptAt())));
        }
        item.put("expires_at", n(clock.instant().plus(retention).getEpochSecond()));
        return item;
    }

    @Override
    public Optional<Call> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public List<Call> list(Optional<CallStatus> status, int limit) {
        List<Call> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            // The index projects keys only (status cannot be filtered there): read each call and filter here.
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(CREATED_INDEX)
                    .keyConditionExpression("kind = :k").scanIndexForward(false).limit(Math.max(limit, 25))
                    .expressionAttributeValues(Map.of(":k", s("call")));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            for (Map<String, AttributeValue> keyItem : page.items()) {
                if (out.size() >= limit) {
                    break;
                }
                find(idOf(keyItem)).filter(c -> status.isEmpty() || c.status() == status.get()).ifPresent(out::add);
            }
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null && out.size() < limit);
        return out;
    }

    private static String idOf(Map<String, AttributeValue> keyItem) {
        return keyItem.get("pk").s().substring(CALL.length());
    }

    @Override
    public int countActive() {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(ACTIVE_INDEX)
                    .keyConditionExpression("active = :one").expressionAttributeValues(Map.of(":one", s("1")))
                    .select(Select.COUNT);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            count += page.count();
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return count;
    }

    @Override
    public boolean transition(String id, Set<CallStatus> from, CallStatus next, String failure) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":next", s(next.wire()));
        values.put(":now", s(now()));
        List<String> placeholders = new ArrayList<>();
        int i = 0;
        for (CallStatus f : from) {
            String p = ":f" + i++;
            placeholders.add(p);
            values.put(p, s(f.wire()));
        }
        StringBuilder update = new StringBuilder("SET #s = :next, updated_at = :now");
        if (next.active()) {
            values.put(":one", s("1"));
            update.append(", active = :one");
        }
        if (failure != null) {
            values.put(":fail", s(failure));
            update.append(", failure = :fail");
        }
        update.append(next.active() ? " REMOVE sched" : " REMOVE active, sched");
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(b -> b.tableName(table).key(key(id))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_exists(pk) AND #s IN (" + String.join(", ", placeholders) + ")")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_OLD)).attributes();
            AttributeValue was = old == null ? null : old.get("status");
            if (!next.active() && was != null && CallStatus.fromWire(was.s()).active()) {
                // After the status write, which stands whatever happens here: a release that fails (or a crash in
                // between) leaves a holder the scheduler reclaims within a minute.
                try {
                    releaseLine(id);
                } catch (RuntimeException e) {
                    LOG.warn("Call {} ended but its line was not given back now (the scheduler will): {}", id,
                            e.toString());
                }
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void appendTurns(String id, List<Turn> turns) {
        if (turns.isEmpty()) {
            return;
        }
        List<AttributeValue> list = turns.stream().map(t -> {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("role", s(t.role()));
            m.put("text", s(t.text()));
            m.put("at", s(t.at()));
            if (t.note() != null) {
                m.put("note", s(t.note()));
            }
            return AttributeValue.fromM(m);
        }).toList();
        dynamo.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET turns = list_append(if_not_exists(turns, :empty), :t), updated_at = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromL(list), ":empty", AttributeValue.fromL(List.of()),
                        ":now", s(now()))));
    }

    @Override
    public void setSession(String id, String sessionId, int attempts) {
        dynamo.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET session_id = :sid, attempts = :a, updated_at = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":sid", s(sessionId), ":a", n(attempts), ":now", s(now()))));
    }

    @Override
    public void setResult(String id, String summary, String outcomeJson) {
        dynamo.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET summary = :sum, outcome = :out, updated_at = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":sum", s(summary), ":out", s(outcomeJson), ":now", s(now()))));
    }

    @Override
    public void setRecording(String id, String keyName) {
        dynamo.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET recording_key = :r, updated_at = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":r", s(keyName), ":now", s(now()))));
    }

    @Override
    public void setGreeting(String id, String greeting) {
        dynamo.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET greeting = :g, updated_at = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":g", s(greeting), ":now", s(now()))));
    }

    @Override
    public boolean schedule(String id, CallStatus from, String nextAttemptAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(id))
                    .updateExpression("SET #s = :sch, sched = :one, next_attempt_at = :at, updated_at = :now REMOVE active")
                    .conditionExpression("#s = :from")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":sch", s(CallStatus.SCHEDULED.wire()), ":one", s("1"),
                            ":at", s(Timestamps.normalize(nextAttemptAt)), ":now", s(now()),
                            ":from", s(from.wire()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Call> due(String nowIso, int limit) {
        QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(DUE_INDEX)
                .keyConditionExpression("sched = :one AND next_attempt_at <= :now")
                .expressionAttributeValues(Map.of(":one", s("1"), ":now", s(Timestamps.normalize(nowIso))))
                .limit(limit));
        List<Call> out = new ArrayList<>();
        page.items().forEach(k -> find(idOf(k)).ifPresent(out::add));
        return out;
    }

    @Override
    public boolean onDoNotCallList(String e164) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", s("DNC#" + e164)))).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public void addToDoNotCallList(List<String> e164s, String note) {
        String now = now();
        for (String e164 : e164s) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s("DNC#" + e164));
            item.put("phone", s(e164));
            // ByCreated lists calls under kind=call; the list shares the index under its own partition.
            item.put("kind", s("dnc"));
            item.put("created_at", s(now));
            putIfPresent(item, "note", note);
            dynamo.putItem(b -> b.tableName(table).item(item));
        }
    }

    @Override
    public boolean removeFromDoNotCallList(String e164) {
        Map<String, AttributeValue> old = dynamo.deleteItem(b -> b.tableName(table)
                .key(Map.of("pk", s("DNC#" + e164))).returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    @Override
    public List<DoNotCallEntry> doNotCallList(int limit) {
        List<DoNotCallEntry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(CREATED_INDEX)
                    .keyConditionExpression("kind = :k").scanIndexForward(false).limit(Math.min(limit, 100))
                    .expressionAttributeValues(Map.of(":k", s("dnc")));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            for (Map<String, AttributeValue> keyItem : page.items()) {
                if (out.size() >= limit) {
                    break;
                }
                // The index projects keys only: the note is read from the item (gone meanwhile: skipped).
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", keyItem.get("pk")))).item();
                if (item != null && !item.isEmpty()) {
                    out.add(new DoNotCallEntry(str(item, "phone"), str(item, "created_at"), str(item, "note")));
                }
            }
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null && out.size() < limit);
        return out;
    }

    @Override
    public StoredSettings settings() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(settingsKey)
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return StoredSettings.NONE;
        }
        return new StoredSettings(str(item, "operator_phone"), str(item, "calling_hours"),
                item.containsKey("retry_interval_seconds") ? Integer.valueOf(item.get("retry_interval_seconds").n()) : null,
                item.containsKey("max_attempts") ? Integer.valueOf(item.get("max_attempts").n()) : null,
                str(item, "updated_at"));
    }

    @Override
    public StoredSettings saveSettings(StoredSettings settings) {
        String now = now();
        Map<String, AttributeValue> item = new HashMap<>(settingsKey);
        // "" is a value here (no operator), unlike putIfPresent's blanks.
        if (settings.operatorPhone() != null) {
            item.put("operator_phone", s(settings.operatorPhone()));
        }
        putIfPresent(item, "calling_hours", settings.callingHours());
        if (settings.retryIntervalSeconds() != null) {
            item.put("retry_interval_seconds", n(settings.retryIntervalSeconds()));
        }
        if (settings.maxAttempts() != null) {
            item.put("max_attempts", n(settings.maxAttempts()));
        }
        item.put("updated_at", s(now));
        dynamo.putItem(b -> b.tableName(table).item(item));
        return new StoredSettings(settings.operatorPhone(), item.containsKey("calling_hours")
                ? settings.callingHours() : null, settings.retryIntervalSeconds(), settings.maxAttempts(), now);
    }

    @Override
    public boolean claimNonce(String nonce, long expiresAtEpochSecond) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", s("NONCE#" + nonce), "expires_at", n(expiresAtEpochSecond)))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Call read(Map<String, AttributeValue> item) {
        List<Turn> turns = new ArrayList<>();
        AttributeValue list = item.get("turns");
        if (list != null && list.hasL()) {
            for (AttributeValue v : list.l()) {
                Map<String, AttributeValue> m = v.m();
                turns.add(new Turn(str(m, "role"), str(m, "text"), str(m, "at"), str(m, "note")));
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        AttributeValue metadata = item.get("metadata");
        if (metadata != null && metadata.hasM()) {
            metadata.m().forEach((k, v) -> meta.put(k, v.s()));
        }
        return new Call(str(item, "call_id"), str(item, "phone"), CallStatus.fromWire(str(item, "status")),
                str(item, "mode"), str(item, "language"), str(item, "greeting"), str(item, "assistant"), meta,
                str(item, "created_at"), str(item, "updated_at"),
                item.containsKey("attempts") ? Integer.parseInt(item.get("attempts").n()) : 0,
                str(item, "next_attempt_at"), str(item, "session_id"), turns, str(item, "recording_key"),
                str(item, "summary"), str(item, "outcome"), str(item, "failure"));
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", s(CALL + id));
    }

    private static String str(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? null : v.s();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String k, String v) {
        if (v != null && !v.isBlank()) {
            item.put(k, s(v));
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
