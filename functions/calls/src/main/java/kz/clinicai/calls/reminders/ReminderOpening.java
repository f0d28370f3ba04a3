package kz.clinicai.calls.reminders;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.calls.api.PhoneNumbers;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.webhook.CallOpening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reminder call reads its appointment from InfoClinica once more as the scenario starts, before anyone is dialled:
 * the call may have waited for calling hours or a retry since it was queued. Cancelled meanwhile → not placed,
 * outcome {@code gone}; moved to another day → {@code not_on_day}; refused → {@code infoclinica_refused}; still
 * booked → the greeting is built again from what InfoClinica says now. InfoClinica unreachable → the facts read
 * when the call was queued stand.
 */
public final class ReminderOpening implements CallOpening {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderOpening.class);

    private final ReminderAppointments appointments;
    private final ReminderStore store;
    private final PhoneNumbers phones;
    private final Clock clock;

    public ReminderOpening(ReminderAppointments appointments, ReminderStore store, PhoneNumbers phones, Clock clock) {
        this.appointments = appointments;
        this.store = store;
        this.phones = phones;
        this.clock = clock;
    }

    @Override
    public Opening open(Call call) {
        if (!ReminderDispatcher.isReminder(call)) {
            return Opening.asStored();
        }
        Map<String, String> meta = call.metadata();
        String list = meta.get(ReminderDispatcher.META_LIST);
        int index = Integer.parseInt(meta.get(ReminderDispatcher.META_ENTRY));
        ReminderAppointments.Check check = appointments.check(meta.get(ReminderDispatcher.META_CLINIC),
                meta.get(ReminderDispatcher.META_APPOINTMENT));
        return switch (check) {
            case ReminderAppointments.Gone gone -> {
                store.outcome(list, index, ReminderState.GONE.wire(), null, "cancelled in InfoClinica before the call");
                yield Opening.notPlaced("appointment_gone");
            }
            case ReminderAppointments.Refused refused when !refused.retryable() -> {
                store.outcome(list, index, ReminderState.INFOCLINICA_REFUSED.wire(), null, refused.text());
                yield Opening.notPlaced("infoclinica_refused");
            }
            case ReminderAppointments.Refused refused -> {
                LOG.warn("Reminder call {}: InfoClinica unavailable at the start ({}); the queued facts stand",
                        call.id(), refused.text());
                yield Opening.asStored();
            }
            case ReminderAppointments.Booked booked -> {
                String day = meta.get(ReminderDispatcher.META_DAY);
                if (day != null && !booked.facts().date().toString().equals(day)) {
                    store.outcome(list, index, ReminderState.NOT_ON_DAY.wire(), null,
                            "moved to " + booked.facts().date() + " before the call");
                    yield Opening.notPlaced("appointment_not_on_day");
                }
                ZoneId zone = phones.zoneOf(phones.parse(call.phone()), Optional.empty());
                yield Opening.withGreeting(ReminderPhrases.greeting(call.language(), booked.facts(),
                        meta.get("patient_name"), LocalDate.now(clock.withZone(zone))));
            }
        };
    }
}
