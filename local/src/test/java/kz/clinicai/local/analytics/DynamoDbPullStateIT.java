package kz.clinicai.local.analytics;

import kz.clinicai.analytics.pull.DynamoDbPullState;
import kz.clinicai.analytics.pull.PullState;

/** The contract against DynamoDB Local with template.yaml's AnalyticsCallsTable. */
class DynamoDbPullStateIT extends PullStateContract {

    @Override
    PullState state() {
        return new DynamoDbPullState(AnalyticsCallsTable.dynamo(), AnalyticsCallsTable.name());
    }
}
