package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import kz.clinicai.calls.api.CallingHours;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.calls.reminders.AppointmentFacts;
import kz.clinicai.calls.reminders.ReminderAppointments;
import kz.clinicai.calls.reminders.ReminderDispatcher;
import kz.clinicai.calls.reminders.ReminderEntry;
import kz.clinicai.calls.reminders.ReminderList;
import kz.clinicai.calls.reminders.ReminderState;
import kz.clinicai.calls.reminders.ReminderStore;
import kz.clinicai.calls.reminders.StoredEntry;
import kz.clinicai.calls.reminders.WebhookDelivery;
import org.junit.jupiter.api.Test;

/** What every ReminderStore does: DynamoDbReminderStore on DynamoDB Local and the in-memory twin the unit tests use. */
abstract class ReminderStoreContract {

    abstract ReminderStore store();

    static final LocalDate DAY = LocalDate.of(2026, 12, 8);

    static String id() {
        return "rem_" + UUID.randomUUID().toString().replace("-", "");
    }

    static ReminderList create(ReminderStore store, String id, String clinic, int n) {
        return create(store, id, clinic, DAY, "2026-12-07T07:00:00Z", n);
    }

    static ReminderList create(ReminderStore store, String id, String clinic, int n, String createdAt) {
        return create(store, id, clinic, DAY, createdAt, n);
    }

    static ReminderList create(ReminderStore store, String id, String clinic, LocalDate day, String createdAt, int n) {
        ReminderList list = new ReminderList(id, clinic, day, createdAt, n);
        store.create(list, IntStream.range(0, n).mapToObj(i -> new ReminderEntry(i, Integer.toString(5000 + i),
                "+7701555" + String.format("%04d", i), "KZ", i % 2 == 0 ? "ru" : "kk", i == 0 ? "Анна" : null))
                .toList());
        return list;
    }

    @Test
    void aListIsReadBackWithItsEntriesInOrderAllQueued() {
        ReminderStore store = store();
        String id = id();
        create(store, id, "clinic-" + id, 30); // more than one BatchWriteItem
        assertThat(store.find(id)).get().extracting(ReminderList::clinic, ReminderList::day, ReminderList::total)
                .containsExactly("clinic-" + id, DAY, 30);
        List<StoredEntry> entries = store.entries(id);
        assertThat(entries).extracting(e -> e.entry().index()).containsExactlyElementsOf(
                IntStream.range(0, 30).boxed().toList());
        assertThat(entries).extracting(StoredEntry::state).containsOnly(ReminderState.QUEUED);
        assertThat(entries.get(0).entry().patientName()).isEqualTo("Анна");
        assertThat(entries.get(29).listCreatedAt()).as("fixed-width (Timestamps)").isEqualTo("2026-12-07T07:00:00.000Z");
        assertThat(entries.get(1).entry().language()).isEqualTo("kk");
        assertThat(store.queued(10_000)).filteredOn(e -> e.listId().equals(id)).hasSize(30);
        assertThat(store.find(id())).isEmpty();
    }

    @Test
    void anEntrysCallModeIsKeptAndAbsentStaysAbsent() {
        ReminderStore store = store();
        String id = id();
        store.create(new ReminderList(id, "clinic-" + id, DAY, "2026-12-07T07:00:00Z", 2), List.of(
                new ReminderEntry(0, "6000", "+77015550000", "KZ", "ru", null, "realtime"),
                new ReminderEntry(1, "6001", "+77015550001", "KZ", "ru", null)));
        assertThat(store.entries(id)).extracting(e -> e.entry().mode()).containsExactly("realtime", null);
    }

