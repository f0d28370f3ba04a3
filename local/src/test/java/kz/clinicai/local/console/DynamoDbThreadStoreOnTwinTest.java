package kz.clinicai.local.console;

import java.time.Clock;
import kz.clinicai.console.api.DynamoDbThreadStore;
import kz.clinicai.console.api.ThreadStore;
import kz.clinicai.console.store.InMemoryConsoleTable;

/** The thread store over the in-memory table twin, under the same contract as DynamoDbThreadStoreIT. */
class DynamoDbThreadStoreOnTwinTest extends ThreadStoreContract {

    @Override
    ThreadStore threads(Clock clock) {
        return new DynamoDbThreadStore(new InMemoryConsoleTable(), clock);
    }
}
