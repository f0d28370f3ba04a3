package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import org.junit.jupiter.api.Test;

class ReminderOutcomesTest {

    final InMemoryReminderStore store = new InMemoryReminderStore();

    static Call call(CallStatus status, int attempts, String outcome, String failure, Map<String, String> meta) {
        return new Call("call_1", "+77015551200", status, "asr", "ru", null, null, meta, "2026-12-07T07:00:00.000Z", "2026-12-07T07:00:00.000Z", attempts, null,
                null, null, null, null, outcome, failure);
    }

    static final Map<String, String> META = Map.of(ReminderDispatcher.META_LIST, "rem_1",
            ReminderDispatcher.META_ENTRY, "0");

    @Test
    void theCallsEndIsTheEntrysOutcomeAndLeavesTheClinicsCap() {
        store.create(new ReminderList("rem_1", "clinic-a", LocalDate.of(2026, 12, 8), "2026-12-07T06:00:00Z", 1),
                List.of(new ReminderEntry(0, "1000", "+77015551200", "KZ", "ru", null)));
        store.settle("rem_1", 0, ReminderState.CALLING, "call_1", null, null);
        assertThat(store.calling("clinic-a")).hasSize(1);

        new ReminderOutcomes(store).ended(call(CallStatus.NO_ANSWER, 3, null, "480 no answer", META));

        StoredEntry e = store.entries("rem_1").get(0);
        assertThat(e.outcome()).isEqualTo("no_answer");
        assertThat(e.outcomeNote()).isEqualTo("no answer after 3 attempt(s)");
        assertThat(store.calling("clinic-a")).isEmpty();
    }

    @Test
    void eachEndMapsToItsOutcome() {
        assertThat(ReminderOutcomes.of(call(CallStatus.VOICEMAIL, 1, null, null, META)).wire()).isEqualTo("voicemail");
        assertThat(ReminderOutcomes.of(call(CallStatus.COMPLETED, 1, "{\"outcome\":\"call_back\"}", null, META))
                .wire()).isEqualTo("callback");
        assertThat(ReminderOutcomes.of(call(CallStatus.COMPLETED, 1, "{\"outcome\":\"wrong_number\"}", null, META))
                .wire()).isEqualTo("wrong_number");
        assertThat(ReminderOutcomes.of(call(CallStatus.COMPLETED, 1, "{\"outcome\":\"interested\"}", null, META))
                .wire()).isEqualTo("no_decision");
        assertThat(ReminderOutcomes.of(call(CallStatus.FAILED, 1, null, "start_failed", META)).note())
                .isEqualTo("start_failed");
    }

    @Test
    void anOrdinaryCallIsNoReminder() {
        new ReminderOutcomes(store).ended(call(CallStatus.COMPLETED, 1, null, null, Map.of("lead", "crm-42")));
        assertThat(store.queued(10)).isEmpty();
    }
}
