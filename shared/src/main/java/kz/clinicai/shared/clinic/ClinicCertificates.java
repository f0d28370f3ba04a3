package kz.clinicai.shared.clinic;

/** Where client certificates come from (Secrets Manager in production). */
public interface ClinicCertificates {
    ClientCertificate load(String secretId);
}
