package kz.clinicai.local.console;

import kz.clinicai.console.security.DynamoDbUserStore;
import kz.clinicai.console.security.UserStore;
import kz.clinicai.console.store.InMemoryConsoleTable;

/** The user store over the in-memory table twin, under the same contract as DynamoDbUserStoreIT. */
class DynamoDbUserStoreOnTwinTest extends UserStoreContract {

    @Override
    UserStore users() {
        return new DynamoDbUserStore(new InMemoryConsoleTable());
    }
}
