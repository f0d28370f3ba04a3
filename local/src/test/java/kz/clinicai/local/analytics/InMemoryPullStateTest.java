package kz.clinicai.local.analytics;

import kz.clinicai.analytics.pull.InMemoryPullState;
import kz.clinicai.analytics.pull.PullState;

/** The in-memory twin under the same contract as DynamoDbPullStateIT. */
class InMemoryPullStateTest extends PullStateContract {

    @Override
    PullState state() {
        return new InMemoryPullState();
    }
}
