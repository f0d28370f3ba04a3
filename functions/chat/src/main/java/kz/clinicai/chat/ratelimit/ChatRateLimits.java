package kz.clinicai.chat.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.ratelimit.RateLimiter;

/**
 * The limits that keep one visitor from running up the model bill: requests that may cost a model call are
 * counted per chat token and per source IP, per minute.
 */
public final class ChatRateLimits {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final RateLimiter limiter;
    private final int perToken;
    private final int perIp;

    public ChatRateLimits(RateLimiter limiter, int perTokenPerMinute, int perIpPerMinute) {
        if (perTokenPerMinute < 1 || perIpPerMinute < 1) {
            throw new IllegalArgumentException("Rate limits must be positive");
        }
        this.limiter = limiter;
        this.perToken = perTokenPerMinute;
        this.perIp = perIpPerMinute;
    }

    /** @throws ApiException 429 with Retry-After when either limit is reached */
    public void check(String token, String sourceIp, Instant now) {
        // The IP first: a client rotating tokens must not get a fresh budget with each.
        if (!sourceIp.isEmpty()) {
            refuseIfLimited(limiter.tryAcquire("ip#" + hash(sourceIp), perIp, WINDOW, now));
        }
        refuseIfLimited(limiter.tryAcquire("token#" + hash(token), perToken, WINDOW, now));
    }

    private static void refuseIfLimited(Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            throw ApiException.tooManyRequests(retryAfter.get());
        }
    }

    // Counters outlive nothing, but keys need not hold the visitor's address or secret token either.
    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
