package kz.clinicai.local.calls;

import kz.clinicai.calls.reminders.InMemoryReminderStore;
import kz.clinicai.calls.reminders.ReminderStore;

/** The in-memory twin under the same contract as DynamoDbReminderStoreIT. */
class InMemoryReminderStoreTest extends ReminderStoreContract {

    private final InMemoryReminderStore store = new InMemoryReminderStore();

    @Override
    ReminderStore store() {
        return store;
    }
}
