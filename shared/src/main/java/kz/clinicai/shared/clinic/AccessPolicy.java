package kz.clinicai.shared.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /** What {@link #tokenSha256} holds for {@code token}: the one hash the voicebot checks and the console stores. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public AccessPolicy withTokenSha256(String sha256) {
        return new AccessPolicy(sha256, allowedSourceIps, perMinute, perMinutePerIp);
    }
}
