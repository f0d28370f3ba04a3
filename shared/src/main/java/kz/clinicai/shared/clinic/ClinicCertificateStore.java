package kz.clinicai.shared.clinic;

/** Certificates the console writes as well as reads (the voicebot only reads: {@link ClinicCertificates}). */
public interface ClinicCertificateStore extends ClinicCertificates {

    /** Stores {@code certificate} as the secret {@code secretId}, creating it on first use. */
    void save(String secretId, ClientCertificate certificate);
}
