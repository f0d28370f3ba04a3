package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.webhook.CallOpening.Opening;
import org.junit.jupiter.api.Test;

class ReminderOpeningTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 8);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T07:00:00Z"), ZoneOffset.UTC);

    final InMemoryReminderStore store = new InMemoryReminderStore();
    ReminderAppointments.Check answer;
    final ReminderOpening opening = new ReminderOpening((clinic, id) -> answer, store, ReminderListRequestTest.PHONES,
            CLOCK);

    ReminderOpeningTest() {
        store.create(new ReminderList("rem_1", "clinic-a", DAY, "2026-12-07T06:00:00Z", 1),
                List.of(new ReminderEntry(0, "1000", "+77015551200", "KZ", "ru", "Анна")));
        store.settle("rem_1", 0, ReminderState.CALLING, "call_1", null, null);
    }

    static Call call(Map<String, String> meta) {
        return new Call("call_1", "+77015551200", CallStatus.PENDING, "asr", "ru", "stale greeting", null, meta, "2026-12-07T07:00:00.000Z",
                "2026-12-07T07:00:00.000Z", 0, null, null, null, null, null, null, null);
    }

    static final Map<String, String> META = Map.of(ReminderDispatcher.META_LIST, "rem_1",
            ReminderDispatcher.META_ENTRY, "0", ReminderDispatcher.META_CLINIC, "clinic-a",
            ReminderDispatcher.META_APPOINTMENT, "1000", ReminderDispatcher.META_DAY, DAY.toString(),
            "patient_name", "Анна");

    @Test
    void anAppointmentCancelledSinceTheCallWasQueuedIsNotCalled() {
        answer = new ReminderAppointments.Gone();
        Opening o = opening.open(call(META));
        assertThat(o.place()).isFalse();
        assertThat(o.reason()).isEqualTo("appointment_gone");
        StoredEntry e = store.entries("rem_1").get(0);
        assertThat(e.outcome()).isEqualTo("gone");
        assertThat(store.calling("clinic-a")).isEmpty();
    }

    @Test
    void anAppointmentMovedToAnotherDayIsNotCalledAndARefusalCarriesInfoClinicasText() {
        answer = new ReminderAppointments.Booked(new AppointmentFacts("1000", DAY.plusDays(2), LocalTime.NOON, "Д", null));
        assertThat(opening.open(call(META)).place()).isFalse();
        assertThat(store.entries("rem_1").get(0).outcome()).isEqualTo("not_on_day");
        answer = new ReminderAppointments.Refused("Пациент заблокирован", false);
        assertThat(opening.open(call(META)).reason()).isEqualTo("infoclinica_refused");
        assertThat(store.entries("rem_1").get(0).outcomeNote()).isEqualTo("Пациент заблокирован");
    }

    @Test
    void aStillBookedAppointmentIsGreetedWithWhatInfoClinicaSaysNow() {
        answer = new ReminderAppointments.Booked(new AppointmentFacts("1000", DAY, LocalTime.of(12, 0), "Ким Елена",
                "Клиника №2"));
        Opening o = opening.open(call(META));
        assertThat(o.place()).isTrue();
        assertThat(o.greeting()).isEqualTo("Здравствуйте, Анна! Напоминаем о вашей записи к врачу Ким Елена завтра в "
                + "12:00, Клиника №2. Подскажите, пожалуйста, вы придёте?");
        answer = new ReminderAppointments.Refused("timeout", true);
        assertThat(opening.open(call(META))).isEqualTo(Opening.asStored());
        assertThat(opening.open(call(Map.of("lead", "x")))).as("an ordinary call").isEqualTo(Opening.asStored());
    }
}
