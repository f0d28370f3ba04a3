package kz.clinicai.voicebot.infoclinica;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A patient's booked visit as WEB_SCHEDULE_INFO describes it.
 *
 * @param doctorName DNAME, spoken to the patient as is
 * @param filialName FNAME, may be null
 */
public record Appointment(long schedId, LocalDate date, LocalTime time, long doctorCode, long patientCode,
                          String doctorName, String filialName) {
}
