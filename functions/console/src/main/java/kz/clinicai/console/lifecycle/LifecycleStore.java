package kz.clinicai.console.lifecycle;

import java.time.Instant;
import java.util.Optional;

/** The lifecycle check's findings and its notice claims ({@link DynamoDbLifecycleStore} in the console's table). */
public interface LifecycleStore {

    void save(Findings findings);

    /** The last check's findings; empty before the first check. */
    Optional<Findings> latest();

    /** Claims the notice of {@code model} at {@code threshold} (days; 0 = gone); false when claimed before. */
    boolean claimNotice(String model, int threshold, Instant at);

    /** Gives a claim back (the notice could not be queued), so the next check sends it. */
    void releaseNotice(String model, int threshold);
}
