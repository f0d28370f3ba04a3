package kz.clinicai.shared.clinic;

/** PEM material of a clinic's InfoClinica client certificate; {@code caPem} may be null (default trust). */
public record ClientCertificate(String certificatePem, String privateKeyPem, String caPem) {
    @Override
    public String toString() {
        return "ClientCertificate[private key redacted]";
    }
}
