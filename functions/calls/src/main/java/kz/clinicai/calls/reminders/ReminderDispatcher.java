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
import kz.clinicai.shared.phone.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns queued reminder entries into calls (CallsSchedulerFunction, every minute), one entry at a time: each entry is
 * read from InfoClinica first (gone, on another day or refused: reported, not called), the do-not-call list honoured,
 * at most {@code perClinicCap} of a clinic's reminder calls waiting for their first dial or live at once. A call is
 * created {@code scheduled} at the first moment inside calling hours in the callee's zone, so the calls scheduler
 * dials it under the platform's own cap and retries no answer / busy by the calls retry policy.
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

    private final ReminderStore store;
    private final CallRepository calls;
    private final ReminderAppointments appointments;
    private final CallingHours hours;
    private final Map<String, ZoneId> zones;
    private final ZoneId fallbackZone;
    private final String mode;
    private final int perClinicCap;
    private final Clock clock;

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
        Map<String, Integer> busy = new HashMap<>();
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
                        || Instant.parse(e.listCreatedAt()).plus(ABANDON_AFTER).isBefore(clock.instant())) {
                    store.settle(e.listId(), e.entry().index(), ReminderState.ABANDONED, null, null, null);
                }
                continue;
            }
            String clinic = list.get().clinic();
            int inFlight = busy.computeIfAbsent(clinic, this::inFlight);
            if (inFlight >= perClinicCap) {
                continue;
            }
            if (settle(list.get(), e)) {
                busy.put(clinic, inFlight + 1);
                created++;
            }
        }
        return created;
    }

    /** True when a call was created. */
    private boolean settle(ReminderList list, StoredEntry e) {
        ReminderEntry entry = e.entry();
        if (calls.onDoNotCallList(entry.phone())) {
            store.settle(list.id(), entry.index(), ReminderState.DO_NOT_CALL, null, null, null);
            return false;
        }
        ReminderAppointments.Check check = appointments.check(list.clinic(), entry.appointmentId());
        switch (check) {
            case ReminderAppointments.Gone gone -> {
                store.settle(list.id(), entry.index(), ReminderState.GONE, null, null, null);
                return false;
            }
            case ReminderAppointments.Refused refused -> {
                if (refused.retryable()) {
                    LOG.warn("Reminder {}#{}: InfoClinica unavailable ({}); left queued", list.id(), entry.index(),
                            refused.text());
                    return false;
                }
                store.settle(list.id(), entry.index(), ReminderState.INFOCLINICA_REFUSED, null, null, refused.text());
                return false;
            }
            case ReminderAppointments.Booked booked -> {
                AppointmentFacts facts = booked.facts();
                if (!facts.date().equals(list.day())) {
                    store.settle(list.id(), entry.index(), ReminderState.NOT_ON_DAY, null, facts, null);
                    return false;
                }
                return call(list, entry, facts);
            }
        }
    }

    private boolean call(ReminderList list, ReminderEntry entry, AppointmentFacts facts) {
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
        // Settled first, then the call: a crash between the two leaves an entry "calling" with no call (reported as
        // such), never a call for an entry that a later tick could settle and dial again.
        if (!store.settle(list.id(), entry.index(), ReminderState.CALLING, id, facts, null)) {
            return false;
        }
        // The call opens with what InfoClinica said just now, never with what the list claimed.
        String greeting = ReminderPhrases.greeting(entry.language(), facts, entry.patientName(),
                LocalDate.ofInstant(now, zone));
        // The list's mode (realtime reminder calls have the same InfoClinica tools), else the deployment's.
        calls.create(new Call(id, entry.phone(), CallStatus.SCHEDULED, entry.mode() != null ? entry.mode() : mode,
                entry.language(), greeting, null, meta,
                now.toString(), now.toString(), 0, at.toString(), null, null, null, null, null, null));
        LOG.info("Reminder {}#{}: call {} to {} at {}", list.id(), entry.index(), id,
                PhoneMasking.mask(entry.phone()), at);
        return true;
    }

    /** The clinic's reminder calls waiting for their first dial or live now (retries waiting for their hour are not). */
    private int inFlight(String clinic) {
        int n = 0;
        for (StoredEntry e : store.calling(clinic)) {
            Optional<Call> call = Optional.ofNullable(e.callId()).flatMap(calls::find);
            if (call.isPresent() && (call.get().status().active()
                    || call.get().status() == CallStatus.SCHEDULED && call.get().attempts() == 0)) {
                n++;
            }
        }
        return n;
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
