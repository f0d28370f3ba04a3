package kz.clinicai.shared.clinic;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.shared.ratelimit.RateLimiter;
import kz.clinicai.shared.secrets.ConstantTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may ask about a clinic's appointments: the clinic's ACS credential (only its SHA-256 is stored, compared in
 * constant time), an optional source-IP allowlist, and rate limits per source IP and clinic (before the credential
 * is checked, so guessing it is throttled too) and per clinic. Answers that suggest enumeration — a wrong credential, an unknown
 * clinic, an unknown appointment — weigh {@link #SUSPICIOUS_WEIGHT} times a normal request on the IP's counter.
 */
public final class ClinicAccess {
    private static final Logger LOG = LoggerFactory.getLogger(ClinicAccess.class);
    public static final int SUSPICIOUS_WEIGHT = 10;
    /** The policies' limits are per minute. */
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** Who is calling: the presented credential (may be null) and API Gateway's source IP. */
    public record Caller(String token, String sourceIp) {
    }

    private final RateLimiter limiter;
    private final Clock clock;

    public ClinicAccess(RateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    /** @throws AccessDeniedException 401 (no such clinic or wrong credential), 403 (source), 429 (too many) */
    public void admit(ClinicConfig clinic, Caller caller) {
        AccessPolicy policy = clinic.access();
        if (!SourceAddresses.allowed(caller.sourceIp(), policy.allowedSourceIps())) {
            LOG.warn("Source IP not in the clinic's allowlist");
            throw new AccessDeniedException(403, "Доступ с этого адреса запрещён");
        }
        if (add(ipKey(clinic.slug(), caller), 1) > policy.perMinutePerIp()) {
            throw new AccessDeniedException(429, "Слишком много запросов, повторите позже");
        }
        if (policy.tokenSha256() == null || caller.token() == null
                || !ConstantTime.equals(sha256(caller.token()), policy.tokenSha256())) {
            suspicious(clinic, caller);
            throw new AccessDeniedException(401, "Неверные учётные данные");
        }
        if (add("clinic#" + clinic.slug(), 1) > policy.perMinute()) {
            throw new AccessDeniedException(429, "Слишком много запросов, повторите позже");
        }
    }

    /** A request for a clinic that does not exist: as "wrong credential", so clinic slugs cannot be probed. */
    public void unknownClinic(Caller caller) {
        if (add(ipKey("?", caller), SUSPICIOUS_WEIGHT) > AccessPolicy.DEFAULT_PER_MINUTE_PER_IP) {
            throw new AccessDeniedException(429, "Слишком много запросов, повторите позже");
        }
        throw new AccessDeniedException(401, "Неверные учётные данные");
    }

    /** An answer that named an unknown appointment: weighs more on the caller's IP counter. */
    public void suspicious(ClinicConfig clinic, Caller caller) {
        add(ipKey(clinic.slug(), caller), SUSPICIOUS_WEIGHT - 1);
    }

    private long add(String key, int weight) {
        return limiter.add(key, weight, WINDOW, clock.instant());
    }

    public static String sha256(String token) {
        return AccessPolicy.hash(token);
    }

    /** Per clinic and source IP (the limit is the clinic's); "?" collects requests for clinics that do not exist. */
    private static String ipKey(String clinic, Caller caller) {
        return "ip#" + clinic + "#"
                + (caller.sourceIp() == null || caller.sourceIp().isBlank() ? "unknown" : caller.sourceIp());
    }
}
