package kz.clinicai.local.calls;

import kz.clinicai.calls.reminders.DynamoDbReminderUsage;
import kz.clinicai.calls.reminders.ReminderUsage;
import kz.clinicai.local.PlatformStackFixture;

/** The contract against DynamoDB Local with template.yaml's UsageTable. */
class DynamoDbReminderUsageIT extends ReminderUsageContract {

    @Override
    ReminderUsage usage() {
        return new DynamoDbReminderUsage(PlatformStackFixture.stack().aws().dynamo(),
                PlatformStackFixture.stack().world().ref("UsageTable"));
    }
}
