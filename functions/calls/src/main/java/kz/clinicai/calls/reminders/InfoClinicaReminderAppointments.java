package kz.clinicai.calls.reminders;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.ClinicRepository;
import kz.clinicai.shared.clinic.InfoClinicaClients;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.AppointmentNotFoundException;
import kz.clinicai.shared.infoclinica.InfoClinicaException;
import kz.clinicai.shared.infoclinica.InfoClinicaRefusedException;
import kz.clinicai.shared.infoclinica.InfoClinicaRejectedException;
import kz.clinicai.shared.time.Deadline;

/**
 * WEB_SCHEDULE_INFO through the clinic's own InfoClinica client (the voicebot's, in shared): the appointment's date,
 * time, doctor and branch. A refusal in InfoClinica's words is final; a timeout or an unreachable server is worth
 * another try on a later tick.
 */
public final class InfoClinicaReminderAppointments implements ReminderAppointments {

    private final ClinicRepository clinics;
    private final InfoClinicaClients clients;
    private final Clock clock;
    private final Duration budget;

    public InfoClinicaReminderAppointments(ClinicRepository clinics, InfoClinicaClients clients, Clock clock,
                                           Duration budget) {
        this.clinics = clinics;
        this.clients = clients;
        this.clock = clock;
        this.budget = budget;
    }

    @Override
    public Check check(String clinic, String appointmentId) {
        ClinicConfig config = clinics.find(clinic).orElse(null);
        if (config == null) {
            return new Refused("The clinic " + clinic + " is no longer configured", false);
        }
        try {
            Appointment a = clients.forClinic(config).appointment(Long.parseLong(appointmentId), config.branchId(),
                    Deadline.after(clock, budget));
            return new Booked(new AppointmentFacts(appointmentId, a.date(), a.time(), a.doctorName(), a.filialName()));
        } catch (AppointmentNotFoundException e) {
            return new Gone();
        } catch (InfoClinicaRefusedException | InfoClinicaRejectedException e) {
            return new Refused(e.getMessage(), false);
        } catch (InfoClinicaException e) {
            return new Refused(e.getMessage(), true);
        }
    }
}
