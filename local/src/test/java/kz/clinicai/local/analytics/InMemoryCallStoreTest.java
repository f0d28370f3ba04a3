package kz.clinicai.local.analytics;

import java.time.Duration;
import java.util.OptionalLong;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.calls.InMemoryCallStore;
import kz.clinicai.shared.time.MovableClock;

/** The in-memory twin under the same contract as DynamoDbCallStoreIT. */
class InMemoryCallStoreTest extends CallStoreContract {

    private InMemoryCallStore fake;

    @Override
    CallStore store(MovableClock clock, Duration keep) {
        fake = new InMemoryCallStore(clock, keep);
        return fake;
    }

    @Override
    OptionalLong expiry(String profileId, long callId) {
        return fake.expiresAt(profileId, callId);
    }
}
