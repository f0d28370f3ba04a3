package kz.clinicai.local.analytics;

import java.time.Duration;
import java.util.OptionalLong;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.calls.DynamoDbCallStore;
import kz.clinicai.shared.time.MovableClock;

/** The contract against DynamoDB Local with template.yaml's AnalyticsCallsTable (its pendingWrite index, its TTL). */
class DynamoDbCallStoreIT extends CallStoreContract {

    @Override
    CallStore store(MovableClock clock, Duration keep) {
        return new DynamoDbCallStore(AnalyticsCallsTable.dynamo(), AnalyticsCallsTable.name(), clock, keep);
    }

    @Override
    OptionalLong expiry(String profileId, long callId) {
        return AnalyticsCallsTable.expiry(profileId, String.format("call#%020d", callId));
    }
}
