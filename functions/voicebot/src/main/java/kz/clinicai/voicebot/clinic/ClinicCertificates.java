package kz.clinicai.voicebot.clinic;

/** Where client certificates come from (Secrets Manager in production). */
interface ClinicCertificates {
    ClientCertificate load(String secretId);
}
