package kz.clinicai.voicebot.clinic;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import kz.clinicai.voicebot.infoclinica.HttpsInfoClinicaClient;
import kz.clinicai.voicebot.infoclinica.InfoClinicaClient;
import kz.clinicai.voicebot.infoclinica.TlsContexts;

/**
 * One client per clinic configuration for the life of the container: fetching the secret and the TLS handshake
 * setup are paid once, and the HttpClient keeps its connections warm between requests.
 */
public final class CachingInfoClinicaClients implements InfoClinicaClients {
    private final ClinicCertificates certificates;
    private final Clock clock;
    private final Map<ClinicConfig, InfoClinicaClient> clients = new ConcurrentHashMap<>();

    public CachingInfoClinicaClients(ClinicCertificates certificates, Clock clock) {
        this.certificates = certificates;
        this.clock = clock;
    }

    @Override
    public InfoClinicaClient forClinic(ClinicConfig clinic) {
        return clients.computeIfAbsent(clinic, this::create);
    }

    private InfoClinicaClient create(ClinicConfig clinic) {
        SSLContext tls = null;
        if (clinic.certificateSecretId() != null) {
            ClientCertificate cert = certificates.load(clinic.certificateSecretId());
            tls = TlsContexts.fromPem(cert.certificatePem(), cert.privateKeyPem(), cert.caPem());
        }
        InfoClinicaOptions options = clinic.infoClinica();
        HttpClient http = HttpsInfoClinicaClient.httpClient(tls, options.connectTimeout());
        return new HttpsInfoClinicaClient(new HttpsInfoClinicaClient.Settings(clinic.infoClinicaUrl(),
                clinic.branchId(), options.forwardedHost(), options.onlineType(), options.requestTimeout(),
                clinic.timeZone()), http, clock);
    }
}
