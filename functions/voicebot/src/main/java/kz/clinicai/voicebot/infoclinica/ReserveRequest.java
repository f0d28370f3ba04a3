package kz.clinicai.voicebot.infoclinica;

/** @param moveSchedId the appointment being moved (SCHEDID), or null for a new booking */
public record ReserveRequest(long patientCode, long doctorCode, Slot slot, Long moveSchedId) {
}
