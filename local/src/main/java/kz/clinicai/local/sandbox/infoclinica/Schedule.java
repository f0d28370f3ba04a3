package kz.clinicai.local.sandbox.infoclinica;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulated clinic: doctors, their working days cut into intervals, and appointments. Built from the clock
 * at reset so every run that starts on the same day sees the same schedule. Thread-safe (one lock, tiny state).
 */
final class Schedule {

    static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    static final int DAYS = 60;
    static final LocalTime DAY_START = LocalTime.of(9, 0);
    static final LocalTime DAY_END = LocalTime.of(18, 0);
    static final int INTERVAL_MINUTES = 30;
    static final String BRANCH = "Клиника ClinicAI (песочница)";
    static final long FIRST_NEW_SCHEDID = 500_001;

    record Doctor(int dcode, String name, String speciality) {
    }

    record Interval(LocalTime start, LocalTime end, boolean free) {
    }

    /** One doctor's working day; {@code schedIdent} identifies it in WEB_SCHEDULE and reservations. */
    record Day(Doctor doctor, LocalDate date, long schedIdent, List<Interval> intervals) {
    }

    record Appointment(long schedId, long pcode, int dcode, LocalDate date, LocalTime start, LocalTime end) {
    }

    /** Outcome of a reservation: the new SCHEDID, or why not. */
    record Reservation(boolean ok, long schedId, String comment) {
        static Reservation refused(String comment) {
            return new Reservation(false, 0, comment);
        }
    }

    static final List<Doctor> DOCTORS = List.of(
            new Doctor(1001, "Иванова Анна Петровна", "Терапевт"),
            new Doctor(1002, "Ахметов Нурлан Серикович", "Кардиолог"),
            new Doctor(1003, "Ким Елена Викторовна", "Педиатр"));

    private final Clock clock;
    private final Map<Integer, Doctor> doctors = new LinkedHashMap<>();
    /** dcode → date → start → interval. */
    private final Map<Integer, TreeMap<LocalDate, TreeMap<LocalTime, Interval>>> days = new LinkedHashMap<>();
    private final Map<Long, Appointment> appointments = new LinkedHashMap<>();
    private long nextSchedId;

