package kz.clinicai.local.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.ratelimit.DynamoDbRateLimiter;
import kz.clinicai.shared.ratelimit.RateLimiter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The contract against DynamoDB Local with both tables template.yaml gives counters: one keyed by pk, one by pk and sk. */
class DynamoDbRateLimiterIT {

    @Nested
    class OnTheVoicebotSessionsTable extends OnTable {
        OnTheVoicebotSessionsTable() {
            super("VoicebotSessionsTable", false);
        }
    }

    @Nested
    class OnTheChatTable extends OnTable {
        OnTheChatTable() {
            super("ChatTable", true);
        }
    }

    abstract static class OnTable extends RateLimiterContract {
        private final String table;
        private final boolean sortKey;

        OnTable(String logicalId, boolean sortKey) {
            var world = PlatformStackFixture.stack().world();
            this.table = world.tableName(world.template().tables().stream()
                    .filter(t -> t.logicalId().equals(logicalId)).findFirst().orElseThrow());
            this.sortKey = sortKey;
        }

        @Override
        RateLimiter limiter() {
            return sortKey ? DynamoDbRateLimiter.keyedByPkAndSk(dynamo(), table)
                    : DynamoDbRateLimiter.keyedByPk(dynamo(), table);
        }

        @Test
        void theTableIsKeyedAsTheLimiterAssumes() {
            var keys = dynamo().describeTable(r -> r.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList();
            assertThat(keys).containsExactlyElementsOf(sortKey ? List.of("pk", "sk") : List.of("pk"));
        }

        @Test
        void countersExpireByExpiresAtOneWindowAfterTheirWindow() {
            var ttl = dynamo().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);

            String key = key();
            limiter().tryAcquire(key, 5, MINUTE, WINDOW_START.plusSeconds(10));
            limiter().add(key, 3, MINUTE, WINDOW_START.plusSeconds(50));

            var items = dynamo().scanPaginator(r -> r.tableName(table).filterExpression("begins_with(pk, :p)")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("rate#" + key + "#")))).items();
            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.get("hits").n()).isEqualTo("4");
                assertThat(Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())))
                        .isEqualTo(WINDOW_START.plus(MINUTE).plus(MINUTE));
                if (sortKey) {
                    assertThat(item.get("sk").s()).isEqualTo("window");
                }
            });
        }

        private static DynamoDbClient dynamo() {
            return PlatformStackFixture.stack().aws().dynamo();
        }
    }
}
