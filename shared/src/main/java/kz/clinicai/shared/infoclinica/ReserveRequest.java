package kz.clinicai.shared.infoclinica;

/**
 * @param patientCode PCODE, or null to move by SCHEDID alone (when neither SCHED_INFO nor the schedule tells it)
 * @param moveSchedId the appointment being moved (SCHEDID), or null for a new booking
 */
public record ReserveRequest(Long patientCode, long doctorCode, Slot slot, Long moveSchedId) {
}
