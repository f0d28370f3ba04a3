package kz.clinicai.shared.infoclinica;

import java.time.LocalDate;
import java.util.List;
import kz.clinicai.shared.time.Deadline;

/**
 * The InfoClinica messages the voicebot needs. Every call finishes (or throws {@link InfoClinicaTimeoutException})
 * within the deadline. {@code filial} is MSH.99: the branch of the appointment or doctor the message is about
 * (null: the clinic's default branch).
 */
public interface InfoClinicaClient {

    /** WEB_SCHEDULE_INFO. @throws AppointmentNotFoundException when InfoClinica knows no such SCHEDID */
    Appointment appointment(long schedId, String filial, Deadline deadline);

    /** WEB_SCHEDULE of one doctor and day: every interval (free or not), by start time. */
    List<Interval> schedule(long doctorCode, LocalDate date, String filial, Deadline deadline);

    /** WEB_SCHEDULE_REC_RESERVE, a new booking or a move when {@link ReserveRequest#moveSchedId()} is set. */
    Reservation reserve(ReserveRequest request, String filial, Deadline deadline);

    /** WEB_SCHEDULE_REC_REMOVE. */
    Removal cancel(long schedId, Long patientCode, String filial, Deadline deadline);
}
