package kz.clinicai.shared.infoclinica;

/**
 * InfoClinica's answer to a reservation that either booked or found the time taken (every other refusal is an
 * exception: {@link AppointmentNotFoundException}, {@link UnknownMedElementException}, {@link InfoClinicaRefusedException}).
 *
 * @param booked  SPRESULT 1
 * @param schedId the resulting appointment's SCHEDID (SCHED_INFO/SCHEDID or RSCHEDID); null when the answer names
 *                none, which after a move means the appointment kept its id
 */
public record Reservation(boolean booked, String comment, Long schedId) {
}
