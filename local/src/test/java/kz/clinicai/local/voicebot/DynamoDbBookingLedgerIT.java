package kz.clinicai.local.voicebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kz.clinicai.shared.booking.BookingLedger;
import kz.clinicai.shared.booking.DynamoDbBookingLedger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contract against DynamoDB Local with template.yaml's VoicebotSessionsTable, where the ledger's items live
 * beside the sessions (and the rate counters) and expire with them by TTL.
 */
class DynamoDbBookingLedgerIT extends BookingLedgerContract {
    static final String TABLE = "VoicebotSessionsTable";

    @Override
    BookingLedger ledger() {
        return new DynamoDbBookingLedger(VoicebotTables.enhanced(), VoicebotTables.name(TABLE));
    }

    @Test
    void claimsResultsAndMovesExpireByExpiresAt() {
        ledger.claim(key(10), now, STALE, expires);
        ledger.claim(key(11), now, STALE, expires);
        ledger.complete(key(11), new BookingLedger.Completed(1, null, null, "Иванова"), expires.plusSeconds(60));
        ledger.recordMove(clinic, 810_010, 500_010, expires.plusSeconds(120));

        assertThat(expiresAt("booking#" + key(10))).isEqualTo(expires.getEpochSecond());
        assertThat(expiresAt("booking#" + key(11))).isEqualTo(expires.getEpochSecond() + 60);
        assertThat(expiresAt("moved#" + clinic + "#810010")).isEqualTo(expires.getEpochSecond() + 120);
    }

    private static long expiresAt(String pk) {
        var item = VoicebotTables.dynamo().getItem(r -> r.tableName(VoicebotTables.name(TABLE))
                .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
        return Long.parseLong(item.get("expiresAt").n());
    }
}
