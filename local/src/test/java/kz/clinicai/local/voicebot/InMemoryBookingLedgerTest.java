package kz.clinicai.local.voicebot;

import kz.clinicai.shared.booking.BookingLedger;
import kz.clinicai.shared.booking.InMemoryBookingLedger;

/** The in-memory twin under the same contract as DynamoDbBookingLedgerIT. */
class InMemoryBookingLedgerTest extends BookingLedgerContract {

    @Override
    BookingLedger ledger() {
        return new InMemoryBookingLedger();
    }
}
