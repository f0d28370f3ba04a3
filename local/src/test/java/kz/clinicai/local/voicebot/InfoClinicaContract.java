package kz.clinicai.local.voicebot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.AppointmentNotFoundException;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.infoclinica.Interval;
import kz.clinicai.shared.infoclinica.Removal;
import kz.clinicai.shared.infoclinica.Reservation;
import kz.clinicai.shared.infoclinica.ReserveRequest;
import kz.clinicai.shared.infoclinica.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the booking tools rely on from an {@link InfoClinicaClient}, run against the in-memory twin the voicebot's
 * tests use and against the InfoClinica simulator through the real {@code HttpsInfoClinicaClient} (mutual TLS, the
 * XML both ways): an appointment reads back as booked, a doctor's day lists that doctor's free times and the
 * patient's booked one, a move books the new time and frees the old, a taken time is refused without a change, a
 * cancellation frees the time and a second one finds nothing. Dates lie after the simulator's fixed "today"
 * (Monday 2026-11-23), so no interval is in the past.
 */
abstract class InfoClinicaContract {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final long DOCTOR = 2001;
    static final String DOCTOR_NAME = "Контрактова Вера Павловна";
    static final long OTHER_DOCTOR = 2002;
    static final long PATIENT = 4242;
    static final long OTHER_PATIENT = 4343;
    static final long SCHED_ID = 870_001;
    static final long OTHER_SCHED_ID = 870_002;
    static final String FILIAL = "1";
    static final List<LocalTime> FREE = List.of(LocalTime.of(9, 0), LocalTime.of(9, 30), LocalTime.of(10, 0),
            LocalTime.of(10, 30), LocalTime.of(11, 0));
    static final LocalTime CLOSED = LocalTime.of(11, 30);

    abstract InfoClinicaClient client();

    /** The doctor (filial 1) works on {@code date} in 30-minute intervals: {@code free} open, {@code closed} not. */
    abstract void givenDoctorDay(long doctor, String name, LocalDate date, List<LocalTime> free,
                                 List<LocalTime> closed);

    /** A patient's 30-minute appointment in one of the doctor's free intervals (now booked by them). */
    abstract void givenAppointment(long schedId, long patient, long doctor, LocalDate date, LocalTime start);

    InfoClinicaClient infoClinica;

    @BeforeEach
    void aClinicDay() {
        givenDoctorDay(DOCTOR, DOCTOR_NAME, DAY, FREE, List.of(CLOSED));
        givenDoctorDay(OTHER_DOCTOR, "Другой Врач", DAY, List.of(LocalTime.of(14, 0), LocalTime.of(14, 30)), List.of());
        givenAppointment(SCHED_ID, PATIENT, DOCTOR, DAY, LocalTime.of(9, 0));
        givenAppointment(OTHER_SCHED_ID, OTHER_PATIENT, DOCTOR, DAY, LocalTime.of(9, 30));
        infoClinica = client();
    }

    static Deadline deadline() {
        return Deadline.after(Clock.systemUTC(), Duration.ofSeconds(20));
    }

    List<Interval> day() {
        return infoClinica.schedule(DOCTOR, DAY, FILIAL, deadline());
    }

    static List<LocalTime> freeStarts(List<Interval> intervals) {
        return intervals.stream().filter(i -> i.freeType() == 1).map(i -> i.slot().start()).toList();
    }

    Slot freeSlot(LocalTime start) {
        return day().stream().filter(i -> i.freeType() == 1 && i.slot().start().equals(start)).findFirst()
                .orElseThrow(() -> new AssertionError(start + " is not free")).slot();
    }

