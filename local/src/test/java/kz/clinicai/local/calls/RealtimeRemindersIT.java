package kz.clinicai.local.calls;

import static kz.clinicai.local.calls.CallsWorld.says;
import static kz.clinicai.local.calls.RemindersIT.ALMATY;
import static kz.clinicai.local.calls.RemindersIT.CLINIC;
import static kz.clinicai.local.calls.RemindersIT.TOKEN;
import static kz.clinicai.local.calls.RemindersIT.awaitOutcome;
import static kz.clinicai.local.calls.RemindersIT.book;
import static kz.clinicai.local.calls.RemindersIT.day;
import static kz.clinicai.local.calls.RemindersIT.dispatched;
import static kz.clinicai.local.calls.RemindersIT.entry;
import static kz.clinicai.local.calls.RemindersIT.postList;
import static kz.clinicai.local.calls.RemindersIT.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminder calls with InfoClinica's tools beyond the plain asr path: a list in realtime mode (the Voximplant
 * simulator's OpenAI Realtime stand-in calls the session's tools; each Tool event runs InfoClinica's cancel / free
 * times / move at the webhook), and a cancellation InfoClinica refuses (the simulator's scripted business refusal),
 * which the entry reports as {@code infoclinica_refused} with InfoClinica's text.
 */
class RealtimeRemindersIT {

    @BeforeAll
    static void boot() {
        CallsWorld.boot();
    }

    @Test
    void aRealtimeReminderListCancelsAndMovesThroughInfoClinicasTools() {
        LocalDate day = day(5);
        long cancel = book(1002, day, "10:00");
        long move = book(1002, day, "12:00");
        String p0 = CallsWorld.newPhone();
        String p1 = CallsWorld.newPhone();
        CallsWorld.script(p0, "human", List.of(says("Отмените, пожалуйста."), says("До свидания.")));
        CallsWorld.script(p1, "human", List.of(says("Перенесите, пожалуйста, на завтра в 15:00."),
                says("Давайте первое."), says("До свидания.")));

        HttpResponse<String> posted = postList(Map.of("clinic", CLINIC, "day", day.toString(), "mode", "realtime",
                "entries", List.of(entry(cancel, p0, "ru"), entry(move, p1, "ru"))), TOKEN);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = PlatformStackFixture.json(posted).path("reminder_id").asText();
        JsonNode entries = dispatched(id).path("entries");
        if (ReminderDayIT.waitsForCallingHours(entries, 0, 1)) {
            return;
        }

        JsonNode cancelled = awaitOutcome(id, 0, Set.of("cancelled", "no_decision", "failed", "infoclinica_refused"),
                true);
        assertThat(cancelled.path("outcome").asText()).as(cancelled.toString()).isEqualTo("cancelled");
        assertThat(scheduled(cancel)).as("removed in InfoClinica").isEmpty();
        String cancelCall = cancelled.path("call").path("call_id").asText();
        JsonNode call = CallsWorld.awaitStatus(cancelCall, Set.of("completed"), true);
        assertThat(CallsWorld.lines(cancelCall, "event")).as("the session has InfoClinica's tools with transfer/end")
                .anyMatch(l -> l.startsWith("realtime session.update") && l.contains(", 6 tools)"))
                .anyMatch(l -> l.startsWith("realtime function call cancel_appointment"));
        assertThat(CallsWorld.turns(call)).contains(
                "assistant|cancelled|Запись отменена. Спасибо, что предупредили! До свидания.");

        JsonNode moved = awaitOutcome(id, 1, Set.of("moved", "no_decision", "failed", "infoclinica_refused"), true);
        assertThat(moved.path("outcome").asText()).as(moved.toString()).isEqualTo("moved");
        String movedTo = moved.path("moved_to").asText();
        assertThat(movedTo).startsWith(LocalDate.now(ALMATY).plusDays(1).toString());
        String moveCall = moved.path("call").path("call_id").asText();
        JsonNode movedCall = CallsWorld.awaitStatus(moveCall, Set.of("completed"), true);
        assertThat(CallsWorld.lines(moveCall, "event"))
                .anyMatch(l -> l.startsWith("realtime function call find_free_times"))
                .anyMatch(l -> l.startsWith("realtime function call choose_offered_time"));
        assertThat(String.join("\n", CallsWorld.turns(movedCall))).contains("Готово, перенесли вашу запись на");
        JsonNode now = PlatformStackFixture.sandboxGet("/infoclinica/_control/state").path("appointments");
        assertThat(StreamSupport.stream(now.spliterator(), false)
                .filter(a -> a.path("dcode").asInt() == 1002 && a.path("pcode").asLong() == 777
                        && (a.path("date").asText() + " " + a.path("start").asText()).equals(movedTo)).count())
                .as("InfoClinica holds the appointment at " + movedTo).isEqualTo(1);
        assertThat(scheduled(move)).allSatisfy(a -> assertThat(a.path("date").asText() + " "
                + a.path("start").asText()).isEqualTo(movedTo));
    }

    @Test
    void aCancellationInfoClinicaRefusesEndsRefusedWithItsText() {
        LocalDate day = day(6);
        long appointment = book(1002, day, "10:00");
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Отмените, пожалуйста."), says("До свидания.")));
        PlatformStackFixture.sandboxPost("/infoclinica/_control/refuse", Map.of("message", "SCHEDULE_REC_REMOVE",
                "spresult", 0, "comment", "Отмена записи менее чем за 2 часа до приема запрещена"));

        HttpResponse<String> posted = postList(Map.of("clinic", CLINIC, "day", day.toString(), "entries",
                List.of(entry(appointment, phone, "ru"))), TOKEN);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = PlatformStackFixture.json(posted).path("reminder_id").asText();
        if (ReminderDayIT.waitsForCallingHours(dispatched(id).path("entries"), 0)) {
            return;
        }
        JsonNode refused = awaitOutcome(id, 0, Set.of("infoclinica_refused", "cancelled", "no_decision", "failed"),
                true);
        assertThat(refused.path("outcome").asText()).as(refused.toString()).isEqualTo("infoclinica_refused");
        assertThat(refused.path("note").asText()).isEqualTo("Отмена записи менее чем за 2 часа до приема запрещена");
        assertThat(scheduled(appointment)).as("InfoClinica still holds it").singleElement()
                .satisfies(a -> assertThat(a.path("start").asText()).startsWith("10:00"));
        JsonNode call = CallsWorld.awaitStatus(refused.path("call").path("call_id").asText(), Set.of("completed"),
                true);
        assertThat(CallsWorld.turns(call)).contains("assistant|cancel_failed|Не получилось отменить запись в системе "
                + "клиники. Администратор вам перезвонит.");
    }
}
