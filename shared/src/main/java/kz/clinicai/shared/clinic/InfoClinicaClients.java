package kz.clinicai.shared.clinic;

import kz.clinicai.shared.infoclinica.InfoClinicaClient;

/** The InfoClinica client of a clinic. */
@FunctionalInterface
public interface InfoClinicaClients {
    InfoClinicaClient forClinic(ClinicConfig clinic);
}
