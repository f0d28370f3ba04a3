package kz.clinicai.analytics.sheets;

import java.time.Duration;

/**
 * One writer per profile at a time, a lease that expires: two writers appending the same pending rows would write
 * them twice, and a writer that died must not block the profile for longer than its lease. {@code WriterLeaseContract}
 * (local module) holds {@link DynamoDbWriterLease} and the in-memory fake to the same behaviour.
 */
public interface WriterLease {

    /** @return the lease's token, or null while another writer holds an unexpired lease */
    String acquire(String profileId, Duration length);

    /** Gives the lease back if {@code token} still holds it (an expired one taken by another writer stays theirs). */
    void release(String profileId, String token);
}
