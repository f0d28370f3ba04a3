package kz.clinicai.local.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.calls.reminders.DynamoDbReminderStore;
import kz.clinicai.calls.reminders.ReminderStore;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The contract against DynamoDB Local with template.yaml's RemindersTable (its keys, sparse indexes and TTL). */
class DynamoDbReminderStoreIT extends ReminderStoreContract {

    private final String table = PlatformStackFixture.stack().world().ref("RemindersTable");

    @Override
    ReminderStore store() {
        return new DynamoDbReminderStore(PlatformStackFixture.stack().aws().dynamo(), table, Clock.systemUTC(),
                Duration.ofDays(1));
    }

    @Test
    void entriesAndTheClinicsRateCountersExpireByTheTablesTtlAttribute() {
        var ttl = PlatformStackFixture.stack().aws().dynamo().describeTimeToLive(r -> r.tableName(table))
                .timeToLiveDescription();
        // expiresAt: the name DynamoDbRateLimiter writes too (the clinic's counters on the reminders routes).
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    }
}
