package kz.clinicai.calls.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.secrets.ConstantTime;

/**
 * {@code x-clinicai-signature: t=<unix seconds>,n=<nonce>,s=<hex HMAC-SHA256(key, t + "." + n + "." + body)>}.
 * Accepted only within {@link #MAX_SKEW} of now and only once per nonce (claimed in the store, kept a little longer
 * than the window), so a captured request cannot be replayed. Every refusal is the same 401, with no effect.
 */
public final class WebhookSignature {

    public static final String HEADER = "x-clinicai-signature";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final BiPredicate<String, Long> claimNonce;

    /** @param claimNonce (nonce, expires-at epoch second) → true the first time only */
    public WebhookSignature(BiPredicate<String, Long> claimNonce) {
        this.claimNonce = claimNonce;
    }

    public static String sign(String key, long t, String nonce, String body) {
        return "t=" + t + ",n=" + nonce + ",s=" + WebhookKeys.hmacHex(key, t + "." + nonce + "." + body);
    }

    void verify(String header, String key, String body, Instant now) {
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("Signature required");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String p : header.split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        String t = parts.get("t");
        String n = parts.get("n");
        String s = parts.get("s");
        if (t == null || n == null || s == null || n.length() < 8 || n.length() > 64 || !n.matches("[A-Za-z0-9_-]+")) {
            throw ApiException.unauthorized("Malformed signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("Malformed signature");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) {
            throw ApiException.unauthorized("Signature expired");
        }
        String expected = WebhookKeys.hmacHex(key, t + "." + n + "." + body);
        if (!ConstantTime.equals(s.toLowerCase(java.util.Locale.ROOT), expected)) {
            throw ApiException.unauthorized("Bad signature");
        }
        // Claimed only after the signature holds: an attacker cannot burn nonces of real requests.
        if (!claimNonce.test(n, now.getEpochSecond() + 2 * MAX_SKEW.toSeconds())) {
            throw ApiException.unauthorized("Replayed request");
        }
    }
}
