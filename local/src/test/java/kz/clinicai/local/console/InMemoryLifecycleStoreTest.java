package kz.clinicai.local.console;

import kz.clinicai.console.lifecycle.InMemoryLifecycleStore;
import kz.clinicai.console.lifecycle.LifecycleStore;

/** The in-memory twin under the same contract as DynamoDbLifecycleStoreIT. */
class InMemoryLifecycleStoreTest extends LifecycleStoreContract {

    @Override
    LifecycleStore store() {
        return new InMemoryLifecycleStore();
    }
}
