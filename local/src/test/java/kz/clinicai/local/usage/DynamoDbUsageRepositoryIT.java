package kz.clinicai.local.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRepository;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The contract against DynamoDB Local with UsageTable as template.yaml declares it. */
class DynamoDbUsageRepositoryIT extends UsageRepositoryContract {

    private static final String TABLE = "UsageTable";

    @Override
    UsageRepository repository() {
        return new DynamoDbUsageRepository(PlatformStackFixture.stack().aws().dynamo(), TABLE);
    }

    @Test
    void rowsExpireByExpiresAt() {
        var ttl = PlatformStackFixture.stack().aws().dynamo()
                .describeTimeToLive(r -> r.tableName(TABLE)).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    }

    @Test
    void aFailingWriteNeverReachesTheCaller() {
        UsageRepository broken = new DynamoDbUsageRepository(PlatformStackFixture.stack().aws().dynamo(), "NoSuchTable");
        assertThatCode(() -> broken.record(Usage.tokens(Usage.Channel.CHAT, "x", "m", 1, 1,
                Instant.parse("2031-01-01T00:00:00Z")))).doesNotThrowAnyException();
    }
}
