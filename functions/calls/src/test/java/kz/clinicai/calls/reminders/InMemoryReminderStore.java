package kz.clinicai.calls.reminders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory twin of {@link DynamoDbReminderStore} (unit tests), kept alike by the contract both run (local:
 * ReminderStoreContract). One lock makes every write atomic.
 */
public final class InMemoryReminderStore implements ReminderStore {

    private final Map<String, ReminderList> heads = new LinkedHashMap<>();
    private final Map<String, List<StoredEntry>> entries = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryReminderStore() {
        this(Clock.systemUTC());
    }

    /** @param clock when outcome events are recorded (they are due at once) */
    public InMemoryReminderStore(Clock clock) {
        this.clock = clock;
    }
    private final Map<String, Map<String, Instant>> slots = new LinkedHashMap<>();

    @Override
    public synchronized void create(ReminderList given, List<ReminderEntry> items) {
        // Stored as DynamoDbReminderStore stores it: the creation time as fixed-width text, which orders the queue.
        ReminderList list = new ReminderList(given.id(), given.clinic(), given.day(),
                kz.clinicai.calls.call.Timestamps.normalize(given.createdAt()), given.total(), given.webhookUrl());
        if (heads.containsKey(list.id())) {
            throw new IllegalStateException("exists");
        }
        List<StoredEntry> stored = new ArrayList<>();
        for (ReminderEntry e : items) {
            stored.add(new StoredEntry(list.id(), e, ReminderState.QUEUED, null, null, null, null, null, null,
                    list.createdAt()));
        }
        entries.put(list.id(), stored);
        heads.put(list.id(), list);
    }

    /** A list whose head was never written (a POST that failed half-way): its entries only. */
    public synchronized void createHeadless(ReminderList list, List<ReminderEntry> items) {
        List<StoredEntry> stored = new ArrayList<>();
        for (ReminderEntry e : items) {
            stored.add(new StoredEntry(list.id(), e, ReminderState.QUEUED, null, null, null, null, null, null,
                    list.createdAt()));
        }
        entries.put(list.id(), stored);
    }

    @Override
    public synchronized Optional<ReminderList> find(String id) {
        return Optional.ofNullable(heads.get(id));
    }

    @Override
    public synchronized List<ReminderList> ofDay(String clinic, LocalDate day) {
        return heads.values().stream().filter(l -> l.clinic().equals(clinic) && l.day().equals(day))
                .sorted(Comparator.comparing((ReminderList l) -> java.time.Instant.parse(l.createdAt()))
                        .thenComparing(ReminderList::id)).toList();
    }

    @Override
    public synchronized List<StoredEntry> entries(String id) {
        return List.copyOf(entries.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized List<StoredEntry> queued(int limit) {
        return entries.values().stream().flatMap(List::stream).filter(e -> e.state() == ReminderState.QUEUED)
                .sorted(Comparator.comparing((StoredEntry e) -> heads.containsKey(e.listId())
                        ? heads.get(e.listId()).createdAt() : "").thenComparing(StoredEntry::listId)
                        .thenComparingInt(e -> e.entry().index()))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean settle(String listId, int index, ReminderState next, String callId,
                                       AppointmentFacts facts, String note) {
        StoredEntry e = entries.get(listId).get(index);
        if (e.state() != ReminderState.QUEUED) {
            return false;
        }
        StoredEntry settled = e.withState(next, callId, facts, note);
        entries.get(listId).set(index, next.isFinal() ? withEvent(settled) : settled);
        return true;
    }

    @Override
    public synchronized void outcome(String listId, int index, String outcome, String movedTo, String note) {
        StoredEntry e = entries.get(listId).get(index);
        entries.get(listId).set(index, withEvent(e.withOutcome(outcome, movedTo, note)));
    }

    private StoredEntry withEvent(StoredEntry e) {
        ReminderList head = heads.get(e.listId());
        return head == null || head.webhookUrl() == null ? e
                : e.withWebhook(ms(WebhookDelivery.fresh(WebhookDelivery.newEventId(), clock.instant())));
    }

    /** As DynamoDbReminderStore keeps it: the next round in epoch milliseconds (the index's number). */
    private static WebhookDelivery ms(WebhookDelivery w) {
        return w.nextAt() == null ? w : new WebhookDelivery(w.eventId(), w.status(), w.at(), w.attempts(), w.rounds(),
                w.lastError(), w.nextAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Override
    public synchronized List<StoredEntry> webhooksDue(Instant now, int limit) {
        return entries.values().stream().flatMap(List::stream)
                .filter(e -> e.webhook() != null && e.webhook().status() == WebhookDelivery.Status.PENDING
                        && !e.webhook().nextAt().isAfter(now))
                .sorted(Comparator.comparing((StoredEntry e) -> e.webhook().nextAt()))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean claimWebhook(String listId, int index, String eventId, Instant now, Instant until) {
        StoredEntry e = entries.get(listId).get(index);
        WebhookDelivery w = e.webhook();
        if (w == null || !w.eventId().equals(eventId) || w.status() != WebhookDelivery.Status.PENDING
                || w.nextAt().isAfter(now)) {
            return false;
        }
        entries.get(listId).set(index, e.withWebhook(ms(new WebhookDelivery(w.eventId(), w.status(), w.at(),
                w.attempts(), w.rounds(), w.lastError(), until))));
        return true;
    }

    @Override
    public synchronized void webhookResult(String listId, int index, WebhookDelivery result) {
        StoredEntry e = entries.get(listId).get(index);
        WebhookDelivery w = e.webhook();
        if (w == null || !w.eventId().equals(result.eventId())) {
            return;
        }
        // As stored: the event's own time stays; a finished event has no next round.
        entries.get(listId).set(index, e.withWebhook(ms(new WebhookDelivery(w.eventId(), result.status(), w.at(),
                result.attempts(), result.rounds(), result.lastError(),
                result.status() == WebhookDelivery.Status.PENDING ? result.nextAt() : null))));
    }

    @Override
    public synchronized List<StoredEntry> calling(String clinic) {
        return entries.values().stream().flatMap(List::stream)
                .filter(e -> e.state() == ReminderState.CALLING && e.outcome() == null
                        && heads.containsKey(e.listId()) && heads.get(e.listId()).clinic().equals(clinic))
                .toList();
    }

    @Override
    public synchronized Map<String, Instant> slots(String clinic) {
        return Map.copyOf(slots.getOrDefault(clinic, Map.of()));
    }

    @Override
    public synchronized boolean takeSlot(String clinic, String callId, int cap, Instant at) {
        Map<String, Instant> held = slots.computeIfAbsent(clinic, c -> new LinkedHashMap<>());
        if (held.containsKey(callId)) {
            return true;
        }
        if (held.size() >= cap) {
            return false;
        }
        // Stored as text to the millisecond in DynamoDB (Timestamps): read back the same.
        held.put(callId, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        return true;
    }

    @Override
    public synchronized void releaseSlot(String clinic, String callId) {
        Map<String, Instant> held = slots.get(clinic);
        if (held != null) {
            held.remove(callId);
        }
    }
}
