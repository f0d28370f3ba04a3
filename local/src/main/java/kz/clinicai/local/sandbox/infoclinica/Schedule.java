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
 * The simulated clinic: two filials, doctors (one who takes patients only with a referral), their working days cut
 * into intervals, and appointments (one whose SCHED_INFO carries no PCODE, as real servers answer). Built from the
 * clock at reset so every run that starts on the same day sees the same schedule. Thread-safe (one lock, tiny
 * state).
 */
final class Schedule {

    static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    static final int DAYS = 60;
    static final LocalTime DAY_START = LocalTime.of(9, 0);
    static final LocalTime DAY_END = LocalTime.of(18, 0);
    static final int INTERVAL_MINUTES = 30;
    static final Map<Integer, String> FILIALS = Map.of(1, "Клиника №1 (песочница)", 2, "Клиника №2 (песочница)");
    static final long FIRST_NEW_SCHEDID = 500_001;
    /** FREETYPE: 1 free; 0 booked by a patient; -6 closed by the clinic (seen in real answers); 6 time already past. */
    static final int FREE = 1;
    static final int BOOKED = 0;
    static final int CLOSED = -6;
    static final int PAST = 6;

    /** @param referral the doctor takes patients only with a referral (reservations refused with CHECKCODE 2) */
    record Doctor(int dcode, String name, String speciality, int filial, boolean referral) {
    }

    /** @param pcode the patient booked there (FREETYPE 0), else null */
    record Interval(LocalTime start, LocalTime end, int freeType, Long pcode) {
        Interval(LocalTime start, LocalTime end, boolean free) {
            this(start, end, free ? FREE : CLOSED, null);
        }

        boolean free() {
            return freeType == FREE;
        }
    }

    /** One doctor's working day; {@code schedIdent} identifies it in WEB_SCHEDULE and reservations. */
    record Day(Doctor doctor, LocalDate date, long schedIdent, List<Interval> intervals) {
    }

    /** @param pcodeHidden SCHED_INFO of this appointment carries no PCODE (the schedule's interval still does) */
    record Appointment(long schedId, long pcode, int dcode, LocalDate date, LocalTime start, LocalTime end,
                       boolean pcodeHidden) {
        Appointment(long schedId, long pcode, int dcode, LocalDate date, LocalTime start, LocalTime end) {
            this(schedId, pcode, dcode, date, start, end, false);
        }
    }

    /** Why a reservation was refused, in the terms of the answer: SPRESULT and CHECKCODE. */
    enum Refusal { TAKEN, NOT_FOUND, REFERRAL, UNKNOWN_DOCTOR, WRONG_FILIAL, BAD_INTERVAL }

    /** Outcome of a reservation: the new SCHEDID (and whether it was a move), or why not. */
    record Reservation(boolean ok, long schedId, boolean moved, Refusal refusal, String comment) {
        static Reservation refused(Refusal refusal, String comment) {
            return new Reservation(false, 0, false, refusal, comment);
        }
    }

