package kz.clinicai.shared.infoclinica;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.time.Deadline;

/**
 * An InfoClinica server in memory, with the answers {@link HttpsInfoClinicaClient} gives for the real one: a move
 * frees the old time, a taken time is refused, an unknown SCHEDID is not found, a second cancellation finds nothing.
 * Proven against the local InfoClinica simulator through the real client by local's {@code InfoClinicaContract};
 * its public fields are the tests' knobs and instruments.
 */
public final class InMemoryInfoClinica implements InfoClinicaClient {
    public final Map<Long, Appointment> appointments = new HashMap<>();
    public final Map<LocalDate, List<Slot>> free = new HashMap<>();
    /** Busy intervals with the patient booked there (what WEB_SCHEDULE lists besides free time). */
    public final List<Interval> busy = new ArrayList<>();
    public final List<ReserveRequest> reserves = new ArrayList<>();
    public final List<Long> cancels = new ArrayList<>();
    public final List<String> filials = new ArrayList<>();
    public final List<String> messages = new ArrayList<>();
    public boolean rejectReservations;
    /** Moves keep the appointment's SCHEDID and name no new one (as some servers answer). */
    public boolean movesKeepId;
    public RuntimeException scheduleFailure;
    public RuntimeException reserveFailure;
    public Removal removal;
    public long nextSchedId = 900_000;

    @Override
    public Appointment appointment(long schedId, String filial, Deadline deadline) {
        messages.add("SCHEDULE_INFO");
        filials.add(filial);
        Appointment a = appointments.get(schedId);
        if (a == null) {
            throw new AppointmentNotFoundException(schedId);
        }
        return a;
    }

    @Override
    public List<Interval> schedule(long doctorCode, LocalDate date, String filial, Deadline deadline) {
        messages.add("SCHEDULE");
        filials.add(filial);
        if (scheduleFailure != null) {
            throw scheduleFailure;
        }
        // One doctor's day, as WEB_SCHEDULE answers for one DCODE.
        List<Interval> out = new ArrayList<>();
        free.getOrDefault(date, List.of()).stream().filter(s -> s.doctorCode() == doctorCode)
                .forEach(s -> out.add(new Interval(s, 1, null)));
        busy.stream().filter(i -> i.slot().date().equals(date) && i.slot().doctorCode() == doctorCode)
                .forEach(out::add);
        out.add(new Interval(new Slot(date, LocalTime.of(19, 30), LocalTime.of(20, 0), 4001,
                doctorCode), -6, null));
        // In clock order, as HttpsInfoClinicaClient returns them.
        out.sort(java.util.Comparator.comparing((Interval i) -> i.slot().start()));
        return out;
    }

    @Override
    public Reservation reserve(ReserveRequest request, String filial, Deadline deadline) {
        messages.add("SCHEDULE_REC_RESERVE");
        filials.add(filial);
        reserves.add(request);
        if (reserveFailure != null) {
            throw reserveFailure;
        }
        Appointment old = appointments.get(request.moveSchedId());
        if (old == null) {
            throw new AppointmentNotFoundException(request.moveSchedId(), "Запись пациента не найдена");
        }
        List<Slot> day = free.computeIfAbsent(request.slot().date(), d -> new ArrayList<>());
        if (rejectReservations || !day.contains(request.slot())) {
            return new Reservation(false, "К сожалению, выбранное время было недавно занято.", null);
        }
        day.remove(request.slot());
        // The new time is the patient's now; the old one is free again.
        busy.add(new Interval(request.slot(), 0, old.patientCode()));
        release(old, request.slot().schedIdent());
        long id = movesKeepId ? old.schedId() : nextSchedId++;
        appointments.remove(old.schedId());
        appointments.put(id, new Appointment(id, request.slot().date(), request.slot().start(),
                request.slot().end(), old.doctorCode(), old.patientCode(), old.filial(), old.doctorName(),
                old.filialName()));
        return new Reservation(true, "Пациент записан", movesKeepId ? null : id);
    }

    @Override
    public Removal cancel(long schedId, Long patientCode, String filial, Deadline deadline) {
        messages.add("SCHEDULE_REC_REMOVE");
        filials.add(filial);
        cancels.add(schedId);
        if (removal != null) {
            return removal;
        }
        Appointment removed = appointments.remove(schedId);
        if (removed == null) {
            return new Removal(Removal.Kind.ALREADY_CANCELLED, "Запись пациента не найдена");
        }
        release(removed, busy.stream().filter(i -> isOf(i, removed)).map(i -> i.slot().schedIdent()).findFirst()
                .orElse(0L));
        return new Removal(Removal.Kind.REMOVED, "Запись пациента на прием удалена");
    }

    /** The appointment's time is no longer booked by its patient and is offered again. */
    private void release(Appointment a, long schedIdent) {
        busy.removeIf(i -> isOf(i, a));
        free.computeIfAbsent(a.date(), d -> new ArrayList<>()).add(new Slot(a.date(), a.time(), a.end(),
                schedIdent, a.doctorCode()));
    }

    private static boolean isOf(Interval i, Appointment a) {
        return i.slot().date().equals(a.date()) && i.slot().start().equals(a.time())
                && i.slot().doctorCode() == a.doctorCode();
    }
}
