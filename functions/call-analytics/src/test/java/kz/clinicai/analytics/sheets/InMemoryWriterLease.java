package kz.clinicai.analytics.sheets;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@link WriterLease} in memory for unit tests, with {@link DynamoDbWriterLease}'s rule: a lease is taken when none
 * exists or its end ({@code leaseUntil}, epoch seconds) is before now; only its holder's token gives it back.
 * {@code WriterLeaseContract} (local module) runs both under the same tests.
 */
public final class InMemoryWriterLease implements WriterLease {

    private record Held(String holder, long leaseUntil, long expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Held> leases = new HashMap<>();

    public InMemoryWriterLease(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized String acquire(String profileId, Duration length) {
        long now = clock.instant().getEpochSecond();
        Held held = leases.get(profileId);
        if (held != null && held.leaseUntil() >= now) {
            return null;
        }
        String token = UUID.randomUUID().toString();
        leases.put(profileId, new Held(token, now + length.toSeconds(), now + length.toSeconds() + 86_400));
        return token;
    }

    @Override
    public synchronized void release(String profileId, String token) {
        Held held = leases.get(profileId);
        if (held != null && held.holder().equals(token)) {
            leases.remove(profileId);
        }
    }

    /** The lease item's TTL attribute ({@code expiresAt}, epoch seconds), for the contract. */
    public synchronized OptionalLong expiresAt(String profileId) {
        Held held = leases.get(profileId);
        return held == null ? OptionalLong.empty() : OptionalLong.of(held.expiresAt());
    }
}
