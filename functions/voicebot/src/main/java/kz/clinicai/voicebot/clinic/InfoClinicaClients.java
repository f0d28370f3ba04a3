package kz.clinicai.voicebot.clinic;

import kz.clinicai.voicebot.infoclinica.InfoClinicaClient;

/** The InfoClinica client of a clinic. */
@FunctionalInterface
public interface InfoClinicaClients {
    InfoClinicaClient forClinic(ClinicConfig clinic);
}
