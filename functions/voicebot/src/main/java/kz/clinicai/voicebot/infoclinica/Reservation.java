package kz.clinicai.voicebot.infoclinica;

/**
 * InfoClinica's answer to a reservation.
 *
 * @param accepted SPRESULT 1; 0 means the slot was taken meanwhile
 * @param schedId SCHEDID of the resulting appointment when accepted
 */
public record Reservation(boolean accepted, String comment, Long schedId) {
}
