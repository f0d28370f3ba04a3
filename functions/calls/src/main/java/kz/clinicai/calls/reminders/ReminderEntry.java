package kz.clinicai.calls.reminders;

/**
 * One appointment to remind of, as the clinic sent it (validated): InfoClinica's SCHEDID, the callee in E.164 with
 * its phone region, the language of the call, the name to greet (optional), and the call's mode the list asked for
 * ({@code asr | record | realtime}; null: the deployment's default). Nothing about the appointment itself is taken
 * from here: the call reads it from InfoClinica.
 */
public record ReminderEntry(int index, String appointmentId, String phone, String region, String language,
                            String patientName, String mode) {

    public ReminderEntry(int index, String appointmentId, String phone, String region, String language,
                         String patientName) {
        this(index, appointmentId, phone, region, language, patientName, null);
    }
}
