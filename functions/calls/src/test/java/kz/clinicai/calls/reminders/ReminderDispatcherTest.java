package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.calls.api.CallingHours;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.InMemoryCallRepository;
import org.junit.jupiter.api.Test;

class ReminderDispatcherTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 8);
    /** 12:00 in Almaty: inside calling hours. */
    static final Instant NOON = Instant.parse("2026-12-07T07:00:00Z");

    final InMemoryReminderStore store = new InMemoryReminderStore();
    /** Stamps its writes at NOON, as the dispatchers of these tests see it (the slot ledger compares the two). */
    final InMemoryCallRepository calls = new InMemoryCallRepository(Clock.fixed(NOON, ZoneOffset.UTC));
    final Map<String, ReminderAppointments.Check> infoClinica = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    ReminderDispatcher dispatcher(Instant now, int cap) {
        return new ReminderDispatcher(store, calls, (clinic, id) -> {
            asked.add(id);
            return infoClinica.getOrDefault(id, new ReminderAppointments.Gone());
        }, CallingHours.parse("09:00-21:00"), Map.of("KZ", ZoneId.of("Asia/Almaty")), ZoneId.of("Asia/Almaty"),
                "asr", cap, Clock.fixed(now, ZoneOffset.UTC));
    }

    ReminderList list(String id, int n) {
        List<ReminderEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new ReminderEntry(i, Integer.toString(1000 + i), "+7701555120" + i, "KZ", i == 1 ? "kk" : "ru",
                    null));
        }
        ReminderList list = new ReminderList(id, "clinic-a", DAY, NOON.toString(), n);
        store.create(list, entries);
        return list;
    }

    static ReminderAppointments.Booked booked(String id, LocalDate date) {
        return new ReminderAppointments.Booked(new AppointmentFacts(id, date, LocalTime.of(10, 30), "Терапевт Иванов",
                "Филиал 1"));
    }

    @Test
    void eachEntryIsCheckedInInfoClinicaAndOnlyBookedOnesOnTheDayAreCalled() {
        list("rem_1", 6);
        infoClinica.put("1000", booked("1000", DAY));
        infoClinica.put("1001", booked("1001", DAY));
        // 1002: gone
        infoClinica.put("1003", new ReminderAppointments.Refused("Требуется направление", false));
        infoClinica.put("1004", booked("1004", DAY.plusDays(3)));
        infoClinica.put("1005", new ReminderAppointments.Refused("timeout", true));

        assertThat(dispatcher(NOON, 10).dispatch(100, NOON.plusSeconds(30))).isEqualTo(2);

        List<StoredEntry> entries = store.entries("rem_1");
        assertThat(entries).extracting(StoredEntry::state).containsExactly(ReminderState.CALLING,
                ReminderState.CALLING, ReminderState.GONE, ReminderState.INFOCLINICA_REFUSED,
                ReminderState.NOT_ON_DAY, ReminderState.QUEUED);
        assertThat(entries.get(3).note()).isEqualTo("Требуется направление");
        assertThat(entries.get(0).facts().doctor()).isEqualTo("Терапевт Иванов");
        Call call = calls.find(entries.get(1).callId()).orElseThrow();
        assertThat(call.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(call.nextAttemptAt()).isEqualTo("2026-12-07T07:00:00.000Z");
        assertThat(call.language()).isEqualTo("kk");
        assertThat(call.metadata()).containsEntry(ReminderDispatcher.META_LIST, "rem_1")
                .containsEntry(ReminderDispatcher.META_ENTRY, "1").containsEntry(ReminderDispatcher.META_APPOINTMENT,
                        "1001");
        assertThat(ReminderDispatcher.isReminder(call)).isTrue();
        assertThat(call.greeting()).isEqualTo("Сәлеметсіз бе! Сіздің ертең сағат 10:30-да Терапевт Иванов дәрігердің "
                + "қабылдауына жазылғаныңызды еске саламыз, Филиал 1. Келесіз бе?");
        assertThat(calls.find(entries.get(0).callId()).orElseThrow().greeting()).isEqualTo("Здравствуйте! Напоминаем о "
                + "вашей записи к врачу Терапевт Иванов завтра в 10:30, Филиал 1. Подскажите, пожалуйста, вы придёте?");
    }

    @Test
    void aListsModeIsItsCallsModeElseTheDeploymentsDefault() {
        store.create(new ReminderList("rem_m", "clinic-a", DAY, NOON.toString(), 2), List.of(
                new ReminderEntry(0, "1000", "+77015551200", "KZ", "ru", null, "realtime"),
                new ReminderEntry(1, "1001", "+77015551201", "KZ", "ru", null)));
        infoClinica.put("1000", booked("1000", DAY));
        infoClinica.put("1001", booked("1001", DAY));
        assertThat(dispatcher(NOON, 10).dispatch(100, NOON.plusSeconds(30))).isEqualTo(2);
        List<StoredEntry> entries = store.entries("rem_m");
        assertThat(calls.find(entries.get(0).callId()).orElseThrow().mode()).isEqualTo("realtime");
        assertThat(calls.find(entries.get(1).callId()).orElseThrow().mode()).isEqualTo("asr");
    }

    @Test
    void theDoNotCallListIsHonouredWithoutAskingInfoClinica() {
        list("rem_1", 1);
        calls.doNotCall("+77015551200");
        infoClinica.put("1000", booked("1000", DAY));
        assertThat(dispatcher(NOON, 10).dispatch(100, NOON.plusSeconds(30))).isZero();
        assertThat(store.entries("rem_1").get(0).state()).isEqualTo(ReminderState.DO_NOT_CALL);
        assertThat(asked).isEmpty();
    }

    @Test
    void aClinicHasAtMostItsCapOfRemindersWaitingOrLive() {
        list("rem_1", 5);
        for (int i = 0; i < 5; i++) {
            infoClinica.put(Integer.toString(1000 + i), booked(Integer.toString(1000 + i), DAY));
        }
        ReminderDispatcher d = dispatcher(NOON, 2);
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).isEqualTo(2);
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).as("both still waiting for their first dial").isZero();
        for (StoredEntry e : store.entries("rem_1").subList(0, 2)) {
            calls.transition(e.callId(), Set.of(CallStatus.SCHEDULED), CallStatus.COMPLETED, null);
        }
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).isEqualTo(2);
        assertThat(store.entries("rem_1")).extracting(StoredEntry::state).filteredOn(s -> s == ReminderState.QUEUED)
                .hasSize(1);
    }

    @Test
    void eachCallHoldsOneOfItsClinicsSlotsUntilATickSeesItEnded() {
        list("rem_1", 3);
        for (int i = 0; i < 3; i++) {
            infoClinica.put(Integer.toString(1000 + i), booked(Integer.toString(1000 + i), DAY));
        }
        ReminderDispatcher d = dispatcher(NOON, 2);
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).isEqualTo(2);
        List<String> first = store.entries("rem_1").subList(0, 2).stream().map(StoredEntry::callId).toList();
        assertThat(store.slots("clinic-a").keySet()).containsExactlyInAnyOrderElementsOf(first);
        assertThat(asked).as("an entry of a clinic at its cap is not read from InfoClinica").hasSize(2);

        calls.transition(first.get(0), Set.of(CallStatus.SCHEDULED), CallStatus.COMPLETED, null);
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).isEqualTo(1);
        assertThat(store.slots("clinic-a").keySet()).containsExactlyInAnyOrder(first.get(1),
                store.entries("rem_1").get(2).callId());
    }

    @Test
    void aSlotWhoseCallWasNeverCreatedComesBackAfterTheGrace() {
        // A tick took the slot and died before creating the call: the cap is one short until the grace is over.
        store.takeSlot("clinic-a", "call_never_created", 1, NOON);
        list("rem_1", 1);
        infoClinica.put("1000", booked("1000", DAY));
        Instant soon = NOON.plus(ReminderDispatcher.SLOT_GRACE).minusSeconds(1);
        assertThat(dispatcher(soon, 1).dispatch(100, soon.plusSeconds(30))).isZero();
        Instant later = NOON.plus(ReminderDispatcher.SLOT_GRACE).plusSeconds(1);
        assertThat(dispatcher(later, 1).dispatch(100, later.plusSeconds(30))).isEqualTo(1);
        assertThat(store.slots("clinic-a")).containsOnlyKeys(store.entries("rem_1").get(0).callId());
    }

    @Test
    void aRetryWaitingForItsHourGivesItsSlotBackAndTakesOneWhenItIsDialledAgain() {
        list("rem_1", 3);
        for (int i = 0; i < 3; i++) {
            infoClinica.put(Integer.toString(1000 + i), booked(Integer.toString(1000 + i), DAY));
        }
        ReminderDispatcher d = dispatcher(NOON, 1);
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).isEqualTo(1);
        String retried = store.entries("rem_1").get(0).callId();
        // Dialled, not answered, a retry scheduled for later: it waits, so its slot goes to the next entry.
        assertThat(calls.admitScheduled(retried, 10)).isEqualTo(kz.clinicai.calls.call.CallRepository.Admission.ADMITTED);
        calls.setSession(retried, "s1", 1);
        calls.transition(retried, CallStatus.ACTIVE, CallStatus.NO_ANSWER, "480");
        calls.schedule(retried, CallStatus.NO_ANSWER, "2026-12-07T07:30:00.000Z");
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).isEqualTo(1);
        String second = store.entries("rem_1").get(1).callId();
        assertThat(store.slots("clinic-a")).containsOnlyKeys(second);

        // The retry is dialled (the calls scheduler, under the platform's cap): live again, it counts.
        calls.admitScheduled(retried, 10);
        calls.transition(second, Set.of(CallStatus.SCHEDULED), CallStatus.COMPLETED, null);
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).as("the live retry holds the only slot").isZero();
        assertThat(store.slots("clinic-a")).containsOnlyKeys(retried);
    }

    @Test
    void aDueRetryIsDialledOnlyWithASlotOfItsClinic() {
        list("rem_1", 3);
        for (int i = 0; i < 3; i++) {
            infoClinica.put(Integer.toString(1000 + i), booked(Integer.toString(1000 + i), DAY));
        }
        Instant later = NOON.plusSeconds(120);
        ReminderDispatcher first = dispatcher(NOON, 1);
        assertThat(first.dispatch(100, NOON.plusSeconds(30))).isEqualTo(1);
        String retried = store.entries("rem_1").get(0).callId();
        assertThat(first.mayDial(calls.find(retried).orElseThrow())).as("a first attempt holds its slot").isTrue();
        calls.admitScheduled(retried, 10);
        calls.setSession(retried, "s1", 1);
        calls.transition(retried, CallStatus.ACTIVE, CallStatus.NO_ANSWER, "480");
        calls.schedule(retried, CallStatus.NO_ANSWER, NOON.plusSeconds(60).toString());

        // The next tick gives the waiting retry's slot to the next entry: when the retry is due, the clinic is full.
        ReminderDispatcher next = dispatcher(later, 1);
        assertThat(next.dispatch(100, later.plusSeconds(30))).isEqualTo(1);
        String second = store.entries("rem_1").get(1).callId();
        assertThat(next.mayDial(calls.find(retried).orElseThrow())).as("clinic at its cap").isFalse();
        assertThat(store.slots("clinic-a")).containsOnlyKeys(second);

        // The next tick places the last entry; its call ends; no entry is left, so no dispatch reconciles any more:
        // the refused retry reconciles the clinic itself (once a tick) and takes the slot the ended call held.
        calls.transition(second, Set.of(CallStatus.SCHEDULED), CallStatus.COMPLETED, null);
        Instant after = later.plusSeconds(60);
        ReminderDispatcher third = dispatcher(after, 1);
        assertThat(third.dispatch(100, after.plusSeconds(30))).isEqualTo(1);
        assertThat(third.mayDial(calls.find(retried).orElseThrow())).as("the third entry's call holds it").isFalse();
        String last = store.entries("rem_1").get(2).callId();
        calls.transition(last, Set.of(CallStatus.SCHEDULED), CallStatus.COMPLETED, null);
        assertThat(third.mayDial(calls.find(retried).orElseThrow())).as("reconciled once this tick already").isFalse();
        ReminderDispatcher fourth = dispatcher(after.plusSeconds(60), 1);
        assertThat(fourth.dispatch(100, after.plusSeconds(90))).as("nothing queued").isZero();
        assertThat(store.slots("clinic-a")).as("no queued entry: the dispatch reconciled nothing").containsOnlyKeys(last);
        assertThat(fourth.mayDial(calls.find(retried).orElseThrow())).isTrue();
        assertThat(store.slots("clinic-a")).containsOnlyKeys(retried);
        // Not a reminder: no gate.
        assertThat(third.mayDial(new Call("call_other", "+77015550000", CallStatus.SCHEDULED, "asr", "ru", null, null,
                Map.of(), NOON.toString(), NOON.toString(), 1, NOON.toString(), null, null, null, null, null, null)))
                .isTrue();
    }

    @Test
    void aRetryHoldingItsSlotKeepsItWhileItWaitsForALine() {
        list("rem_1", 2);
        for (int i = 0; i < 2; i++) {
            infoClinica.put(Integer.toString(1000 + i), booked(Integer.toString(1000 + i), DAY));
        }
        ReminderDispatcher d = dispatcher(NOON, 1);
        assertThat(d.dispatch(100, NOON.plusSeconds(30))).isEqualTo(1);
        String retried = store.entries("rem_1").get(0).callId();
        calls.admitScheduled(retried, 10);
        calls.setSession(retried, "s1", 1);
        calls.transition(retried, CallStatus.ACTIVE, CallStatus.NO_ANSWER, "480");
        calls.schedule(retried, CallStatus.NO_ANSWER, NOON.toString());
        store.releaseSlot("clinic-a", retried); // a tick saw it waiting
        Instant later = NOON.plusSeconds(60);
        ReminderDispatcher tick = dispatcher(later, 1);
        assertThat(tick.mayDial(calls.find(retried).orElseThrow())).isTrue();
        // The platform's lines are full: the retry stays scheduled, holding its slot, and no entry takes it.
        assertThat(tick.dispatch(100, later.plusSeconds(30))).isZero();
        assertThat(store.slots("clinic-a")).containsOnlyKeys(retried);
    }

    @Test
    void outsideCallingHoursTheCallIsScheduledForTheNextAllowedMoment() {
        list("rem_1", 1);
        infoClinica.put("1000", booked("1000", DAY));
        Instant night = Instant.parse("2026-12-07T17:00:00Z"); // 22:00 in Almaty
        assertThat(dispatcher(night, 10).dispatch(100, night.plusSeconds(30))).isEqualTo(1);
        Call call = calls.find(store.entries("rem_1").get(0).callId()).orElseThrow();
        assertThat(call.nextAttemptAt()).isEqualTo("2026-12-08T04:00:00.000Z"); // 09:00 in Almaty
    }

    @Test
    void aListWhoseHeadWasNeverWrittenDialsNobody() {
        store.createHeadless(new ReminderList("rem_2", "clinic-a", DAY, NOON.toString(), 1),
                List.of(new ReminderEntry(0, "1000", "+77015551200", "KZ", "ru", null)));
        infoClinica.put("1000", booked("1000", DAY));
        assertThat(dispatcher(NOON, 10).dispatch(100, NOON.plusSeconds(30))).isZero();
        assertThat(asked).isEmpty();
    }

    @Test
    void entriesOfAHeadlessListLeaveTheQueueOnceThePostCannotBeRunningAnyMore() {
        store.createHeadless(new ReminderList("rem_2", "clinic-a", DAY, NOON.toString(), 1),
                List.of(new ReminderEntry(0, "1000", "+77015551200", "KZ", "ru", null)));
        dispatcher(NOON.plusSeconds(60), 10).dispatch(100, NOON.plusSeconds(90));
        assertThat(store.queued(10)).hasSize(1);
        Instant later = NOON.plus(ReminderDispatcher.ABANDON_AFTER).plusSeconds(1);
        dispatcher(later, 10).dispatch(100, later.plusSeconds(30));
        assertThat(store.queued(10)).isEmpty();
        assertThat(store.entries("rem_2").get(0).state()).isEqualTo(ReminderState.ABANDONED);
        assertThat(asked).isEmpty();
    }

    @Test
    void noEntryIsTakenOnceTheTickIsOutOfTime() {
        list("rem_1", 2);
        infoClinica.put("1000", booked("1000", DAY));
        assertThat(dispatcher(NOON, 10).dispatch(100, NOON.minusSeconds(1))).isZero();
        assertThat(store.entries("rem_1")).extracting(StoredEntry::state).containsOnly(ReminderState.QUEUED);
    }
}
