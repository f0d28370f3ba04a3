package kz.clinicai.local.calls;

import kz.clinicai.calls.reminders.InMemoryReminderUsage;
import kz.clinicai.calls.reminders.ReminderUsage;

/** The in-memory twin under the same contract as DynamoDbReminderUsageIT. */
class InMemoryReminderUsageTest extends ReminderUsageContract {

    private final InMemoryReminderUsage usage = new InMemoryReminderUsage();

    @Override
    ReminderUsage usage() {
        return usage;
    }
}
