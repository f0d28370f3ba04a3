package kz.clinicai.shared.clinic;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import kz.clinicai.shared.infoclinica.HttpsInfoClinicaClient;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.infoclinica.TlsContexts;

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
        return create(clinic, clinic.certificateSecretId() == null ? null
                : certificates.load(clinic.certificateSecretId()), clock);
    }

    /**
     * A fresh client of {@code clinic} presenting {@code cert} (null: no client certificate), not cached: the
     * console's connection check uses the certificate just stored, the voicebot goes through the cache.
     */
    public static HttpsInfoClinicaClient create(ClinicConfig clinic, ClientCertificate cert, Clock clock) {
        SSLContext tls = cert == null ? null
                : TlsContexts.fromPem(cert.certificatePem(), cert.privateKeyPem(), cert.caPem());
        InfoClinicaOptions options = clinic.infoClinica();
        HttpClient http = HttpsInfoClinicaClient.httpClient(tls, options.connectTimeout());
        return new HttpsInfoClinicaClient(new HttpsInfoClinicaClient.Settings(clinic.infoClinicaUrl(),
                clinic.branchId(), options.forwardedHost(), options.onlineType(), options.requestTimeout(),
                clinic.timeZone()), http, clock);
    }
}