    static final List<Doctor> DOCTORS = List.of(
            new Doctor(1001, "Иванова Анна Петровна", "Терапевт", 1, false),
            new Doctor(1002, "Ахметов Нурлан Серикович", "Кардиолог", 1, false),
            new Doctor(1003, "Ким Елена Викторовна", "Педиатр", 2, false),
            new Doctor(1004, "Сериков Арман Болатович", "Эндокринолог", 1, true));

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
     * Default clinic: four doctors (1001–1002 and the referral-only 1004 in filial 1, 1003 in filial 2) working
     * 09:00–18:00 Monday to Saturday for {@value #DAYS} days, every fourth interval closed (FREETYPE -6) by a fixed
     * pattern, and three known appointments (SCHEDID 123456: patient 777 with doctor 1001 at 10:30 on the first
     * working day after today; 123457: patient 778 with doctor 1002 at 15:00 the working day after that; 123458:
     * patient 779 with doctor 1003 in filial 2 at 11:00 on the first working day, its SCHED_INFO without PCODE).
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
                    boolean closed = (d.dcode() + date.getDayOfMonth() + index) % 4 == 0;
                    intervals.put(t, new Interval(t, t.plusMinutes(INTERVAL_MINUTES), !closed));
                }
                byDate.put(date, intervals);
            }
            days.put(d.dcode(), byDate);
        }
        LocalDate first = nextWorkingDay(today);
        book(new Appointment(123456, 777, 1001, first, LocalTime.of(10, 30), LocalTime.of(11, 0)));
        book(new Appointment(123457, 778, 1002, nextWorkingDay(first), LocalTime.of(15, 0), LocalTime.of(15, 30)));
        book(new Appointment(123458, 779, 1003, first, LocalTime.of(11, 0), LocalTime.of(11, 30), true));
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

    /**
     * Working days of the given doctors between the dates (inclusive), in doctor then date order; intervals that
     * already began are reported as past (FREETYPE 6).
     */
    synchronized List<Day> days(List<Integer> dcodes, LocalDate from, LocalDate till) {
        List<Day> out = new ArrayList<>();
        java.time.LocalDateTime now = java.time.LocalDateTime.now(clock.withZone(ZONE));
        for (int dcode : dcodes) {
            Doctor doctor = doctors.get(dcode);
            TreeMap<LocalDate, TreeMap<LocalTime, Interval>> byDate = days.get(dcode);
            if (doctor == null || byDate == null || till.isBefore(from)) {
                continue;
            }
            byDate.subMap(from, true, till, true).forEach((date, intervals) -> out.add(
                    new Day(doctor, date, schedIdent(dcode, date), intervals.values().stream()
                            .map(i -> i.free() && !java.time.LocalDateTime.of(date, i.start()).isAfter(now)
                                    ? new Interval(i.start(), i.end(), PAST, null) : i)
                            .toList())));
        }
        return out;
    }

    /**
     * Books [start, end) for a patient: the range must be covered exactly by free intervals of that doctor's day.
     * With {@code moveSchedId} the patient's existing appointment is freed once the new one is booked ({@code pcode}
     * may then be null: the move goes by SCHEDID). {@code filial}: MSH.99 ("" = not given); a doctor of another
     * filial is refused.
     */
    synchronized Reservation reserve(Long pcode, int dcode, LocalDate date, long schedIdent, LocalTime start,
            LocalTime end, Long moveSchedId, String filial) {
        Doctor doctor = doctors.get(dcode);
        if (doctor == null) {
            return Reservation.refused(Refusal.UNKNOWN_DOCTOR, "Врач с кодом " + dcode + " не найден");
        }
        if (!filial.isEmpty() && !filial.equals(Integer.toString(doctor.filial()))) {
            return Reservation.refused(Refusal.WRONG_FILIAL, "Врач не ведет прием в филиале " + filial);
        }
        if (doctor.referral()) {
            return Reservation.refused(Refusal.REFERRAL, "Запись к врачу возможна только по направлению");
        }
        Appointment moved = null;
        if (moveSchedId != null) {
            moved = appointments.get(moveSchedId);
            if (moved == null || (pcode != null && moved.pcode() != pcode)) {
                return Reservation.refused(Refusal.NOT_FOUND, "Запись пациента не найдена");
            }
        } else if (pcode == null) {
            return Reservation.refused(Refusal.BAD_INTERVAL, "Не указан пациент (PCODE)");
        }
        if (schedIdent != schedIdent(dcode, date)) {
            return Reservation.refused(Refusal.BAD_INTERVAL, "Неверный идентификатор расписания " + schedIdent);
        }
        Optional<List<Interval>> covering = covering(dcode, date, start, end);
        if (covering.isEmpty() || !covering.get().stream().allMatch(Interval::free)) {
            return Reservation.refused(Refusal.TAKEN,
                    "К сожалению, выбранное время было недавно занято. Пожалуйста, выберите другое время.");
        }
        long schedId = nextSchedId++;
        long patient = moved != null ? moved.pcode() : pcode;
        book(new Appointment(schedId, patient, dcode, date, start, end, moved != null && moved.pcodeHidden()));
        if (moved != null) {
            free(moved);
        }
        return new Reservation(true, schedId, moved != null, null, moved != null ? "Запись перенесена"
                : "Пациент записан на прием");
    }

    /** Cancels an appointment; false when it does not exist or belongs to another patient ({@code pcode} null: any). */
    synchronized boolean remove(long schedId, Long pcode) {
        Appointment a = appointments.get(schedId);
        if (a == null || (pcode != null && a.pcode() != pcode)) {
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
        if (!FILIALS.containsKey(doctor.filial())) {
            throw new IllegalArgumentException("no filial " + doctor.filial());
        }
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
        intervals.subMap(a.start(), true, a.end(), false).replaceAll((t, i) -> free
                ? new Interval(i.start(), i.end(), FREE, null) : new Interval(i.start(), i.end(), BOOKED, a.pcode()));
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
