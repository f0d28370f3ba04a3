package kz.clinicai.calls.reminders;

import java.time.Instant;
import java.util.Locale;

/**
 * Where the outcome event of one entry stands on its way to the list's webhook: {@code eventId} (the receiver's
 * idempotency key, the same on every re-send), {@code at} (when the outcome was recorded), {@code attempts} (POSTs
 * made), {@code rounds} (delivery rounds: a round is up to a few quick POSTs), {@code lastError}, and while
 * {@code PENDING} the moment of the next round ({@code nextAt}).
 */
public record WebhookDelivery(String eventId, Status status, Instant at, int attempts, int rounds, String lastError,
                              Instant nextAt) {

    public enum Status {
        PENDING, DELIVERED, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String v) {
            return valueOf(v.toUpperCase(Locale.ROOT));
        }
    }

    /** A new event, due now. */
    static WebhookDelivery fresh(String eventId, Instant at) {
        return new WebhookDelivery(eventId, Status.PENDING, at, 0, 0, null, at);
    }

    static String newEventId() {
        return "evt_" + java.util.UUID.randomUUID().toString().replace("-", "");
    }
}