    @Test
    void anEntryIsSettledOnceAndLeavesTheQueue() {
        ReminderStore store = store();
        String id = id();
        create(store, id, "clinic-" + id, 2);
        AppointmentFacts facts = new AppointmentFacts("5000", DAY, LocalTime.of(10, 30), "Иванова", "Филиал");
        assertThat(store.settle(id, 0, ReminderState.CALLING, "call_x", facts, null)).isTrue();
        assertThat(store.settle(id, 0, ReminderState.GONE, null, null, null)).as("not queued any more").isFalse();
        assertThat(store.settle(id, 1, ReminderState.INFOCLINICA_REFUSED, null, null, "Требуется направление"))
                .isTrue();
        List<StoredEntry> entries = store.entries(id);
        assertThat(entries.get(0).state()).isEqualTo(ReminderState.CALLING);
        assertThat(entries.get(0).callId()).isEqualTo("call_x");
        assertThat(entries.get(0).facts()).isEqualTo(facts);
        assertThat(entries.get(1).note()).isEqualTo("Требуется направление");
        assertThat(store.queued(10_000)).noneMatch(e -> e.listId().equals(id));
    }

    @Test
    void aClinicsCallingEntriesAreThoseWithoutAnOutcome() {
        ReminderStore store = store();
        String id = id();
        String clinic = "clinic-" + id;
        create(store, id, clinic, 3);
        store.settle(id, 0, ReminderState.CALLING, "call_a", null, null);
        store.settle(id, 1, ReminderState.CALLING, "call_b", null, null);
        store.settle(id, 2, ReminderState.GONE, null, null, null);
        assertThat(store.calling(clinic)).extracting(StoredEntry::callId).containsExactlyInAnyOrder("call_a", "call_b");

        store.outcome(id, 0, "voicemail", null, null);
        store.outcome(id, 1, "moved", "2026-12-11 14:00", "перенесено");
        assertThat(store.calling(clinic)).isEmpty();
        List<StoredEntry> entries = store.entries(id);
        assertThat(entries.get(0).outcome()).isEqualTo("voicemail");
        assertThat(entries.get(1).movedTo()).isEqualTo("2026-12-11 14:00");
        assertThat(entries.get(1).outcomeNote()).isEqualTo("перенесено");
        assertThat(store.calling("clinic-other-" + id)).isEmpty();
    }

    static ReminderList createHooked(ReminderStore store, String id, String clinic, int n) {
        ReminderList list = new ReminderList(id, clinic, DAY, "2026-12-07T07:00:00Z", n, "https://crm.example.com/h");
        store.create(list, IntStream.range(0, n).mapToObj(i -> new ReminderEntry(i, Integer.toString(6000 + i),
                "+7701556" + String.format("%04d", i), "KZ", "ru", null)).toList());
        return list;
    }

    @Test
    void aListsWebhookIsReadBackWithItsHead() {
        ReminderStore store = store();
        String id = id();
        createHooked(store, id, "clinic-" + id, 1);
        assertThat(store.find(id)).get().extracting(ReminderList::webhookUrl).isEqualTo("https://crm.example.com/h");
        String plain = id();
        create(store, plain, "clinic-" + plain, 1);
        assertThat(store.find(plain)).get().extracting(ReminderList::webhookUrl).isNull();
    }

