package kz.clinicai.shared.clinic;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One clinic's voicebot settings.
 *
 * @param certificateSecretId Secrets Manager secret whose JSON holds certificate_pem, private_key_pem and optional
 *                            ca_pem; null when InfoClinica is reached without a client certificate (a sandbox)
 * @param branchId            the clinic's default filial (MSH.99) for a read before the appointment is known
 * @param workingHours        days missing from the map are days off
 * @param assistantName       the assistant configuration whose instructions and model the voicebot uses
 * @param infoClinica         how this clinic's InfoClinica is reached (gateway host, ONLINETYPE, timeouts)
 * @param access              who may call the clinic's route and how often
 */
public record ClinicConfig(String slug, URI infoClinicaUrl, String certificateSecretId, String branchId,
                           ZoneId timeZone, Map<DayOfWeek, WorkingHours> workingHours, String assistantName,
                           InfoClinicaOptions infoClinica, AccessPolicy access) {
    public ClinicConfig {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(infoClinicaUrl, "infoClinicaUrl");
        Objects.requireNonNull(timeZone, "timeZone");
        workingHours = Map.copyOf(workingHours);
        infoClinica = infoClinica == null ? InfoClinicaOptions.DEFAULT : infoClinica;
        access = access == null ? AccessPolicy.CLOSED : access;
    }

    public Optional<WorkingHours> hoursOn(LocalDate date) {
        return Optional.ofNullable(workingHours.get(date.getDayOfWeek()));
    }

    /** Whether the clinic works on {@code date} at {@code time}; with no time, whether it works that day at all. */
    public boolean isOpen(LocalDate date, LocalTime time) {
        return hoursOn(date).map(h -> time == null || h.contains(time)).orElse(false);
    }
}
