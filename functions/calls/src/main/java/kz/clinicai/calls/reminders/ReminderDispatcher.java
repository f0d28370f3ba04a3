package kz.clinicai.calls.reminders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kz.clinicai.calls.api.CallingHours;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.Timestamps;
import kz.clinicai.shared.phone.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns queued reminder entries into calls (CallsSchedulerFunction, every minute), one entry at a time: each entry is
 * read from InfoClinica first (gone, on another day or refused: reported, not called), the do-not-call list honoured,
 * at most {@code perClinicCap} of a clinic's reminder calls waiting for their first dial or live at once. A call is
 * created {@code scheduled} at the first moment inside calling hours in the callee's zone, so the calls scheduler
 * dials it under the platform's own cap and retries no answer / busy by the calls retry policy.
 *
 * <p>The cap holds when ticks overlap (a tick may run up to its 60 s timeout, Lambda may retry one): each call takes
 * one of its clinic's slots ({@link ReminderStore#takeSlot}, a conditional write) before its entry is settled and
 * the call created, so two ticks that both saw 4 of 5 cannot both create. Slots are given back where they are
 * counted: each tick first reconciles the clinic's ledger with the calls (a call no longer waiting for its first
 * dial nor live gives its slot back; a holder whose call was never created — the tick died between the slot and
 * the call — after {@link #SLOT_GRACE}; a live call that holds none, e.g. a retry being dialled, is entered). Slots
 * matter only when a tick creates calls, so a release any earlier would start no call sooner, and a lost release
 * heals on the next tick instead of shrinking the cap for good.
 */
public final class ReminderDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderDispatcher.class);
    /** Metadata keys of a reminder call: they link the call back to its entry. */
    public static final String META_LIST = "reminder_list";
    public static final String META_ENTRY = "reminder_entry";
    public static final String META_CLINIC = "clinic";
    public static final String META_APPOINTMENT = "appointment_id";
    public static final String META_DAY = "appointment_day";

    /** Well above CallsApiFunction's timeout: a list without a head this old was never completed. */
    static final java.time.Duration ABANDON_AFTER = java.time.Duration.ofMinutes(5);
    /**
     * A slot whose call does not exist is kept this long: well above a tick's run (60 s timeout) between taking the
     * slot and creating the call, so a tick never frees the slot of a call another tick is creating right now.
     */
    static final java.time.Duration SLOT_GRACE = java.time.Duration.ofMinutes(5);

    /** What settling an entry came to. */
    private enum Settled { CALLED, AT_CAP, NO_CALL }

    private final ReminderStore store;
    private final CallRepository calls;
    private final ReminderAppointments appointments;
    private final CallingHours hours;
    private final Map<String, ZoneId> zones;
    private final ZoneId fallbackZone;
    private final String mode;
    private final int perClinicCap;
    private final Clock clock;
    /** Clinics whose slots this tick has reconciled (thread-safe: the local stack may run ticks side by side). */
    private final java.util.Set<String> reconciled = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ReminderDispatcher(ReminderStore store, CallRepository calls, ReminderAppointments appointments,
                              CallingHours hours, Map<String, ZoneId> zones, ZoneId fallbackZone, String mode,
                              int perClinicCap, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.appointments = appointments;
        this.hours = hours;
        this.zones = Map.copyOf(zones);
        this.fallbackZone = fallbackZone;
        this.mode = mode;
        this.perClinicCap = perClinicCap;
        this.clock = clock;
    }

    /** Whether a call is a reminder's. */
    public static boolean isReminder(Call call) {
        return call.metadata().containsKey(META_LIST) && call.metadata().containsKey(META_ENTRY);
    }

    /**
     * The scheduler's step: takes up to {@code budget} queued entries and settles each — a call, or the reason there
     * is none. An entry of a clinic at its cap stays queued for a later tick; a retryable InfoClinica failure too.
     * Returns how many calls were created.
     */
    public int dispatch(int budget, Instant stopAt) {
        reconciled.clear(); // a new tick
        Map<String, Integer> free = new HashMap<>();
        Map<String, Optional<ReminderList>> lists = new HashMap<>();
        int created = 0;
        for (StoredEntry e : store.queued(budget)) {
            if (clock.instant().isAfter(stopAt)) {
                break; // the function's time is nearly up: the rest stays queued for the next tick
            }
            Optional<ReminderList> list = lists.computeIfAbsent(e.listId(), store::find);
            if (list.isEmpty()) {
                // Its head was never written: the POST failed half-way, nobody is dialled for it. Once the POST
                // cannot be running any more, the entry leaves the queue, which it would otherwise head for good.
                if (e.listCreatedAt() == null
                        || Timestamps.parse(e.listCreatedAt()).plus(ABANDON_AFTER).isBefore(clock.instant())) {
                    store.settle(e.listId(), e.entry().index(), ReminderState.ABANDONED, null, null, null);
                }
                continue;
            }
            String clinic = list.get().clinic();
            int left = free.computeIfAbsent(clinic, c -> {
                reconciled.add(c);
                return reconcile(c);
            });
            if (left <= 0) {
                continue; // at its cap: not even read from InfoClinica; a later tick takes it
            }
            switch (settle(list.get(), e)) {
                case CALLED -> {
                    free.put(clinic, left - 1);
                    created++;
                }
                case AT_CAP -> free.put(clinic, 0); // another tick took the last slots meanwhile
                case NO_CALL -> { }
            }
        }
        return created;
    }

    private Settled settle(ReminderList list, StoredEntry e) {
        ReminderEntry entry = e.entry();
        if (calls.onDoNotCallList(entry.phone())) {
            store.settle(list.id(), entry.index(), ReminderState.DO_NOT_CALL, null, null, null);
            return Settled.NO_CALL;
        }
        ReminderAppointments.Check check = appointments.check(list.clinic(), entry.appointmentId());
        switch (check) {
            case ReminderAppointments.Gone gone -> {
                store.settle(list.id(), entry.index(), ReminderState.GONE, null, null, null);
                return Settled.NO_CALL;
            }
            case ReminderAppointments.Refused refused -> {
                if (refused.retryable()) {
                    LOG.warn("Reminder {}#{}: InfoClinica unavailable ({}); left queued", list.id(), entry.index(),
                            refused.text());
                    return Settled.NO_CALL;
                }
                store.settle(list.id(), entry.index(), ReminderState.INFOCLINICA_REFUSED, null, null, refused.text());
                return Settled.NO_CALL;
            }
            case ReminderAppointments.Booked booked -> {
                AppointmentFacts facts = booked.facts();
                if (!facts.date().equals(list.day())) {
                    store.settle(list.id(), entry.index(), ReminderState.NOT_ON_DAY, null, facts, null);
                    return Settled.NO_CALL;
                }
                return call(list, entry, facts);
            }
        }
    }

    private Settled call(ReminderList list, ReminderEntry entry, AppointmentFacts facts) {
        Instant now = clock.instant();
        ZoneId zone = zones.getOrDefault(entry.region(), fallbackZone);
        Instant at = hours.allows(now, zone) ? now : hours.nextAllowed(now, zone).toInstant();
        String id = "call_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_LIST, list.id());
        meta.put(META_ENTRY, Integer.toString(entry.index()));
        meta.put(META_CLINIC, list.clinic());
        meta.put(META_APPOINTMENT, entry.appointmentId());
        meta.put(META_DAY, list.day().toString());
        if (entry.patientName() != null) {
            meta.put("patient_name", entry.patientName());
        }
        // The slot first (the cap), then the entry, then the call: a crash between them leaves a slot that heals
        // (SLOT_GRACE), an entry "calling" with no call (reported as such), never a call beyond the cap nor one for an
        // entry that a later tick could settle and dial again.
        if (!store.takeSlot(list.clinic(), id, perClinicCap, now)) {
            return Settled.AT_CAP;
        }
        if (!store.settle(list.id(), entry.index(), ReminderState.CALLING, id, facts, null)) {
            store.releaseSlot(list.clinic(), id); // another tick took the entry
            return Settled.NO_CALL;
        }
        // The call opens with what InfoClinica said just now, never with what the list claimed.
        String greeting = ReminderPhrases.greeting(entry.language(), facts, entry.patientName(),
                LocalDate.ofInstant(now, zone));
        // The list's mode (realtime reminder calls have the same InfoClinica tools), else the deployment's.
        calls.create(new Call(id, entry.phone(), CallStatus.SCHEDULED, entry.mode() != null ? entry.mode() : mode,
                entry.language(), greeting, null, meta,
                Timestamps.format(now), Timestamps.format(now), 0, Timestamps.format(at), null, null, null, null, null, null));
        LOG.info("Reminder {}#{}: call {} to {} at {}", list.id(), entry.index(), id,
                PhoneMasking.mask(entry.phone()), at);
        return Settled.CALLED;
    }

    /**
     * Brings the clinic's slot ledger in line with its calls and answers how many slots are free (this tick's view;
     * the conditional write decides). Holders whose call ended, or whose call was never created within
     * {@link #SLOT_GRACE}, give their slot back; in-flight calls of the clinic's entries that hold none (a retry being
     * dialled, a call placed before the ledger existed) are entered, beyond the cap if need be, since they are live.
     */
    private int reconcile(String clinic) {
        Instant now = clock.instant();
        Map<String, Instant> holders = store.slots(clinic);
        int held = 0;
        for (Map.Entry<String, Instant> h : holders.entrySet()) {
            Optional<Call> call = calls.find(h.getKey());
            // A retry that took its slot to be dialled (mayDial) is still scheduled until it is admitted, or while the
            // platform's lines are full: its slot is newer than the call's last change. One taken before the call was
            // scheduled again belongs to an attempt that is over.
            boolean keep = call.isPresent()
                    ? inFlight(call.get()) || call.get().status() == CallStatus.SCHEDULED
                            && h.getValue().isAfter(Timestamps.parse(call.get().updatedAt()))
                    : h.getValue().plus(SLOT_GRACE).isAfter(now);
            if (keep) {
                held++;
            } else {
                store.releaseSlot(clinic, h.getKey());
                LOG.info("Reminder slot of {} ({}) given back: {}", h.getKey(), clinic,
                        call.map(c -> "call " + c.status().wire()).orElse("no call since " + h.getValue()));
            }
        }
        for (StoredEntry e : store.calling(clinic)) {
            if (e.callId() == null || holders.containsKey(e.callId())) {
                continue;
            }
            Optional<Call> call = calls.find(e.callId());
            if (call.isPresent() && inFlight(call.get())) {
                store.takeSlot(clinic, e.callId(), Integer.MAX_VALUE, now);
                held++;
            }
        }
        return perClinicCap - held;
    }

    /** Waiting for its first dial or live now (a retry waiting for its hour is not). */
    private static boolean inFlight(Call call) {
        return call.status().active() || call.status() == CallStatus.SCHEDULED && call.attempts() == 0;
    }

    /**
     * The calls scheduler's gate for a due call: a reminder call is dialled only holding one of its clinic's slots.
     * A first attempt holds the one it was created with; a retry takes one now (a conditional write), or waits for a
     * later tick while its clinic is at its cap — a retry being dialled is live, so it counts like any call.
     */
    public boolean mayDial(Call call) {
        String clinic = call.metadata().get(META_CLINIC);
        if (!isReminder(call) || clinic == null) {
            return true;
        }
        if (store.takeSlot(clinic, call.id(), perClinicCap, clock.instant())) {
            return true;
        }
        // Full as last written. Once the list's entries are all placed no dispatch reconciles the clinic any more,
        // so its retries do it themselves, once a tick.
        if (!reconciled.add(clinic)) {
            return false;
        }
        reconcile(clinic);
        return store.takeSlot(clinic, call.id(), perClinicCap, clock.instant());
    }

    /** A call ended: the outcome its entry reports from now on (see {@link ReminderOutcome}). */
    public void recordOutcome(Call call, ReminderOutcome outcome) {
        String list = call.metadata().get(META_LIST);
        String entry = call.metadata().get(META_ENTRY);
        if (list == null || entry == null) {
            return;
        }
        store.outcome(list, Integer.parseInt(entry), outcome.wire(), outcome.movedTo(), outcome.note());
    }
}
