package kz.clinicai.local.analytics;

import java.util.OptionalLong;
import kz.clinicai.analytics.sheets.InMemoryWriterLease;
import kz.clinicai.analytics.sheets.WriterLease;
import kz.clinicai.shared.time.MovableClock;

/** The in-memory twin under the same contract as DynamoDbWriterLeaseIT. */
class InMemoryWriterLeaseTest extends WriterLeaseContract {

    private InMemoryWriterLease fake;

    @Override
    WriterLease lease(MovableClock clock) {
        fake = new InMemoryWriterLease(clock);
        return fake;
    }

    @Override
    OptionalLong expiry(String profileId) {
        return fake.expiresAt(profileId);
    }
}