    @Test
    void anAppointmentReadsBackAsBooked() {
        Appointment a = infoClinica.appointment(SCHED_ID, null, deadline());

        assertThat(a.schedId()).isEqualTo(SCHED_ID);
        assertThat(a.date()).isEqualTo(DAY);
        assertThat(a.time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(a.end()).isEqualTo(LocalTime.of(9, 30));
        assertThat(a.doctorCode()).isEqualTo(DOCTOR);
        assertThat(a.patientCode()).isEqualTo(PATIENT);
        assertThat(a.doctorName()).isEqualTo(DOCTOR_NAME);
        assertThat(a.filial()).isEqualTo(FILIAL);
    }

    @Test
    void anUnknownAppointmentIsNotFound() {
        assertThatThrownBy(() -> infoClinica.appointment(879_999, null, deadline()))
                .isInstanceOf(AppointmentNotFoundException.class);
    }

    @Test
    void aDoctorsDayListsTheirFreeTimesAndTheBookedOnes() {
        List<Interval> day = day();

        assertThat(freeStarts(day)).containsExactly(LocalTime.of(10, 0), LocalTime.of(10, 30), LocalTime.of(11, 0));
        assertThat(day).allSatisfy(i -> {
            assertThat(i.slot().date()).isEqualTo(DAY);
            assertThat(i.slot().doctorCode()).as("only the asked doctor's intervals").isEqualTo(DOCTOR);
        });
        assertThat(day).filteredOn(i -> i.slot().start().equals(LocalTime.of(9, 0))).singleElement()
                .satisfies(i -> {
                    assertThat(i.freeType()).isNotEqualTo(1);
                    assertThat(i.patientCode()).isEqualTo(PATIENT);
                    assertThat(i.slot().end()).isEqualTo(LocalTime.of(9, 30));
                });
        assertThat(freeStarts(day)).doesNotContain(CLOSED);
        assertThat(freeStarts(infoClinica.schedule(OTHER_DOCTOR, DAY, FILIAL, deadline())))
                .containsExactly(LocalTime.of(14, 0), LocalTime.of(14, 30));
    }

    @Test
    void aMoveBooksTheNewTimeAndFreesTheOld() {
        Slot target = freeSlot(LocalTime.of(10, 30));

        Reservation r = infoClinica.reserve(new ReserveRequest(PATIENT, DOCTOR, target, SCHED_ID), FILIAL,
                deadline());

        assertThat(r.booked()).isTrue();
        long now = r.schedId() != null ? r.schedId() : SCHED_ID;
        Appointment moved = infoClinica.appointment(now, FILIAL, deadline());
        assertThat(moved.time()).isEqualTo(LocalTime.of(10, 30));
        assertThat(moved.date()).isEqualTo(DAY);
        assertThat(moved.patientCode()).isEqualTo(PATIENT);
        assertThat(moved.doctorCode()).isEqualTo(DOCTOR);
        if (now != SCHED_ID) {
            assertThatThrownBy(() -> infoClinica.appointment(SCHED_ID, FILIAL, deadline()))
                    .as("a move that issued a new SCHEDID leaves no appointment under the old one")
                    .isInstanceOf(AppointmentNotFoundException.class);
        }
        List<Interval> day = day();
        assertThat(freeStarts(day)).contains(LocalTime.of(9, 0)).doesNotContain(LocalTime.of(10, 30));
        assertThat(day).filteredOn(i -> i.patientCode() != null && i.patientCode() == PATIENT)
                .extracting(i -> i.slot().start()).containsExactly(LocalTime.of(10, 30));
    }

    @Test
    void aTakenTimeIsRefusedAndNothingChanges() {
        Slot taken = day().stream().filter(i -> i.slot().start().equals(LocalTime.of(9, 30))).findFirst()
                .orElseThrow().slot();

        Reservation r = infoClinica.reserve(new ReserveRequest(PATIENT, DOCTOR, taken, SCHED_ID), FILIAL,
                deadline());

        assertThat(r.booked()).isFalse();
        assertThat(r.comment()).isNotBlank();
        assertThat(infoClinica.appointment(SCHED_ID, FILIAL, deadline()).time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(infoClinica.appointment(OTHER_SCHED_ID, FILIAL, deadline()).patientCode()).isEqualTo(OTHER_PATIENT);
        assertThat(freeStarts(day())).containsExactly(LocalTime.of(10, 0), LocalTime.of(10, 30), LocalTime.of(11, 0));
    }

    @Test
    void movingAnAppointmentThatIsGoneIsNotFound() {
        Slot target = freeSlot(LocalTime.of(10, 0));

        assertThatThrownBy(() -> infoClinica.reserve(new ReserveRequest(PATIENT, DOCTOR, target, 879_998L), FILIAL,
                deadline())).isInstanceOf(AppointmentNotFoundException.class);
        assertThat(freeStarts(day())).contains(LocalTime.of(10, 0));
    }

    @Test
    void aCancellationFreesTheTimeAndASecondOneFindsNothing() {
        Removal first = infoClinica.cancel(SCHED_ID, PATIENT, FILIAL, deadline());

        assertThat(first.kind()).isEqualTo(Removal.Kind.REMOVED);
        assertThatThrownBy(() -> infoClinica.appointment(SCHED_ID, FILIAL, deadline()))
                .isInstanceOf(AppointmentNotFoundException.class);
        assertThat(freeStarts(day())).contains(LocalTime.of(9, 0));
        assertThat(infoClinica.cancel(SCHED_ID, PATIENT, FILIAL, deadline()).kind())
                .isEqualTo(Removal.Kind.ALREADY_CANCELLED);
    }
}
