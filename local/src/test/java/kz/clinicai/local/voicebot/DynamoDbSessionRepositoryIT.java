package kz.clinicai.local.voicebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kz.clinicai.voicebot.session.DynamoDbSessionRepository;
import kz.clinicai.voicebot.session.SessionRepository;
import kz.clinicai.shared.booking.VoicebotSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The contract against DynamoDB Local with template.yaml's VoicebotSessionsTable (its key and TTL). */
class DynamoDbSessionRepositoryIT extends SessionRepositoryContract {
    static final String TABLE = "VoicebotSessionsTable";

    @Override
    SessionRepository repository() {
        return new DynamoDbSessionRepository(VoicebotTables.enhanced(), VoicebotTables.name(TABLE));
    }

    @Test
    void sessionsExpireByExpiresAtInEpochSeconds() {
        String table = VoicebotTables.name(TABLE);
        var ttl = VoicebotTables.dynamo().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);

        sessions.save(turn(VoicebotSession.start(clinic, 5), "да"), LATER);

        var item = VoicebotTables.dynamo().getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("session#" + clinic + "#5")))).item();
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(LATER.getEpochSecond()));
    }
}
