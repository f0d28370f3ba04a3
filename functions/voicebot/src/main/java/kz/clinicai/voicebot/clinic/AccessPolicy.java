package kz.clinicai.voicebot.clinic;

import java.util.List;

/**
 * Who may call a clinic's voicebot route.
 *
 * @param tokenSha256       lower-case hex SHA-256 of the clinic's ACS credential (only the hash is stored); null:
 *                          the route is closed (every request 401)
 * @param allowedSourceIps  IPs or CIDR ranges ACS calls from; empty: any source
 * @param perMinute         requests per minute for the clinic (authenticated requests)
 * @param perMinutePerIp    request weight per minute for one source IP (unknown appointments and bad credentials
 *                          weigh more, so enumerating appointment ids is cut off early)
 */
public record AccessPolicy(String tokenSha256, List<String> allowedSourceIps, int perMinute, int perMinutePerIp) {
    public static final int DEFAULT_PER_MINUTE = 600;
    public static final int DEFAULT_PER_MINUTE_PER_IP = 120;
    public static final AccessPolicy CLOSED = new AccessPolicy(null, List.of(), DEFAULT_PER_MINUTE,
            DEFAULT_PER_MINUTE_PER_IP);

    public AccessPolicy {
        allowedSourceIps = allowedSourceIps == null ? List.of() : List.copyOf(allowedSourceIps);
        perMinute = perMinute <= 0 ? DEFAULT_PER_MINUTE : perMinute;
        perMinutePerIp = perMinutePerIp <= 0 ? DEFAULT_PER_MINUTE_PER_IP : perMinutePerIp;
    }
}
