package kz.clinicai.calls.reminders;

import java.time.LocalDate;
import java.time.LocalTime;

/** What InfoClinica says about a booked appointment (WEB_SCHEDULE_INFO): what the call opens with. */
public record AppointmentFacts(String appointmentId, LocalDate date, LocalTime time, String doctor, String branch) {
}
