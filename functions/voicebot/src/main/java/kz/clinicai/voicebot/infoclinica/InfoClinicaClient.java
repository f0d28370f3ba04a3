package kz.clinicai.voicebot.infoclinica;

import java.time.LocalDate;
import java.util.List;
import kz.clinicai.voicebot.Deadline;

/**
 * The four InfoClinica messages the voicebot needs. Every call finishes (or throws {@link InfoClinicaTimeoutException})
 * within the deadline.
 */
public interface InfoClinicaClient {

    /** WEB_SCHEDULE_INFO. @throws AppointmentNotFoundException when InfoClinica knows no such SCHEDID */
    Appointment appointment(long schedId, Deadline deadline);

    /** WEB_SCHEDULE: the free intervals (FREETYPE 1) of the doctor on that day, by start time. */
    List<Slot> freeSlots(long doctorCode, LocalDate date, Deadline deadline);

    /** WEB_SCHEDULE_REC_RESERVE, a new booking or a move when {@link ReserveRequest#moveSchedId()} is set. */
    Reservation reserve(ReserveRequest request, Deadline deadline);

    /** WEB_SCHEDULE_REC_REMOVE; true when InfoClinica removed the appointment (SPRESULT 1). */
    boolean cancel(long schedId, long patientCode, Deadline deadline);
}
