package kz.clinicai.shared.clinic;

import java.time.Duration;

/**
 * Per-clinic InfoClinica settings.
 *
 * @param forwardedHost  X-Forwarded-Host for clinics behind the SDS gateway (https://api.infoclinica.ru/api/xml);
 *                       null when the clinic's own server is called
 * @param onlineType     ONLINETYPE of bookings: 0 an in-clinic visit (what a voice robot books), 1 telemedicine
 * @param connectTimeout TCP + TLS connect timeout
 * @param requestTimeout per-message timeout (shortened further by the request's deadline)
 */
public record InfoClinicaOptions(String forwardedHost, int onlineType, Duration connectTimeout,
                                 Duration requestTimeout) {
    public static final InfoClinicaOptions DEFAULT =
            new InfoClinicaOptions(null, 0, Duration.ofSeconds(3), Duration.ofSeconds(10));

    public InfoClinicaOptions {
        if (onlineType != 0 && onlineType != 1) {
            throw new IllegalArgumentException("ONLINETYPE must be 0 or 1, not " + onlineType);
        }
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST : requestTimeout;
    }

    private static final Duration DEFAULT_CONNECT = Duration.ofSeconds(3);
    private static final Duration DEFAULT_REQUEST = Duration.ofSeconds(10);
}
