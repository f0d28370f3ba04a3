package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.InMemoryCallRepository;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.shared.usage.Usage;
import org.junit.jupiter.api.Test;

/** Reminder calls counted for their clinic: the call at its end, every model call made for it; other calls not. */
class ReminderMeteringTest {

    static final Instant END = Instant.parse("2026-12-07T07:03:30Z");

    final InMemoryReminderUsage usage = new InMemoryReminderUsage();
    final InMemoryCallRepository calls = new InMemoryCallRepository();
    final ReminderMetering metering = new ReminderMetering(usage, calls, Clock.fixed(END, ZoneOffset.UTC));
    final List<Usage> rows = new ArrayList<>();

    static Call call(String id, Map<String, String> meta, int attempts, List<Turn> turns) {
        return new Call(id, "+77015551234", CallStatus.COMPLETED, "asr", "ru", "Здравствуйте", null, meta,
                "2026-12-07T07:00:00Z", END.toString(), attempts, null, null, turns, null, null, null, null);
    }

    static final Map<String, String> REMINDER = Map.of(ReminderDispatcher.META_LIST, "rem_1",
            ReminderDispatcher.META_ENTRY, "0", ReminderDispatcher.META_CLINIC, "clinic-a");

    @Test
    void aReminderCallCountsItsDialsAndConnectedTimeForItsClinic() {
        metering.ended(call("call_a", REMINDER, 2, List.of(
                new Turn(Turn.ASSISTANT, "Здравствуйте", "2026-12-07T07:01:00Z", "greeting"),
                new Turn(Turn.USER, "Да, приду", "2026-12-07T07:01:10Z", null))));
        metering.ended(call("call_b", REMINDER, 3, List.of())); // no answer after three dials
        metering.ended(call("call_c", Map.of(), 1, List.of(
                new Turn(Turn.ASSISTANT, "Здравствуйте", "2026-12-07T07:01:00Z", "greeting"))));

        List<ReminderUsage.Day> days = usage.month("clinic-a", YearMonth.of(2026, 12));
        assertThat(days).hasSize(1);
        assertThat(days.get(0).callsPlaced()).isEqualTo(2);
        assertThat(days.get(0).dials()).isEqualTo(5);
        assertThat(days.get(0).connectedSeconds()).as("07:01:00 to 07:03:30").isEqualTo(150);
    }

    @Test
    void modelCallsOfAReminderCallCountForItsClinicAndTheRowsStay() {
        calls.create(call("call_a", REMINDER, 1, List.of()));
        calls.create(call("call_other", Map.of(), 1, List.of()));
        var dialogue = metering.dialogue(rows::add);
        dialogue.record(Usage.tokens(Usage.Channel.CALLS, "call_a", "gpt-6-luna", 100, 20, END));
        dialogue.record(Usage.audio(Usage.Channel.CALLS, "call_a", "gpt-transcribe", 3.5, END));
        dialogue.record(Usage.tokens(Usage.Channel.CALLS, "call_other", "gpt-6-luna", 1000, 200, END));
        metering.tools(rows::add).record(Usage.tokens(Usage.Channel.VOICEBOT, "clinic-a", "gpt-6-luna", 50, 5, END));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).channel()).as("the tools' spend is the calls'").isEqualTo(Usage.Channel.CALLS);
        Map<String, ReminderUsage.Model> models = usage.month("clinic-a", YearMonth.of(2026, 12)).get(0).models();
        assertThat(models.get("gpt-6-luna")).isEqualTo(new ReminderUsage.Model(150, 25, 0));
        assertThat(models.get("gpt-transcribe")).isEqualTo(new ReminderUsage.Model(0, 0, 3.5));
    }

    @Test
    void aLostCallIsMeteredUpToItsLastNewsNotToWhenTheSchedulerNoticed() {
        Call lost = new Call("call_lost", "+77015551234", CallStatus.FAILED, "asr", "ru", "Здравствуйте", null,
                REMINDER, "2026-12-07T06:30:00Z", END.toString(), 1, null, null, List.of(
                new Turn(Turn.ASSISTANT, "Здравствуйте", "2026-12-07T06:31:00Z", "greeting"),
                new Turn(Turn.USER, "Алло", "2026-12-07T06:31:40Z", null)), null, null, null, "lost");
        metering.ended(lost);
        assertThat(usage.month("clinic-a", YearMonth.of(2026, 12)).get(0).connectedSeconds())
                .as("06:31:00 to 06:31:40, not to 07:03:30").isEqualTo(40);
    }
}
