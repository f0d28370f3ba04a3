package kz.clinicai.local.voicebot;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.InMemoryInfoClinica;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.infoclinica.Interval;
import kz.clinicai.shared.infoclinica.Slot;

/** The in-memory twin under the same contract as SimulatedInfoClinicaTest. */
class InMemoryInfoClinicaTest extends InfoClinicaContract {

    private final InMemoryInfoClinica fake = new InMemoryInfoClinica();
    private final Map<Long, String> names = new HashMap<>();

    @Override
    InfoClinicaClient client() {
        return fake;
    }

    @Override
    void givenDoctorDay(long doctor, String name, LocalDate date, List<LocalTime> free, List<LocalTime> closed) {
        names.put(doctor, name);
        List<Slot> day = fake.free.computeIfAbsent(date, d -> new ArrayList<>());
        free.forEach(t -> day.add(new Slot(date, t, t.plusMinutes(30), doctor * 100_000 + date.toEpochDay(), doctor)));
    }

    @Override
    void givenAppointment(long schedId, long patient, long doctor, LocalDate date, LocalTime start) {
        Slot slot = fake.free.get(date).stream().filter(s -> s.doctorCode() == doctor && s.start().equals(start))
                .findFirst().orElseThrow();
        fake.free.get(date).remove(slot);
        fake.busy.add(new Interval(slot, 0, patient));
        fake.appointments.put(schedId, new Appointment(schedId, date, start, slot.end(), doctor, patient, FILIAL,
                names.get(doctor), "Клиника №1"));
    }
}
