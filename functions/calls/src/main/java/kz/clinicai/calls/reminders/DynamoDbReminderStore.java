package kz.clinicai.calls.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kz.clinicai.calls.call.Timestamps;
import kz.clinicai.shared.retry.Backoff;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * RemindersTable: {@code pk = LIST#id}, {@code sk = HEAD} (the list) or {@code E#00042} (entry 42, zero-padded so
 * a query returns the entries in order). Two sparse indexes: {@code QueuedEntries} ({@code queued = "1"}, by
 * {@code queued_key} = list creation time, list, entry) for the scheduler, and {@code ClinicCalling}
 * ({@code calling_clinic}) for the per-clinic cap. Every item carries a TTL ({@code expiresAt}, the name the shared rate limiter writes too).
 * An entry's outcome event for the list's webhook lives on the entry ({@code wh_event}, {@code wh_status},
 * {@code wh_at}, {@code wh_attempts}, {@code wh_rounds}, {@code wh_error}); while pending it is in the sparse index
 * {@code WebhooksDue} ({@code wh_due = "1"}, by {@code wh_next}, epoch milliseconds as a number: no text ordering of
 * timestamps). The slot ledgers below carry no TTL.
 *
 * <p>The per-clinic cap is a ledger item per clinic ({@code pk = SLOTS#clinic}, {@code sk = SLOTS}, no TTL) whose map
 * {@code holders} names each call holding a slot with the time it took it. A slot is taken by one UpdateItem,
 * {@code SET holders.#call} under the condition {@code size(holders) < :cap}, so two scheduler ticks at the cap can
 * never both pass (counting and then creating could: both saw 4 of 5). Giving a slot back removes the key.
 */
public final class DynamoDbReminderStore implements ReminderStore {

    static final String QUEUED_INDEX = "QueuedEntries";
    static final String CALLING_INDEX = "ClinicCalling";
    static final String WEBHOOKS_INDEX = "WebhooksDue";
    /** Heads are never changed once written: whether a list has a webhook is cached per list id (bounded). */
    private static final int HOOKED_CACHE = 10_000;
    private static final int BATCH = 25;
    private static final Backoff UNPROCESSED_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
    private static final int MAX_UNPROCESSED_ROUNDS = 10;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, Boolean> hooked = new ConcurrentHashMap<>();

    public DynamoDbReminderStore(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void create(ReminderList list, List<ReminderEntry> entries) {
        String expires = Long.toString(clock.instant().plus(retention).getEpochSecond());
        String createdAt = Timestamps.normalize(list.createdAt());
        List<WriteRequest> batch = new ArrayList<>(BATCH);
        for (ReminderEntry e : entries) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s(pk(list.id())));
            item.put("sk", s(sk(e.index())));
            item.put("idx", n(e.index()));
            item.put("clinic", s(list.clinic()));
            item.put("appointment_id", s(e.appointmentId()));
            item.put("phone", s(e.phone()));
            item.put("region", s(e.region()));
            item.put("language", s(e.language()));
            put(item, "patient_name", e.patientName());
            put(item, "mode", e.mode());
            item.put("state", s(ReminderState.QUEUED.wire()));
            item.put("queued", s("1"));
            // Fixed-width time first (Timestamps): the index sorts this text, oldest list first.
            item.put("queued_key", s(createdAt + "#" + list.id() + "#" + sk(e.index())));
            item.put("list_created_at", s(createdAt));
            item.put("expiresAt", AttributeValue.fromN(expires));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == BATCH) {
                write(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
        Map<String, AttributeValue> head = new HashMap<>();
        head.put("pk", s(pk(list.id())));
        head.put("sk", s("HEAD"));
        head.put("clinic", s(list.clinic()));
        head.put("day", s(list.day().toString()));
        head.put("created_at", s(createdAt));
        head.put("total", n(list.total()));
        put(head, "webhook_url", list.webhookUrl());
        head.put("expiresAt", AttributeValue.fromN(expires));
        Map<String, AttributeValue> pointer = new HashMap<>();
        pointer.put("pk", s(dayPk(list.clinic(), list.day())));
        pointer.put("sk", s(sortable(createdAt) + "#" + list.id()));
        pointer.put("list_id", s(list.id()));
        pointer.put("created_at", s(createdAt));
        pointer.put("total", n(list.total()));
        pointer.put("expiresAt", AttributeValue.fromN(expires));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(head)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(pointer).build()).build()));
    }

    @Override
    public List<ReminderList> ofDay(String clinic, LocalDate day) {
        List<ReminderList> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(dayPk(clinic, day))));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            page.items().forEach(item -> out.add(new ReminderList(str(item, "list_id"), clinic, day,
                    str(item, "created_at"), Integer.parseInt(item.get("total").n()))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** BatchWriteItem with its unprocessed items written again after a backoff (throttling, not an error). */
    private void write(List<WriteRequest> requests) {
        List<WriteRequest> left = requests;
        for (int round = 0; !left.isEmpty(); round++) {
            if (round > MAX_UNPROCESSED_ROUNDS) {
                throw new IllegalStateException("DynamoDB left " + left.size() + " reminder entries unwritten");
            }
            if (round > 0) {
                UNPROCESSED_BACKOFF.sleepBefore(round);
            }
            List<WriteRequest> now = left;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, now)));
            left = response.unprocessedItems() == null ? List.of()
                    : response.unprocessedItems().getOrDefault(table, List.of());
        }
    }

    @Override
    public Optional<ReminderList> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", s(pk(id)), "sk", s("HEAD"))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReminderList(id, str(item, "clinic"), LocalDate.parse(str(item, "day")),
                str(item, "created_at"), Integer.parseInt(item.get("total").n()), str(item, "webhook_url")));
    }

    @Override
    public List<StoredEntry> entries(String id) {
        List<StoredEntry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(id)), ":e", s("E#")));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            page.items().forEach(item -> out.add(read(id, item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public List<StoredEntry> queued(int limit) {
        QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(QUEUED_INDEX)
                .keyConditionExpression("queued = :one").expressionAttributeValues(Map.of(":one", s("1")))
                .limit(limit));
        List<StoredEntry> out = new ArrayList<>();
        for (Map<String, AttributeValue> key : page.items()) {
            String listId = key.get("pk").s().substring("LIST#".length());
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                    .key(Map.of("pk", key.get("pk"), "sk", key.get("sk"))).consistentRead(true)).item();
            if (item != null && !item.isEmpty()) {
                out.add(read(listId, item));
            }
        }
        return out;
    }

    @Override
    public boolean settle(String listId, int index, ReminderState next, String callId, AppointmentFacts facts,
                          String note) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":next", s(next.wire()));
        values.put(":queued", s(ReminderState.QUEUED.wire()));
        StringBuilder update = new StringBuilder("SET #s = :next");
        if (callId != null) {
            values.put(":call", s(callId));
            update.append(", call_id = :call");
        }
        if (next == ReminderState.CALLING) {
            // Copied from the item's own clinic: the entry joins the clinic's ClinicCalling index.
            update.append(", calling_clinic = clinic");
        }
        if (facts != null) {
            values.put(":d", s(facts.date().toString()));
            values.put(":t", s(facts.time().toString()));
            values.put(":doc", s(nullToEmpty(facts.doctor())));
            values.put(":br", s(nullToEmpty(facts.branch())));
            update.append(", appt_date = :d, appt_time = :t, doctor = :doc, branch = :br");
        }
        if (note != null) {
            values.put(":note", s(note));
            update.append(", note = :note");
        }
        if (next.isFinal() && hooked(listId)) {
            update.append(", ").append(newEvent(values));
        }
        update.append(" REMOVE queued");
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk(listId)), "sk", s(sk(index))))
                    .updateExpression(update.toString()).conditionExpression("#s = :queued")
                    .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void outcome(String listId, int index, String outcome, String movedTo, String note) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":o", s(outcome));
        StringBuilder update = new StringBuilder("SET outcome = :o");
        if (hooked(listId)) {
            update.append(", ").append(newEvent(values));
        }
        List<String> remove = new ArrayList<>(List.of("calling_clinic"));
        if (movedTo != null) {
            values.put(":m", s(movedTo));
            update.append(", moved_to = :m");
        } else {
            remove.add("moved_to");
        }
        if (note != null) {
            values.put(":n", s(note));
            update.append(", outcome_note = :n");
        } else {
            remove.add("outcome_note");
        }
        if (values.containsKey(":wev")) {
            remove.add("wh_error");
        }
        update.append(" REMOVE ").append(String.join(", ", remove));
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk(listId)), "sk", s(sk(index))))
                .updateExpression(update.toString()).conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(values));
    }

    @Override
    public List<StoredEntry> calling(String clinic) {
        List<StoredEntry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(CALLING_INDEX)
                    .keyConditionExpression("calling_clinic = :c")
                    .expressionAttributeValues(Map.of(":c", s(clinic)));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            for (Map<String, AttributeValue> key : page.items()) {
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", key.get("pk"), "sk", key.get("sk"))).consistentRead(true)).item();
                if (item != null && !item.isEmpty() && item.containsKey("calling_clinic")) {
                    out.add(read(key.get("pk").s().substring("LIST#".length()), item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /** A new outcome event, pending and due now (the SET clauses; their values added to {@code values}). */
    private String newEvent(Map<String, AttributeValue> values) {
        Instant now = clock.instant();
        values.put(":wev", s(WebhookDelivery.newEventId()));
        values.put(":wpending", s(WebhookDelivery.Status.PENDING.wire()));
        values.put(":wat", s(Timestamps.format(now)));
        values.put(":wzero", n(0));
        values.put(":wone", s("1"));
        values.put(":wnext", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        return "wh_event = :wev, wh_status = :wpending, wh_at = :wat, wh_attempts = :wzero, wh_rounds = :wzero, "
                + "wh_due = :wone, wh_next = :wnext";
    }

    /** Whether the list has a webhook (its head, read once per list and kept: a head never changes). */
    private boolean hooked(String listId) {
        Boolean known = hooked.get(listId);
        if (known != null) {
            return known;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", s(pk(listId)), "sk", s("HEAD"))).projectionExpression("webhook_url")
                .consistentRead(true)).item();
        boolean has = item != null && item.containsKey("webhook_url");
        if (hooked.size() >= HOOKED_CACHE) {
            hooked.clear();
        }
        hooked.put(listId, has);
        return has;
    }

    @Override
    public List<StoredEntry> webhooksDue(Instant now, int limit) {
        QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(WEBHOOKS_INDEX)
                .keyConditionExpression("wh_due = :one AND wh_next <= :now")
                .expressionAttributeValues(Map.of(":one", s("1"),
                        ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                .limit(limit));
        List<StoredEntry> out = new ArrayList<>();
        for (Map<String, AttributeValue> key : page.items()) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                    .key(Map.of("pk", key.get("pk"), "sk", key.get("sk"))).consistentRead(true)).item();
            // The index lags the table: what is read here is what a claim will be judged against.
            if (item != null && item.containsKey("wh_due")
                    && Long.parseLong(item.get("wh_next").n()) <= now.toEpochMilli()) {
                out.add(read(key.get("pk").s().substring("LIST#".length()), item));
            }
        }
        return out;
    }

    @Override
    public boolean claimWebhook(String listId, int index, String eventId, Instant now, Instant until) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk(listId)), "sk", s(sk(index))))
                    .updateExpression("SET wh_next = :until")
                    .conditionExpression("wh_event = :e AND wh_due = :one AND wh_next <= :now")
                    .expressionAttributeValues(Map.of(":until", AttributeValue.fromN(Long.toString(until.toEpochMilli())),
                            ":e", s(eventId), ":one", s("1"),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void webhookResult(String listId, int index, WebhookDelivery result) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":e", s(result.eventId()));
        values.put(":st", s(result.status().wire()));
        values.put(":a", n(result.attempts()));
        values.put(":r", n(result.rounds()));
        StringBuilder set = new StringBuilder("SET wh_status = :st, wh_attempts = :a, wh_rounds = :r");
        List<String> remove = new ArrayList<>();
        if (result.lastError() != null) {
            values.put(":err", s(result.lastError()));
            set.append(", wh_error = :err");
        } else {
            remove.add("wh_error");
        }
        if (result.status() == WebhookDelivery.Status.PENDING) {
            values.put(":next", AttributeValue.fromN(Long.toString(result.nextAt().toEpochMilli())));
            set.append(", wh_next = :next");
        } else {
            // Leaves the WebhooksDue index: nothing more to send.
            remove.add("wh_due");
            remove.add("wh_next");
        }
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk(listId)), "sk", s(sk(index))))
                    .updateExpression(update).conditionExpression("wh_event = :e")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // A newer outcome replaced this event: its own delivery stands.
        }
    }

    private static WebhookDelivery webhook(Map<String, AttributeValue> item) {
        if (!item.containsKey("wh_event")) {
            return null;
        }
        return new WebhookDelivery(str(item, "wh_event"), WebhookDelivery.Status.fromWire(str(item, "wh_status")),
                Timestamps.parse(str(item, "wh_at")), Integer.parseInt(item.get("wh_attempts").n()),
                Integer.parseInt(item.get("wh_rounds").n()), str(item, "wh_error"),
                item.containsKey("wh_next") ? Instant.ofEpochMilli(Long.parseLong(item.get("wh_next").n())) : null);
    }

    private static StoredEntry read(String listId, Map<String, AttributeValue> item) {
        ReminderEntry entry = new ReminderEntry(Integer.parseInt(item.get("idx").n()), str(item, "appointment_id"),
                str(item, "phone"), str(item, "region"), str(item, "language"), str(item, "patient_name"),
                emptyToNull(str(item, "mode")));
        AppointmentFacts facts = item.containsKey("appt_date")
                ? new AppointmentFacts(entry.appointmentId(), LocalDate.parse(str(item, "appt_date")),
                LocalTime.parse(str(item, "appt_time")), emptyToNull(str(item, "doctor")),
                emptyToNull(str(item, "branch")))
                : null;
        return new StoredEntry(listId, entry, ReminderState.fromWire(str(item, "state")), str(item, "call_id"), facts,
                str(item, "note"), str(item, "outcome"), str(item, "moved_to"), str(item, "outcome_note"),
                str(item, "list_created_at"), webhook(item));
    }

    static String pk(String id) {
        return "LIST#" + id;
    }

    /**
     * The creation time with all nine fraction digits: {@code Instant.toString()} drops zero fractions, and as text
     * "…:05Z" would sort after "…:05.123Z".
     */
    static String sortable(String createdAt) {
        return SORTABLE.format(java.time.Instant.parse(createdAt));
    }

    private static final java.time.format.DateTimeFormatter SORTABLE = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    static String dayPk(String clinic, LocalDate day) {
        return "DAY#" + clinic + "#" + day;
    }

    static String sk(int index) {
        return String.format("E#%05d", index);
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static String nullToEmpty(String v) {
        return v == null ? "" : v;
    }

    private static String emptyToNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(int v) {
        return AttributeValue.fromN(Integer.toString(v));
    }

    @Override
    public Map<String, Instant> slots(String clinic) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(slotsKey(clinic))
                .consistentRead(true)).item();
        AttributeValue holders = item == null ? null : item.get("holders");
        Map<String, Instant> out = new HashMap<>();
        if (holders != null && holders.hasM()) {
            holders.m().forEach((call, at) -> out.put(call, Timestamps.parse(at.s())));
        }
        return out;
    }

    @Override
    public boolean takeSlot(String clinic, String callId, int cap, Instant at) {
        for (int round = 0; ; round++) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(slotsKey(clinic))
                        .updateExpression("SET holders.#call = if_not_exists(holders.#call, :at)")
                        .conditionExpression("attribute_exists(holders.#call) OR size(holders) < :cap")
                        .expressionAttributeNames(Map.of("#call", callId))
                        .expressionAttributeValues(Map.of(":at", s(Timestamps.format(at)),
                                ":cap", n(cap))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                // Full, or the clinic has no ledger yet (a condition on a missing map fails too): once it surely
                // exists (made here or by a concurrent tick), the answer of the second try is the ledger's.
                if (round > 0) {
                    return false;
                }
                createSlots(clinic);
            }
        }
    }

    /** The clinic's empty ledger, unless it exists already. */
    private void createSlots(String clinic) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(slotsKey(clinic)).updateExpression("SET holders = :none")
                    .conditionExpression("attribute_not_exists(pk)")
                    .expressionAttributeValues(Map.of(":none", AttributeValue.fromM(Map.of()))));
        } catch (ConditionalCheckFailedException e) {
            // made meanwhile by another tick
        }
    }

    @Override
    public void releaseSlot(String clinic, String callId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(slotsKey(clinic)).updateExpression("REMOVE holders.#call")
                    .conditionExpression("attribute_exists(holders)")
                    .expressionAttributeNames(Map.of("#call", callId)));
        } catch (ConditionalCheckFailedException e) {
            // no ledger: nothing held
        }
    }

    private static Map<String, AttributeValue> slotsKey(String clinic) {
        return Map.of("pk", s("SLOTS#" + clinic), "sk", s("SLOTS"));
    }
}