    @Test
    void aFinalOutcomeOfAHookedListGetsAPendingEventDueNowInTheSameWrite() {
        ReminderStore store = store();
        String id = id();
        createHooked(store, id, "clinic-" + id, 4);
        Instant before = Instant.now().minusSeconds(1);
        store.settle(id, 0, ReminderState.CALLING, "call_a", null, null);
        store.settle(id, 1, ReminderState.GONE, null, null, null);
        store.settle(id, 2, ReminderState.INFOCLINICA_REFUSED, null, null, "Требуется направление");
        List<StoredEntry> entries = store.entries(id);
        assertThat(entries.get(0).webhook()).as("calling is no outcome").isNull();
        assertThat(entries.get(3).webhook()).as("still queued").isNull();
        WebhookDelivery gone = entries.get(1).webhook();
        assertThat(gone.status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(gone.eventId()).startsWith("evt_");
        assertThat(gone.attempts()).isZero();
        assertThat(gone.at()).isAfter(before);
        assertThat(entries.get(2).webhook().eventId()).isNotEqualTo(gone.eventId());

        store.outcome(id, 0, "confirmed", null, null);
        assertThat(store.entries(id).get(0).webhook().status()).isEqualTo(WebhookDelivery.Status.PENDING);
        Instant now = Instant.now().plusSeconds(1);
        assertThat(store.webhooksDue(now, 100)).filteredOn(e -> e.listId().equals(id))
                .extracting(e -> e.entry().index()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(store.webhooksDue(before, 100)).as("not due before it was written")
                .noneMatch(e -> e.listId().equals(id));

        String plain = id();
        create(store, plain, "clinic-" + plain, 1);
        store.settle(plain, 0, ReminderState.GONE, null, null, null);
        assertThat(store.entries(plain).get(0).webhook()).as("no webhook, no event").isNull();
    }

    @Test
    void anEventIsClaimedByOneRoundThenDeliveredPendingOrFailed() {
        ReminderStore store = store();
        String id = id();
        createHooked(store, id, "clinic-" + id, 3);
        for (int i = 0; i < 3; i++) {
            store.settle(id, i, ReminderState.DO_NOT_CALL, null, null, null);
        }
        Instant now = Instant.now().plusSeconds(1);
        List<StoredEntry> entries = store.entries(id);
        String e0 = entries.get(0).webhook().eventId();
        assertThat(store.claimWebhook(id, 0, e0, now, now.plusSeconds(120))).isTrue();
        assertThat(store.claimWebhook(id, 0, e0, now, now.plusSeconds(120))).as("one round at a time").isFalse();
        assertThat(store.claimWebhook(id, 1, e0, now, now.plusSeconds(120))).as("another entry's event id")
                .isFalse();
        assertThat(store.webhooksDue(now, 100)).filteredOn(e -> e.listId().equals(id))
                .extracting(e -> e.entry().index()).containsExactlyInAnyOrder(1, 2);

        WebhookDelivery w0 = entries.get(0).webhook();
        store.webhookResult(id, 0, new WebhookDelivery(e0, WebhookDelivery.Status.DELIVERED, w0.at(), 1, 1, null,
                null));
        WebhookDelivery w1 = entries.get(1).webhook();
        Instant next = now.plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // kept to the ms
        store.webhookResult(id, 1, new WebhookDelivery(w1.eventId(), WebhookDelivery.Status.PENDING, w1.at(), 3, 1,
                "HTTP 503", next));
        WebhookDelivery w2 = entries.get(2).webhook();
        store.webhookResult(id, 2, new WebhookDelivery(w2.eventId(), WebhookDelivery.Status.FAILED, w2.at(), 1, 1,
                "HTTP 410", null));
        store.webhookResult(id, 2, new WebhookDelivery("evt_stale", WebhookDelivery.Status.DELIVERED, w2.at(), 9, 9,
                null, null));

        List<StoredEntry> after = store.entries(id);
        assertThat(after.get(0).webhook()).extracting(WebhookDelivery::status, WebhookDelivery::attempts)
                .containsExactly(WebhookDelivery.Status.DELIVERED, 1);
        assertThat(after.get(1).webhook()).extracting(WebhookDelivery::status, WebhookDelivery::attempts,
                WebhookDelivery::lastError, WebhookDelivery::nextAt)
                .containsExactly(WebhookDelivery.Status.PENDING, 3, "HTTP 503", next);
        assertThat(after.get(2).webhook()).as("a stale event's result changes nothing")
                .extracting(WebhookDelivery::status, WebhookDelivery::lastError, WebhookDelivery::eventId)
                .containsExactly(WebhookDelivery.Status.FAILED, "HTTP 410", w2.eventId());
        assertThat(after.get(0).webhook().at()).isEqualTo(w0.at());
        assertThat(store.webhooksDue(now, 100)).as("delivered and failed leave; pending waits for its round")
                .noneMatch(e -> e.listId().equals(id));
        assertThat(store.webhooksDue(next, 100)).filteredOn(e -> e.listId().equals(id))
                .extracting(e -> e.entry().index()).containsExactly(1);
    }

    @Test
    void aClinicsDayListsItsListsOldestFirstAndNothingElse() {
        ReminderStore store = store();
        String clinic = "clinic-" + id();
        String later = id();
        String earlier = id();
        String first = id();
        create(store, later, clinic, DAY, "2026-12-07T09:30:00Z", 2);
        create(store, earlier, clinic, DAY, "2026-12-07T08:15:00.123Z", 30);
        // Instant.toString() leaves zero fractions out: as text "…:00Z" would sort after "…:00.123Z".
        create(store, first, clinic, DAY, "2026-12-07T08:15:00Z", 1);
        create(store, id(), clinic, DAY.plusDays(1), "2026-12-07T08:00:00Z", 1);
        create(store, id(), "other-" + clinic, DAY, "2026-12-07T08:00:00Z", 1);

        List<ReminderList> day = store.ofDay(clinic, DAY);
        assertThat(day).extracting(ReminderList::id).containsExactly(first, earlier, later);
        assertThat(day.get(1)).isEqualTo(new ReminderList(earlier, clinic, DAY, "2026-12-07T08:15:00.123Z", 30));
        assertThat(store.ofDay(clinic, DAY.plusDays(1))).hasSize(1);
        assertThat(store.ofDay(clinic, DAY.minusDays(1))).isEmpty();
        assertThat(store.ofDay("nobody-" + clinic, DAY)).isEmpty();
    }

    /** "…:05Z" (Instant.toString() of an exact second) sorted after "…:05.123Z" as text: the later list came first. */
    @Test
    void aListPostedAtAnExactSecondIsQueuedBeforeOnePostedLaterInThatSecond() {
        ReminderStore store = store();
        String later = id();
        String exact = id();
        // Far ahead, so the stack's own scheduler (the same table) reaches other lists first.
        create(store, later, "clinic-" + later, 1, "2999-01-01T00:00:05.123Z");
        create(store, exact, "clinic-" + exact, 1, Instant.parse("2999-01-01T00:00:05Z").toString());
        assertThat(store.queued(10_000)).extracting(StoredEntry::listId).filteredOn(l -> l.equals(later) || l.equals(exact))
                .containsExactly(exact, later);
        assertThat(store.find(exact)).get().extracting(ReminderList::createdAt).isEqualTo("2999-01-01T00:00:05.000Z");
    }

    @Test
    void aClinicsSlotsAreTakenUpToTheCapOnlyAndGivenBackOnce() throws Exception {
        ReminderStore store = store();
        String clinic = "clinic-" + id();
        Instant at = Instant.parse("2026-12-07T07:00:00.250Z");
        assertThat(store.slots(clinic)).isEmpty();
        int contenders = 12;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<Future<Boolean>> taken = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                String call = "call_" + i;
                taken.add(pool.submit(() -> {
                    go.await();
                    return store.takeSlot(clinic, call, CAP, at);
                }));
            }
            go.countDown();
            List<String> holders = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                if (taken.get(i).get(30, TimeUnit.SECONDS)) {
                    holders.add("call_" + i);
                }
            }
            assertThat(holders).hasSize(CAP);
            assertThat(store.slots(clinic)).containsOnlyKeys(holders).containsValue(at);
            assertThat(store.takeSlot(clinic, holders.get(0), CAP, at.plusSeconds(60))).as("a holder keeps its slot")
                    .isTrue();
            assertThat(store.slots(clinic).get(holders.get(0))).as("taken when first taken").isEqualTo(at);
            assertThat(store.takeSlot(clinic, "call_late", CAP, at)).isFalse();

            store.releaseSlot(clinic, holders.get(0));
            store.releaseSlot(clinic, holders.get(0));
            store.releaseSlot(clinic, "call_never_held");
            store.releaseSlot("clinic-without-ledger-" + id(), "call_x");
            assertThat(store.slots(clinic)).hasSize(CAP - 1);
            assertThat(store.takeSlot(clinic, "call_late", CAP, at)).isTrue();
            assertThat(store.takeSlot(clinic, "call_later", CAP, at)).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Two scheduler ticks overlapping (a tick runs up to its timeout, Lambda may retry one) on the same list: each
     * reads the clinic's slots, then reads InfoClinica (slow here, so both read before either creates), then creates.
     * Counting and then creating let both create up to the cap; the conditional slot lets the cap through once.
     */
    @Test
    void twoDispatchersRacingNeverPlaceMoreThanTheClinicsCap() throws Exception {
        ReminderStore store = store();
        String id = id();
        String clinic = "clinic-" + id;
        int entries = 4 * CAP;
        // The oldest list in the table: both dispatchers (budget = its size) take its entries and nothing else.
        create(store, id, clinic, entries, "2000-01-01T00:00:00Z");
        InMemoryCallRepository calls = new InMemoryCallRepository();
        AtomicInteger asked = new AtomicInteger();
        ReminderAppointments slowInfoClinica = (c, appointment) -> {
            asked.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(40));
            return new ReminderAppointments.Booked(new AppointmentFacts(appointment, DAY, LocalTime.of(10, 30),
                    "Иванова", "Филиал"));
        };
        Instant noonInAlmaty = Instant.parse("2026-12-07T07:00:00Z");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> created = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                ReminderDispatcher tick = new ReminderDispatcher(store, calls, slowInfoClinica,
                        CallingHours.parse("09:00-21:00"), Map.of("KZ", ZoneId.of("Asia/Almaty")),
                        ZoneId.of("Asia/Almaty"), "asr", CAP, Clock.fixed(noonInAlmaty, ZoneOffset.UTC));
                created.add(pool.submit(() -> {
                    go.await();
                    return tick.dispatch(entries, noonInAlmaty.plusSeconds(300));
                }));
            }
            go.countDown();
            int total = created.get(0).get(60, TimeUnit.SECONDS) + created.get(1).get(60, TimeUnit.SECONDS);
            List<StoredEntry> stored = store.entries(id);
            List<String> callIds = stored.stream().filter(e -> e.state() == ReminderState.CALLING)
                    .map(StoredEntry::callId).toList();
            assertThat(total).as("calls created by both ticks").isLessThanOrEqualTo(CAP).isPositive();
            assertThat(callIds).hasSize(total);
            assertThat(callIds).allSatisfy(c -> assertThat(calls.find(c)).get()
                    .extracting(kz.clinicai.calls.call.Call::status).isEqualTo(CallStatus.SCHEDULED));
            assertThat(store.slots(clinic)).containsOnlyKeys(callIds);
            assertThat(stored).filteredOn(e -> e.state() == ReminderState.QUEUED).hasSize(entries - total);

            // The calls end: the next tick gives their slots back and places the next ones, the cap again.
            for (String c : callIds) {
                calls.transition(c, java.util.Set.of(CallStatus.SCHEDULED), CallStatus.COMPLETED, null);
            }
            ReminderDispatcher next = new ReminderDispatcher(store, calls, slowInfoClinica,
                    CallingHours.parse("09:00-21:00"), Map.of("KZ", ZoneId.of("Asia/Almaty")),
                    ZoneId.of("Asia/Almaty"), "asr", CAP, Clock.fixed(noonInAlmaty.plusSeconds(60), ZoneOffset.UTC));
            assertThat(next.dispatch(entries, noonInAlmaty.plusSeconds(360))).isEqualTo(CAP);
            assertThat(store.slots(clinic)).hasSize(CAP).doesNotContainKeys(callIds.toArray(String[]::new));
        } finally {
            pool.shutdownNow();
        }
    }

    static final int CAP = 5;
}