    Schedule(Clock clock) {
        this.clock = clock;
        reset();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /**
     * Default clinic: three doctors working 09:00–18:00 Monday to Saturday for {@value #DAYS} days, every fourth
     * interval busy by a fixed pattern, and two known appointments (SCHEDID 123456: patient 777 with doctor 1001
     * at 10:30 on the first working day after today; 123457: patient 778 with doctor 1002 at 15:00 the working day
     * after that).
     */
    synchronized void reset() {
        doctors.clear();
        days.clear();
        appointments.clear();
        nextSchedId = FIRST_NEW_SCHEDID;
        LocalDate today = today();
        for (Doctor d : DOCTORS) {
            doctors.put(d.dcode(), d);
            TreeMap<LocalDate, TreeMap<LocalTime, Interval>> byDate = new TreeMap<>();
            for (int i = 0; i < DAYS; i++) {
                LocalDate date = today.plusDays(i);
                if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                TreeMap<LocalTime, Interval> intervals = new TreeMap<>();
                int index = 0;
                for (LocalTime t = DAY_START; t.isBefore(DAY_END); t = t.plusMinutes(INTERVAL_MINUTES), index++) {
                    boolean busy = (d.dcode() + date.getDayOfMonth() + index) % 4 == 0;
                    intervals.put(t, new Interval(t, t.plusMinutes(INTERVAL_MINUTES), !busy));
                }
                byDate.put(date, intervals);
            }
            days.put(d.dcode(), byDate);
        }
        LocalDate first = nextWorkingDay(today);
        book(new Appointment(123456, 777, 1001, first, LocalTime.of(10, 30), LocalTime.of(11, 0)));
        book(new Appointment(123457, 778, 1002, nextWorkingDay(first), LocalTime.of(15, 0), LocalTime.of(15, 30)));
    }

    private static LocalDate nextWorkingDay(LocalDate after) {
        LocalDate d = after.plusDays(1);
        return d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
    }

    static long schedIdent(int dcode, LocalDate date) {
        return dcode * 100_000L + date.toEpochDay() % 100_000;
    }

    synchronized Optional<Doctor> doctor(int dcode) {
        return Optional.ofNullable(doctors.get(dcode));
    }

    synchronized Optional<Appointment> appointment(long schedId) {
        return Optional.ofNullable(appointments.get(schedId));
    }

    synchronized List<Appointment> appointments() {
        return List.copyOf(appointments.values());
    }

    synchronized List<Doctor> doctors() {
        return List.copyOf(doctors.values());
    }

    /** Working days of the given doctors between the dates (inclusive), in doctor then date order. */
    synchronized List<Day> days(List<Integer> dcodes, LocalDate from, LocalDate till) {
        List<Day> out = new ArrayList<>();
        for (int dcode : dcodes) {
            Doctor doctor = doctors.get(dcode);
            TreeMap<LocalDate, TreeMap<LocalTime, Interval>> byDate = days.get(dcode);
            if (doctor == null || byDate == null || till.isBefore(from)) {
                continue;
            }
            byDate.subMap(from, true, till, true).forEach((date, intervals) -> out.add(
                    new Day(doctor, date, schedIdent(dcode, date), List.copyOf(intervals.values()))));
        }
        return out;
    }

    /**
     * Books [start, end) for a patient: the range must be covered exactly by free intervals of that doctor's day.
     * With {@code moveSchedId} the patient's existing appointment is freed once the new one is booked.
     */
    synchronized Reservation reserve(long pcode, int dcode, LocalDate date, long schedIdent, LocalTime start,
            LocalTime end, Long moveSchedId) {
        if (!doctors.containsKey(dcode)) {
            return Reservation.refused("Врач с кодом " + dcode + " не найден");
        }
        if (schedIdent != schedIdent(dcode, date)) {
            return Reservation.refused("Расписание " + schedIdent + " не найдено");
        }
        Appointment moved = null;
        if (moveSchedId != null) {
            moved = appointments.get(moveSchedId);
            if (moved == null || moved.pcode() != pcode) {
                return Reservation.refused("Запись " + moveSchedId + " не найдена");
            }
        }
        Optional<List<Interval>> covering = covering(dcode, date, start, end);
        if (covering.isEmpty()) {
            return Reservation.refused("Интервал не найден в расписании врача");
        }
        if (!covering.get().stream().allMatch(Interval::free)) {
            return Reservation.refused("Выбранное время уже занято");
        }
        long schedId = nextSchedId++;
        book(new Appointment(schedId, pcode, dcode, date, start, end));
        if (moved != null) {
            free(moved);
        }
        return new Reservation(true, schedId, "");
    }

    /** Cancels an appointment; false when it does not exist or belongs to another patient. */
    synchronized boolean remove(long schedId, long pcode) {
        Appointment a = appointments.get(schedId);
        if (a == null || a.pcode() != pcode) {
            return false;
        }
        free(a);
        return true;
    }

    /** Replaces a doctor's day with the given intervals (an empty list makes it a day off). */
    synchronized void setDay(int dcode, LocalDate date, List<Interval> intervals) {
        if (!doctors.containsKey(dcode)) {
            throw new IllegalArgumentException("no doctor " + dcode);
        }
        TreeMap<LocalTime, Interval> byStart = new TreeMap<>();
        intervals.forEach(i -> byStart.put(i.start(), i));
        TreeMap<LocalDate, TreeMap<LocalTime, Interval>> byDate = days.get(dcode);
        if (byStart.isEmpty()) {
            byDate.remove(date);
        } else {
            byDate.put(date, byStart);
        }
    }

    /** Adds (or replaces) a doctor; used by control endpoints to shape a clinic. */
    synchronized void putDoctor(Doctor doctor) {
        doctors.put(doctor.dcode(), doctor);
        days.computeIfAbsent(doctor.dcode(), k -> new TreeMap<>());
    }

    /** Records an appointment as given (control endpoint), marking its intervals busy when they exist. */
    synchronized void book(Appointment a) {
        appointments.put(a.schedId(), a);
        nextSchedId = Math.max(nextSchedId, a.schedId() + 1);
        mark(a, false);
    }

    private void free(Appointment a) {
        appointments.remove(a.schedId());
        mark(a, true);
    }

    private void mark(Appointment a, boolean free) {
        TreeMap<LocalTime, Interval> intervals = days.getOrDefault(a.dcode(), new TreeMap<>()).get(a.date());
        if (intervals == null) {
            return;
        }
        intervals.subMap(a.start(), true, a.end(), false).replaceAll((t, i) -> new Interval(i.start(), i.end(), free));
    }

    private Optional<List<Interval>> covering(int dcode, LocalDate date, LocalTime start, LocalTime end) {
        TreeMap<LocalTime, Interval> intervals = days.getOrDefault(dcode, new TreeMap<>()).get(date);
        if (intervals == null || !end.isAfter(start)) {
            return Optional.empty();
        }
        List<Interval> out = new ArrayList<>();
        LocalTime cursor = start;
        while (cursor.isBefore(end)) {
            Interval i = intervals.get(cursor);
            if (i == null || i.end().isAfter(end)) {
                return Optional.empty();
            }
            out.add(i);
            cursor = i.end();
        }
        return Optional.of(out);
    }
}
