package kz.clinicai.local.calls;

import static kz.clinicai.local.calls.CallsWorld.says;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Appointment reminders end to end: POST /reminders with the clinic's ACS token → RemindersTable → the calls
 * scheduler (fired now) reads each entry from the InfoClinica simulator (WEB_SCHEDULE_INFO over mutual TLS) and
 * creates its call → StartScenarios → the scenario greets with InfoClinica's facts → the call's end is the entry's
 * outcome. Appointments are booked in the simulator per test on a day of their own, with a doctor of their own.
 */
class RemindersIT {

    static final String CLINIC = "infoclinica-clinic";
    static final String TOKEN = "local-acs-token";
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final AtomicLong SCHEDIDS = new AtomicLong(880_000 + System.nanoTime() % 10_000 * 10);

    @BeforeAll
    static void boot() {
        CallsWorld.boot();
    }

    static HttpResponse<String> postList(Object body, String token) {
        try {
            String json = Json.mapper().writeValueAsString(body);
            return PlatformStackFixture.send("POST", PlatformStackFixture.api() + "/reminders", json,
                    "authorization", "Bearer " + token);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode list(String id) {
        HttpResponse<String> r = PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/reminders/" + id,
                null, "x-api-key", TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformStackFixture.json(r);
    }

    static void tick() {
        HttpResponse<String> r = PlatformStackFixture.send("POST",
                PlatformStackFixture.api() + "/_local/schedules/CallsSchedulerFunction/DueCalls", "{}");
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }

    /** A working day (not Sunday) a few weeks out, so other tests' bookings on the next days stay apart. */
    static LocalDate day(int weeksOut) {
        LocalDate d = LocalDate.now(ALMATY).plusWeeks(weeksOut);
        return d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
    }

    static long book(int dcode, LocalDate date, String start) {
        long id = SCHEDIDS.incrementAndGet();
        LocalTime s = LocalTime.parse(start);
        PlatformStackFixture.sandboxPost("/infoclinica/_control/appointments", Map.of("schedid", id, "pcode", 777,
                "dcode", dcode, "date", date.toString(), "start", s.toString(), "end", s.plusMinutes(30).toString()));
        return id;
    }

    static Map<String, Object> entry(long appointment, String phone, String language) {
        return Map.of("appointment_id", appointment, "phone", phone, "language", language);
    }

    /** Whether a Kazakh number's reminder call is dialled now (see {@link PlatformStackFixture#insideCallingHours}). */
    static boolean insideCallingHours() {
        return PlatformStackFixture.insideCallingHours(ALMATY);
    }

    /** Fires the scheduler until every entry has left "queued", then returns the list. */
    static JsonNode dispatched(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            tick();
            last = list(id);
            boolean queued = false;
            for (JsonNode e : last.path("entries")) {
                queued |= e.path("state").asText().equals("queued");
            }
            if (!queued) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("entries still queued: " + last);
    }

    /** The simulator's appointment(s) with this SCHEDID (empty once removed). */
    static List<JsonNode> scheduled(long schedId) {
        JsonNode state = PlatformStackFixture.sandboxGet("/infoclinica/_control/state");
        return java.util.stream.StreamSupport.stream(state.path("appointments").spliterator(), false)
                .filter(a -> a.path("schedid").asLong() == schedId).toList();
    }

    static JsonNode awaitOutcome(String id, int index, Set<String> outcomes) {
        return awaitOutcome(id, index, outcomes, false);
    }

    /** @param ticking fire the scheduler meanwhile (a call held back by the per-clinic cap starts on a later tick) */
    static JsonNode awaitOutcome(String id, int index, Set<String> outcomes, boolean ticking) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (ticking) {
                tick();
            }
            last = list(id).path("entries").get(index);
            if (outcomes.contains(last.path("outcome").asText())) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("entry " + index + " never reached " + outcomes + "; last: " + last);
    }

    @Test
    void aReminderDayChecksEachEntryInInfoClinicaGreetsWithItsFactsAndReportsEachOutcome() {
        LocalDate day = day(3);
        long confirm = book(1002, day, "10:30");
        long kazakh = book(1002, day, "11:30");
        long voicemail = book(1002, day, "14:00");
        long otherDay = book(1002, day.plusDays(1), "09:00");
        long cancel = book(1002, day, "16:00");
        long move = book(1002, day, "17:00");
        long gone = 990_000_000L + SCHEDIDS.incrementAndGet(); // never booked: InfoClinica does not know it
        String p0 = CallsWorld.newPhone();
        String p1 = CallsWorld.newPhone();
        String p2 = CallsWorld.newPhone();
        String p3 = CallsWorld.newPhone();
        String p4 = CallsWorld.newPhone();
        String p5 = CallsWorld.newPhone();
        String p6 = CallsWorld.newPhone();
        CallsWorld.script(p0, "human", List.of(says("Да, приду."), says("Спасибо, до свидания.")));
        CallsWorld.script(p1, "human", List.of(says("Иә, келемін."), says("Рахмет, сау болыңыз.")));
        CallsWorld.script(p2, "voicemail", List.of());
        CallsWorld.script(p5, "human", List.of(says("Отмените, пожалуйста."), says("До свидания.")));
        CallsWorld.script(p6, "human", List.of(says("Перенесите, пожалуйста, на завтра в 15:00."),
                says("Давайте первое."), says("До свидания.")));

        HttpResponse<String> posted = postList(Map.of("clinic", CLINIC, "day", day.toString(), "entries", List.of(
                Map.of("appointment_id", confirm, "phone", p0, "patient_name", "Анна Петровна"),
                entry(kazakh, p1, "kk"), entry(voicemail, p2, "ru"), entry(gone, p3, "ru"),
                entry(otherDay, p4, "ru"), entry(cancel, p5, "ru"), entry(move, p6, "ru"))), TOKEN);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = PlatformStackFixture.json(posted).path("reminder_id").asText();
        assertThat(list(id).path("entries")).allSatisfy(e -> assertThat(e.path("state").asText())
                .as("nothing is read or dialled by the POST itself").isEqualTo("queued"));

        JsonNode settled = dispatched(id);
        JsonNode entries = settled.path("entries");
        assertThat(entries.get(3).path("outcome").asText()).isEqualTo("gone");
        assertThat(entries.get(3).has("call")).isFalse();
        assertThat(entries.get(4).path("outcome").asText()).isEqualTo("not_on_day");
        assertThat(entries.get(4).path("appointment").path("date").asText()).isEqualTo(day.plusDays(1).toString());
        assertThat(entries.get(0).path("state").asText()).isEqualTo("calling");
        assertThat(entries.get(0).path("appointment").path("doctor").asText()).isEqualTo("Ахметов Нурлан Серикович");
        assertThat(entries.get(0).path("appointment").path("time").asText()).isEqualTo("10:30");

        if (!insideCallingHours()) {
            // Outside 09:00–21:00 in Almaty: the calls wait for the next allowed moment, nothing rings now.
            for (int i = 0; i < 3; i++) {
                JsonNode call = entries.get(i).path("call");
                assertThat(call.path("status").asText()).isEqualTo("scheduled");
                assertThat(Instant.parse(call.path("next_attempt_at").asText()).atZone(ALMATY).toLocalTime())
                        .isEqualTo(kz.clinicai.local.PlatformStackFixture.callingHoursStart());
            }
            return;
        }
        String callId = entries.get(0).path("call").path("call_id").asText();
        JsonNode call = CallsWorld.awaitStatus(callId, Set.of("completed"), true);
        String greeting = CallsWorld.turns(call).get(0);
        assertThat(greeting).startsWith("assistant|greeting|Здравствуйте, Анна Петровна! Напоминаем о вашей записи к "
                + "врачу Ахметов Нурлан Серикович").contains(" в 10:30, Клиника №1 (песочница).");
        assertThat(CallsWorld.lines(callId, "bot").get(0)).isEqualTo(greeting.substring("assistant|greeting|".length()));
        // The callee's "да, приду" runs the voicebot's confirm tool: the entry is confirmed, InfoClinica unchanged.
        awaitOutcome(id, 0, Set.of("confirmed"));
        assertThat(scheduled(confirm)).singleElement()
                .satisfies(a -> assertThat(a.path("start").asText()).startsWith("10:30"));
        // "Отмените" runs the cancel tool: the entry is cancelled only as InfoClinica removed the appointment.
        awaitOutcome(id, 5, Set.of("cancelled"));
        assertThat(scheduled(cancel)).as("removed in InfoClinica").isEmpty();
        // "Перенесите" offers InfoClinica's free times; "первое" moves there: the entry names the time InfoClinica holds.
        JsonNode moved = awaitOutcome(id, 6, Set.of("moved"), true);
        String movedTo = moved.path("moved_to").asText();
        assertThat(movedTo).startsWith(LocalDate.now(ALMATY).plusDays(1).toString());
        JsonNode movedCall = CallsWorld.awaitStatus(moved.path("call").path("call_id").asText(), Set.of("completed"),
                true);
        assertThat(String.join("\n", CallsWorld.turns(movedCall))).contains("Свободное время: 1)")
                .contains("Готово, перенесли вашу запись на");
        JsonNode now = PlatformStackFixture.sandboxGet("/infoclinica/_control/state").path("appointments");
        assertThat(java.util.stream.StreamSupport.stream(now.spliterator(), false)
                .filter(a -> a.path("dcode").asInt() == 1002 && a.path("pcode").asLong() == 777
                        && (a.path("date").asText() + " " + a.path("start").asText()).equals(movedTo)).count())
                .as("InfoClinica holds the appointment at " + movedTo).isEqualTo(1);
        assertThat(scheduled(move)).as("the old time is no longer booked under its SCHEDID, or moved").allSatisfy(
                a -> assertThat(a.path("date").asText() + " " + a.path("start").asText()).isEqualTo(movedTo));

        JsonNode kk = CallsWorld.awaitStatus(list(id).path("entries").get(1).path("call").path("call_id").asText(),
                Set.of("completed"), true);
        assertThat(CallsWorld.turns(kk).get(0)).startsWith("assistant|greeting|Сәлеметсіз бе! Сіздің")
                .contains("сағат 11:30-да Ахметов Нурлан Серикович дәрігердің қабылдауына");

        JsonNode vm = awaitOutcome(id, 2, Set.of("voicemail"));
        assertThat(vm.path("call").path("status").asText()).isEqualTo("voicemail");
        JsonNode counts = list(id).path("counts");
        assertThat(counts.path("gone").asInt()).isEqualTo(1);
        assertThat(counts.path("voicemail").asInt()).isEqualTo(1);
    }

    /** Lists and entries in RemindersTable ({@code LIST#…} items), to prove a refused list stored nothing. */
    static int storedReminderItems() {
        var world = PlatformStackFixture.stack().world();
        String table = world.tableName(world.template().tables().stream()
                .filter(t -> t.logicalId().equals("RemindersTable")).findFirst().orElseThrow());
        return PlatformStackFixture.stack().aws().dynamo().scanPaginator(b -> b.tableName(table)
                .filterExpression("begins_with(pk, :list)")
                .expressionAttributeValues(Map.of(":list",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LIST#")))
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)).stream()
                .mapToInt(page -> page.count()).sum();
    }

    @Test
    void aBadListIsRefusedWithEveryProblemNamedAndNothingStored() {
        int storedBefore = storedReminderItems();
        String phone = CallsWorld.newPhone();
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.add(entry(123456, phone, "ru"));
        entries.add(entry(123456, CallsWorld.newPhone(), "ru"));
        entries.add(Map.of("appointment_id", 123457, "phone", "+7 12"));
        entries.add(Map.of("appointment_id", 123458, "phone", "позвоните мне"));
        HttpResponse<String> r = postList(Map.of("clinic", CLINIC, "day", "2026-13-01", "entries", entries), TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = PlatformStackFixture.json(r);
        assertThat(body.path("error").asText()).isEqualTo("invalid_reminder_list");
        List<String> problems = new ArrayList<>();
        body.path("problems").forEach(p -> problems.add(p.path("entry").asText("-") + ":" + p.path("code").asText()));
        assertThat(problems).containsExactlyInAnyOrder("-:invalid_day", "1:duplicate_appointment", "2:invalid_phone",
                "3:invalid_phone");

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            many.add(Map.of("appointment_id", 1_000_000 + i, "phone", String.format("+7701%07d", i)));
        }
        HttpResponse<String> big = postList(Map.of("clinic", CLINIC, "day", day(3).toString(), "entries", many), TOKEN);
        assertThat(big.statusCode()).as(big.body()).isEqualTo(400);
        assertThat(big.body()).contains("too_many_entries").contains("10001");

        // An unknown clinic and a wrong token answer alike (401): slugs cannot be probed.
        HttpResponse<String> unknown = postList(Map.of("clinic", "no-such-clinic", "day", day(3).toString(),
                "entries", List.of(entry(123456, phone, "ru"))), TOKEN);
        HttpResponse<String> wrong = postList(Map.of("clinic", CLINIC, "day", day(3).toString(),
                "entries", List.of(entry(123456, phone, "ru"))), "not-the-token");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());

        tick();
        for (JsonNode s : PlatformStackFixture.sandboxGet("/voximplant/_sessions").path("sessions")) {
            assertThat(s.toString()).as("nothing dialled").doesNotContain(phone.substring(1));
        }
        assertThat(storedReminderItems()).as("no list or entry stored").isEqualTo(storedBefore);
    }
}
