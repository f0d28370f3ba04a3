package kz.clinicai.local.calls;

import static kz.clinicai.local.calls.CallsWorld.says;
import static kz.clinicai.local.calls.RemindersIT.ALMATY;
import static kz.clinicai.local.calls.RemindersIT.CLINIC;
import static kz.clinicai.local.calls.RemindersIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A clinic's reminder day against the simulators, judged by what InfoClinica holds afterwards: each test books its
 * appointments with a doctor of its own (a working day weeks out, and the coming Friday for moves), scripts the
 * callees in the Voximplant simulator, posts the list and compares the InfoClinica simulator's appointments before
 * and after. The callees speak as people do ("да, приду", "перенесите на пятницу после обеда", "отмените,
 * пожалуйста"); the sandbox model turns that into the voicebot's tools by its rules (openai-rules.json).
 */
class ReminderDayIT {

    /** Free 30-minute intervals of the test doctors' days. */
    static final LocalTime OPEN = LocalTime.of(9, 0);
    static final LocalTime CLOSE = LocalTime.of(18, 0);

    @BeforeAll
    static void boot() {
        CallsWorld.boot();
    }

    /** The Friday the sandbox model names for "на пятницу": the next one after today (Almaty, the clinic's zone). */
    static LocalDate comingFriday() {
        LocalDate d = LocalDate.now(ALMATY).plusDays(1);
        while (d.getDayOfWeek() != DayOfWeek.FRIDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** A doctor of the test's own in filial 1, working 09:00–18:00 with every interval free on the given days. */
    static void doctor(int dcode, String name, LocalDate... days) {
        List<Map<String, Object>> intervals = new ArrayList<>();
        for (LocalTime t = OPEN; t.isBefore(CLOSE); t = t.plusMinutes(30)) {
            intervals.add(Map.of("start", t.toString(), "end", t.plusMinutes(30).toString(), "free", true));
        }
        for (LocalDate day : days) {
            PlatformStackFixture.sandboxPost("/infoclinica/_control/schedule", Map.of("dcode", dcode, "name", name,
                    "speciality", "Терапевт", "filial", 1, "date", day.toString(), "intervals", intervals));
        }
    }

    /** The simulator's appointments as "schedid pcode dcode date start", whatever their doctor. */
    static Set<String> appointments() {
        JsonNode state = PlatformStackFixture.sandboxGet("/infoclinica/_control/state").path("appointments");
        Set<String> out = new HashSet<>();
        state.forEach(a -> out.add(a.path("schedid").asLong() + " " + a.path("pcode").asLong() + " "
                + a.path("dcode").asInt() + " " + a.path("date").asText() + " " + a.path("start").asText()));
        return out;
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    static String id(HttpResponse<String> posted) {
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        return PlatformStackFixture.json(posted).path("reminder_id").asText();
    }

    static String turnsOf(JsonNode entry) {
        JsonNode call = CallsWorld.awaitStatus(entry.path("call").path("call_id").asText(), Set.of("completed"), true);
        return String.join("\n", CallsWorld.turns(call));
    }

    /**
     * The retry interval passes for one call: its next attempt is moved to the past in CallsTable, as the
     * {@code CallsRetryIntervalSeconds} (at least 60 s, 30 min by default) would; the scheduler then dials it again.
     */
    static void retryIntervalPasses(String callId) {
        var world = PlatformStackFixture.stack().world();
        String table = world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals("CallsTable")).findFirst().orElseThrow());
        PlatformStackFixture.stack().aws().dynamo().updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("CALL#" + callId)))
                .updateExpression("SET next_attempt_at = :past")
                .conditionExpression("#s = :scheduled")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":past", AttributeValue.fromS("2000-01-01T00:00:00Z"),
                        ":scheduled", AttributeValue.fromS("scheduled"))));
    }

    /**
     * Outside the stack's calling hours the calls wait for the window's opening in Almaty: nothing rings, the entries'
     * calls stay scheduled (checked then, and true returned); inside them false.
     */
    static boolean waitsForCallingHours(JsonNode entries, int... calling) {
        if (RemindersIT.insideCallingHours()) {
            return false;
        }
        for (int i : calling) {
            JsonNode call = entries.get(i).path("call");
            assertThat(call.path("status").asText()).isEqualTo("scheduled");
            assertThat(Instant.parse(call.path("next_attempt_at").asText()).atZone(ALMATY).toLocalTime())
                    .isEqualTo(kz.clinicai.local.PlatformStackFixture.callingHoursStart());
        }
        return true;
    }

    @Test
    void aFiveEntryDayEndsWithEachOutcomeAndInfoClinicaHoldsExactlyWhatTheyTell() {
        int dcode = 2101;
        LocalDate day = RemindersIT.day(4);
        LocalDate friday = comingFriday();
        doctor(dcode, "Сапарова Динара Маратовна", day, friday);
        long confirm = RemindersIT.book(dcode, day, "10:00");
        long move = RemindersIT.book(dcode, day, "11:00");
        long cancel = RemindersIT.book(dcode, day, "12:00");
        long retried = RemindersIT.book(dcode, day, "13:00");
        long cancelledBefore = RemindersIT.book(dcode, day, "14:00");
        String[] phones = {CallsWorld.newPhone(), CallsWorld.newPhone(), CallsWorld.newPhone(), CallsWorld.newPhone(),
                CallsWorld.newPhone()};
        CallsWorld.script(phones[0], "human", List.of(says("Да, приду."), says("Спасибо, до свидания.")));
        CallsWorld.script(phones[1], "human", List.of(says("Перенесите на пятницу после обеда."),
                says("Давайте первое."), says("До свидания.")));
        CallsWorld.script(phones[2], "human", List.of(says("Отмените, пожалуйста."), says("До свидания.")));
        // No answer on the first dial, answered on the retry.
        PlatformStackFixture.sandboxPost("/voximplant/_control/callees", Map.of("phone", phones[3], "attempts", List.of(
                Map.of("answer", "no_answer"),
                Map.of("answer", "human", "utterances", List.of(says("Да, приду."), says("До свидания."))))));
        CallsWorld.script(phones[4], "human", List.of(says("Да, приду.")));

        HttpResponse<String> posted = RemindersIT.postList(Map.of("clinic", CLINIC, "day", day.toString(),
                "entries", List.of(RemindersIT.entry(confirm, phones[0], "ru"), RemindersIT.entry(move, phones[1], "ru"),
                        RemindersIT.entry(cancel, phones[2], "ru"), RemindersIT.entry(retried, phones[3], "ru"),
                        RemindersIT.entry(cancelledBefore, phones[4], "ru"))), TOKEN);
        String id = id(posted);
        // The clinic cancels one appointment after the list was sent, before anything is dialled.
        HttpResponse<String> removed = PlatformStackFixture.send("DELETE",
                PlatformStackFixture.sandbox("/infoclinica/_control/appointments/" + cancelledBefore), null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        Set<String> before = appointments();

        JsonNode entries = RemindersIT.dispatched(id).path("entries");
        assertThat(entries.get(4).path("outcome").asText()).isEqualTo("gone");
        assertThat(entries.get(4).has("call")).as("a cancelled appointment is not called").isFalse();
        if (waitsForCallingHours(entries, 0, 1, 2, 3)) {
            return;
        }

        assertThat(RemindersIT.awaitOutcome(id, 0, Set.of("confirmed"), true).path("outcome").asText())
                .isEqualTo("confirmed");
        JsonNode moved = RemindersIT.awaitOutcome(id, 1, Set.of("moved"), true);
        // Friday afternoon: InfoClinica's free times nearest 15:00 (14:30, 15:00, 15:30); "первое" is 14:30.
        assertThat(moved.path("moved_to").asText()).isEqualTo(friday + " 14:30");
        assertThat(turnsOf(moved)).contains("Свободное время: 1) ").contains(" в 14:30, 2) ")
                .contains(" в 15:00, 3) ").contains(" в 15:30.")
                .contains("Готово, перенесли вашу запись на");
        RemindersIT.awaitOutcome(id, 2, Set.of("cancelled"), true);

        // The fourth callee did not pick up: the call waits for its retry interval, attempt 1 of CallsMaxAttempts (3).
        String retriedCall = entries.get(3).path("call").path("call_id").asText();
        JsonNode waiting = CallsWorld.awaitStatus(retriedCall, Set.of("scheduled"), false);
        assertThat(waiting.path("failure").asText()).isEqualTo("480 Temporarily Unavailable");
        assertThat(waiting.path("attempts").asInt()).isEqualTo(1);
        assertThat(RemindersIT.list(id).path("entries").get(3).path("outcome").asText())
                .as("no outcome while attempts remain").isEqualTo("calling");
        retryIntervalPasses(retriedCall);
        JsonNode answered = RemindersIT.awaitOutcome(id, 3, Set.of("confirmed"), true);
        assertThat(CallsWorld.call(retriedCall).path("attempts").asInt()).isEqualTo(2);
        assertThat(answered.path("call").path("call_id").asText()).isEqualTo(retriedCall);

        // InfoClinica holds exactly what the outcomes say, and nothing else changed.
        Set<String> after = appointments();
        String pcode = " 777 " + dcode + " ";
        assertThat(minus(before, after)).as("removed from InfoClinica").containsExactlyInAnyOrder(
                move + pcode + day + " 11:00", cancel + pcode + day + " 12:00");
        assertThat(minus(after, before)).as("added to InfoClinica").singleElement()
                .satisfies(a -> assertThat(a).endsWith(pcode + friday + " 14:30"));
        assertThat(after).contains(confirm + pcode + day + " 10:00", retried + pcode + day + " 13:00");
        JsonNode counts = RemindersIT.list(id).path("counts");
        assertThat(counts.path("confirmed").asInt()).isEqualTo(2);
        assertThat(counts.path("moved").asInt()).isEqualTo(1);
        assertThat(counts.path("cancelled").asInt()).isEqualTo(1);
        assertThat(counts.path("gone").asInt()).isEqualTo(1);
    }

    @Test
    void aTimeTakenBetweenTheOfferAndTheMoveGetsAlternativesAndOnlyTheMoveInfoClinicaHoldsIsReported() {
        int dcode = 2102;
        LocalDate day = RemindersIT.day(5);
        LocalDate friday = comingFriday();
        doctor(dcode, "Омарова Гульнара Ериковна", day, friday);
        long appointment = RemindersIT.book(dcode, day, "10:00");
        long stranger = 980_000_000L + System.nanoTime() % 1_000_000;
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Перенесите на пятницу после обеда."), says("Давайте первое."),
                says("Тогда давайте второе."), says("До свидания.")));
        // Another patient takes Friday 14:30 the moment the platform asks InfoClinica to move there.
        Map<String, Object> taken = new LinkedHashMap<>(Map.of("schedid", stranger, "pcode", 4242, "dcode", dcode,
                "date", friday.toString(), "start", "14:30", "end", "15:00"));
        taken.put("before_next", "SCHEDULE_REC_RESERVE");
        if (RemindersIT.insideCallingHours()) { // else nothing is dialled now and the held booking would wait
            HttpResponse<String> held = PlatformStackFixture.send("POST",
                    PlatformStackFixture.sandbox("/infoclinica/_control/appointments"),
                    kz.clinicai.shared.json.Json.write(taken));
            assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        }

        String id = id(RemindersIT.postList(Map.of("clinic", CLINIC, "day", day.toString(),
                "entries", List.of(RemindersIT.entry(appointment, phone, "ru"))), TOKEN));
        JsonNode entries = RemindersIT.dispatched(id).path("entries");
        if (waitsForCallingHours(entries, 0)) {
            return;
        }

        JsonNode moved = RemindersIT.awaitOutcome(id, 0, Set.of("moved", "confirmed", "cancelled", "gone"), true);
        String turns = turnsOf(moved);
        // Offered 14:30/15:00/15:30; 14:30 was taken meanwhile: the callee hears so and the alternatives nearest to it
        // (13:30, 14:00, 15:00); "второе" moves to 14:00, which InfoClinica then holds.
        assertThat(turns).contains("Это время уже занято. Свободное время: 1) ");
        int takenAt = turns.indexOf("Это время уже занято.");
        assertThat(turns.substring(takenAt)).contains(" в 13:30, 2) ").contains(" в 14:00, 3) ").contains(" в 15:00.");
        assertThat(turns.substring(0, takenAt)).as("no move told before InfoClinica held one")
                .doesNotContain("Готово, перенесли");
        assertThat(moved.path("outcome").asText()).isEqualTo("moved");
        assertThat(moved.path("moved_to").asText()).isEqualTo(friday + " 14:00");
        List<JsonNode> onFriday = StreamSupport.stream(PlatformStackFixture.sandboxGet("/infoclinica/_control/state")
                .path("appointments").spliterator(), false)
                .filter(a -> a.path("dcode").asInt() == dcode && a.path("date").asText().equals(friday.toString()))
                .toList();
        assertThat(onFriday).extracting(a -> a.path("pcode").asLong() + " " + a.path("start").asText())
                .containsExactlyInAnyOrder("4242 14:30", "777 14:00");
        assertThat(RemindersIT.scheduled(appointment)).as("the old time is free").isEmpty();

        // A second patient of that doctor hears the same refusal and gives up: the entry is not moved, InfoClinica
        // still holds the appointment where it was.
        long kept = RemindersIT.book(dcode, day, "11:00");
        String other = CallsWorld.newPhone();
        CallsWorld.script(other, "human", List.of(says("Перенесите на пятницу после обеда."), says("Давайте первое."),
                says("Нет, тогда ничего не надо, до свидания.")));
        Map<String, Object> takenToo = new LinkedHashMap<>(taken);
        takenToo.put("schedid", stranger + 1);
        takenToo.put("start", "15:00"); // the first time offered now (14:00 and 14:30 are taken): 15:00
        takenToo.put("end", "15:30");
        HttpResponse<String> heldToo = PlatformStackFixture.send("POST",
                PlatformStackFixture.sandbox("/infoclinica/_control/appointments"),
                kz.clinicai.shared.json.Json.write(takenToo));
        assertThat(heldToo.statusCode()).as(heldToo.body()).isEqualTo(202);
        String second = id(RemindersIT.postList(Map.of("clinic", CLINIC, "day", day.toString(),
                "entries", List.of(RemindersIT.entry(kept, other, "ru"))), TOKEN));
        RemindersIT.dispatched(second);
        JsonNode gaveUp = RemindersIT.awaitOutcome(second, 0, Set.of("moved", "confirmed", "cancelled",
                "no_decision", "callback", "transferred", "failed"), true);
        assertThat(turnsOf(gaveUp)).contains("Это время уже занято.").doesNotContain("Готово, перенесли");
        assertThat(gaveUp.path("outcome").asText()).isNotEqualTo("moved");
        assertThat(gaveUp.path("moved_to").isNull() || gaveUp.path("moved_to").isMissingNode()).isTrue();
        assertThat(RemindersIT.scheduled(kept)).singleElement().satisfies(a -> assertThat(a.path("date").asText()
                + " " + a.path("start").asText()).isEqualTo(day + " 11:00"));
    }

    @Test
    void aKazakhReminderGreetsWithInfoClinicasFactsAndMovesInKazakh() {
        int dcode = 2103;
        LocalDate day = RemindersIT.day(6);
        LocalDate friday = comingFriday();
        doctor(dcode, "Нұрланова Айгерім Болатқызы", day, friday);
        long appointment = RemindersIT.book(dcode, day, "09:30");
        String phone = CallsWorld.newPhone();
        CallsWorld.script(phone, "human", List.of(says("Жұмаға түстен кейін ауыстырыңызшы."), says("Бірінші нұсқа."),
                says("Рахмет, сау болыңыз.")));

        String id = id(RemindersIT.postList(Map.of("clinic", CLINIC, "day", day.toString(), "entries", List.of(
                Map.of("appointment_id", appointment, "phone", phone, "language", "kk", "patient_name", "Әсел"))),
                TOKEN));
        JsonNode entries = RemindersIT.dispatched(id).path("entries");
        if (waitsForCallingHours(entries, 0)) {
            return;
        }

        JsonNode moved = RemindersIT.awaitOutcome(id, 0, Set.of("moved"), true);
        DateTimeFormatter kk = DateTimeFormatter.ofPattern("d MMMM", Locale.forLanguageTag("kk"));
        String turns = turnsOf(moved);
        assertThat(turns).startsWith("assistant|greeting|Сәлеметсіз бе, Әсел! Сіздің " + kk.format(day)
                + " сағат 9:30-да Нұрланова Айгерім Болатқызы дәрігердің қабылдауына жазылғаныңызды еске саламыз, "
                + "Клиника №1 (песочница). Келесіз бе?");
        assertThat(turns).contains("Бос уақыт: 1) " + kk.format(friday) + " сағат 14:30, 2) ")
                .contains("Дайын, жазылуыңызды " + kk.format(friday) + " күні сағат 14:30-ға ауыстырдық.");
        assertThat(moved.path("moved_to").asText()).isEqualTo(friday + " 14:30");
        assertThat(StreamSupport.stream(PlatformStackFixture.sandboxGet("/infoclinica/_control/state")
                .path("appointments").spliterator(), false)
                .filter(a -> a.path("dcode").asInt() == dcode)
                .map(a -> a.path("date").asText() + " " + a.path("start").asText()).toList())
                .containsExactly(friday + " 14:30");
    }
}
