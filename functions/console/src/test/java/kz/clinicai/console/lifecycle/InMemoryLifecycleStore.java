package kz.clinicai.console.lifecycle;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LifecycleStore} in memory (unit tests), held to LifecycleStoreContract (local module) like
 * {@link DynamoDbLifecycleStore}.
 */
public final class InMemoryLifecycleStore implements LifecycleStore {

    private volatile Findings latest;
    final Set<String> claims = ConcurrentHashMap.newKeySet();

    @Override
    public void save(Findings findings) {
        latest = findings;
    }

    @Override
    public Optional<Findings> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public boolean claimNotice(String model, int threshold, Instant at) {
        return claims.add(model + "#" + threshold);
    }

    @Override
    public void releaseNotice(String model, int threshold) {
        claims.remove(model + "#" + threshold);
    }
}
