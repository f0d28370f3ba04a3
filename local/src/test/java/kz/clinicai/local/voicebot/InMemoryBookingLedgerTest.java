package kz.clinicai.local.voicebot;

import kz.clinicai.voicebot.session.BookingLedger;
import kz.clinicai.voicebot.session.InMemoryBookingLedger;

/** The in-memory twin under the same contract as DynamoDbBookingLedgerIT. */
class InMemoryBookingLedgerTest extends BookingLedgerContract {

    @Override
    BookingLedger ledger() {
        return new InMemoryBookingLedger();
    }
}
