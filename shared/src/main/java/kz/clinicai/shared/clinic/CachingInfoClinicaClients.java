package kz.clinicai.shared.clinic;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import kz.clinicai.shared.infoclinica.HttpsInfoClinicaClient;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.infoclinica.TlsContexts;

/**
 * One client per clinic configuration, kept for {@link #TTL}: fetching the secret and the TLS setup are paid once
 * in a while, and the HttpClient keeps its connections warm between requests. The TTL is why a certificate uploaded
 * in the console (a new version of the same secret, so the same configuration) reaches warm containers within
 * minutes; clients of configurations no longer asked for (an edited clinic) are dropped with it.
 */
public final class CachingInfoClinicaClients implements InfoClinicaClients {
    /** As the platform's other secrets (SecretStore.DEFAULT_TTL). */
    public static final Duration TTL = Duration.ofMinutes(5);

    private record Cached(InfoClinicaClient client, Instant madeAt) {
    }

    private final ClinicCertificates certificates;
    private final Clock clock;
    private final Map<ClinicConfig, Cached> clients = new ConcurrentHashMap<>();

    public CachingInfoClinicaClients(ClinicCertificates certificates, Clock clock) {
        this.certificates = certificates;
        this.clock = clock;
    }

    @Override
    public InfoClinicaClient forClinic(ClinicConfig clinic) {
        Instant now = clock.instant();
        Cached cached = clients.get(clinic);
        if (cached != null && now.isBefore(cached.madeAt().plus(TTL))) {
            return cached.client();
        }
        InfoClinicaClient fresh;
        try {
            fresh = create(clinic);
        } catch (RuntimeException e) {
            if (cached != null) {
                // The secret could not be read again: the old certificate usually still works meanwhile.
                return cached.client();
            }
            throw e;
        }
        clients.values().removeIf(c -> !now.isBefore(c.madeAt().plus(TTL)));
        clients.put(clinic, new Cached(fresh, now));
        return fresh;
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
