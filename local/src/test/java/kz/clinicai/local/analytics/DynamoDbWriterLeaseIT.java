package kz.clinicai.local.analytics;

import java.util.OptionalLong;
import kz.clinicai.analytics.sheets.DynamoDbWriterLease;
import kz.clinicai.analytics.sheets.WriterLease;
import kz.clinicai.shared.time.MovableClock;

/** The contract against DynamoDB Local with template.yaml's AnalyticsCallsTable. */
class DynamoDbWriterLeaseIT extends WriterLeaseContract {

    @Override
    WriterLease lease(MovableClock clock) {
        return new DynamoDbWriterLease(AnalyticsCallsTable.dynamo(), AnalyticsCallsTable.name(), clock);
    }

    @Override
    OptionalLong expiry(String profileId) {
        return AnalyticsCallsTable.expiry(profileId, "lock#sheets");
    }
}
