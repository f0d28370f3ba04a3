package kz.clinicai.shared.infoclinica;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A patient's booked visit as WEB_SCHEDULE_INFO describes it.
 *
 * @param patientCode PCODE; null when the server's SCHED_INFO does not carry it (real servers omit it)
 * @param filial      FILIAL, the branch the visit belongs to (MSH.99 of every later message about it); may be null
 * @param doctorName  DNAME, spoken to the patient as is
 * @param filialName  FNAME, may be null
 */
public record Appointment(long schedId, LocalDate date, LocalTime time, LocalTime end, long doctorCode,
                          Long patientCode, String filial, String doctorName, String filialName) {
}
