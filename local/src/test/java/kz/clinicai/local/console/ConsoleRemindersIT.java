package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's "Напоминания" page through the local stack: a CSV (Excel's ru-locale shape: BOM, ";", CRLF) uploaded
 * with the form's CSRF field goes to the stack's own calls API with the calls API's key; the API's problems come
 * back against the CSV's lines and nothing is stored; a good list is dispatched by the calls scheduler (fired here),
 * the InfoClinica simulator's appointment is called, and the day page shows the lists' counts, each entry's outcome
 * with its phone masked, and a link to the call's page with the conversation.
 */
class ConsoleRemindersIT {

    static final String CLINIC = "infoclinica-clinic";
    static final String CALLS_KEY = "local-calls-key";
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final AtomicLong IDS = new AtomicLong(770_000 + System.nanoTime() % 10_000 * 10);
    private static final AtomicLong PHONES = new AtomicLong(3_000_000 + System.nanoTime() % 1_000_000);

    @BeforeAll
    static void stack() {
        PlatformStackFixture.stack();
        ConsoleUsers.admin();
        // As the calls ITs run the simulator: its playback and pauses 20 times faster than the wall clock.
        PlatformStackFixture.sandboxPost("/voximplant/_control/time_scale", Map.of("scale", 0.05));
    }

    static String phone() {
        return "+7701" + String.format("%07d", PHONES.incrementAndGet() % 10_000_000);
    }

    /** A working day some weeks out (other reminder ITs book nearer days), with a date of its own per run. */
    static LocalDate day() {
        LocalDate d = LocalDate.now(ALMATY).plusWeeks(6).plusDays(System.nanoTime() % 7);
        return d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
    }

    static long book(LocalDate date, String start) {
        long id = IDS.incrementAndGet();
        LocalTime s = LocalTime.parse(start);
        PlatformStackFixture.sandboxPost("/infoclinica/_control/appointments", Map.of("schedid", id, "pcode", 777,
                "dcode", 1002, "date", date.toString(), "start", s.toString(), "end", s.plusMinutes(30).toString()));
        return id;
    }

    static HttpResponse<String> upload(ConsoleClient admin, LocalDate day, String filename, byte[] csv) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", admin.csrf("/console/reminders"));
        fields.put("clinic", CLINIC);
        fields.put("day", day.toString());
        return admin.postMultipart("/console/reminders/upload", fields, "file", filename, "text/csv", csv);
    }

    static JsonNode ofDay(LocalDate day) {
        HttpResponse<String> r = PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/reminders?clinic="
                + CLINIC + "&day=" + day, null, "x-api-key", CALLS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformStackFixture.json(r);
    }

    static JsonNode list(String id) {
        HttpResponse<String> r = PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/reminders/" + id,
                null, "x-api-key", CALLS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformStackFixture.json(r);
    }

    static void tick() {
        HttpResponse<String> r = PlatformStackFixture.send("POST",
                PlatformStackFixture.api() + "/_local/schedules/CallsSchedulerFunction/DueCalls", "{}");
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }

    @Test
    void aBadCsvIsRefusedLineByLineAndNothingIsStored() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        LocalDate day = day().plusDays(1);
        String p = phone();
        byte[] csv = ("appointment_id,phone,language,patient_name\n"
                + "123,\"" + p + "\",ru,\"Иванова, Анна\"\n"
                + "124,12,ru,Анна\n"
                + "\n"
                + "123," + phone() + ",fr,Әсел\n").getBytes(StandardCharsets.UTF_8);
        int before = ofDay(day).path("lists").size();
        HttpResponse<String> bad = upload(admin, day, "list.csv", csv);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        String problems = section(bad.body(), "upload-problems");
        assertThat(problems).contains("Строка 3 (phone):").contains("Строка 5 (language):")
                .contains("Строка 5 (appointment_id):");
        assertThat(ofDay(day).path("lists")).as("nothing stored").hasSize(before);

        HttpResponse<String> empty = upload(admin, day, "empty.csv", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(section(empty.body(), "upload-problems")).contains("пустой");
        HttpResponse<String> png = upload(admin, day, "photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26,
                10, 0, 0, 0, 13});
        assertThat(png.statusCode()).isEqualTo(400);
        assertThat(section(png.body(), "upload-problems")).contains("UTF-8");
        HttpResponse<String> header = upload(admin, day, "x.csv", "id;телефон\n1;2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(section(header.body(), "upload-problems")).contains("нет столбца appointment_id");

        Map<String, String> noToken = Map.of("clinic", CLINIC, "day", day.toString());
        HttpResponse<String> forged = admin.postMultipart("/console/reminders/upload", noToken, "file", "a.csv",
                "text/csv", "appointment_id;phone\n1;+77015550000\n".getBytes(StandardCharsets.UTF_8));
        assertThat(forged.statusCode()).as("no CSRF field").isEqualTo(403);
        assertThat(ofDay(day).path("lists")).hasSize(before);
    }

    @Test
    void anUploadedListIsCalledAndTheDayPageShowsItsOutcomesAndTheCall() {
        LocalDate day = day();
        long confirm = book(day, "10:30");
        long gone = 990_000_000L + IDS.incrementAndGet(); // never booked: InfoClinica does not know it
        String p0 = phone();
        String p1 = phone();
        PlatformStackFixture.sandboxPost("/voximplant/_control/callees", Map.of("phone", p0, "answer", "human",
                "utterances", List.of(Map.of("text", "Да, приду.", "pause_ms", 300),
                        Map.of("text", "Спасибо, до свидания.", "pause_ms", 300))));
        // Excel in the ru locale: a BOM, ";" and CRLF; the number as a person types it.
        byte[] csv = ("\uFEFFappointment_id;phone;language;patient_name\r\n"
                + confirm + ";" + p0.replace("+7701", "8 701 ") + ";ru;Анна Петровна\r\n"
                + gone + ";" + p1 + ";kk;\r\n").getBytes(StandardCharsets.UTF_8);
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        List<String> before = ofDay(day).path("lists").findValuesAsText("reminder_id");
        HttpResponse<String> uploaded = upload(admin, day, "завтра.csv", csv);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        assertThat(uploaded.headers().firstValue("location").orElseThrow())
                .endsWith("/console/reminders?clinic=" + CLINIC + "&day=" + day + "&msg=reminders");

        List<JsonNode> lists = new java.util.ArrayList<>();
        ofDay(day).path("lists").forEach(l -> {
            if (!before.contains(l.path("reminder_id").asText())) {
                lists.add(l);
            }
        });
        assertThat(lists).as("one list stored").hasSize(1);
        String id = lists.get(0).path("reminder_id").asText();
        assertThat(lists.get(0).path("total").asInt()).isEqualTo(2);
        HttpResponse<String> queued = admin.get("/console/reminders?clinic=" + CLINIC + "&day=" + day + "&msg=reminders");
        assertThat(queued.statusCode()).isEqualTo(200);
        assertThat(queued.body()).contains("data-testid=\"nav-reminders\"").contains("Список напоминаний загружен")
                .contains(id).contains("записей 2");

        JsonNode entries = dispatched(id);
        assertThat(entries.get(1).path("outcome").asText()).isEqualTo("gone");
        String callId = entries.get(0).path("call").path("call_id").asText();
        assertThat(callId).isNotBlank();
        boolean inHours = PlatformStackFixture.insideCallingHours(ALMATY);
        if (inHours) {
            awaitOutcome(id, "confirmed");
        }

        HttpResponse<String> page = admin.get("/console/reminders?clinic=" + CLINIC + "&day=" + day);
        assertThat(page.statusCode()).isEqualTo(200);
        String list = section(page.body(), "reminder-list-" + id);
        assertThat(list).contains("записи нет: 1").contains(Long.toString(confirm)).contains(Long.toString(gone))
                .contains("href=\"/console/calls/" + callId + "\"")
                .contains("Ахметов Нурлан Серикович").contains("10:30")
                .as("phones masked").doesNotContain(p0).doesNotContain(p1).contains("+7 701 *** ** " + p0.substring(10));
        if (!inHours) {
            // Outside 09:00–21:00 in Almaty the call waits for the morning: the page shows it planned.
            assertThat(list).contains("звонок: 1").contains("scheduled");
            return;
        }
        assertThat(list).contains("data-outcome=\"confirmed\"").contains("подтвердил: 1");
        HttpResponse<String> call = admin.get("/console/calls/" + callId);
        assertThat(call.statusCode()).isEqualTo(200);
        String turns = section(call.body(), "call-turns");
        assertThat(turns).contains("Здравствуйте, Анна Петровна! Напоминаем о вашей записи").contains("Да, приду.")
                .as("the tools' turn folded").contains("что сделано в InfoClinica").contains("data-role=\"tools\"");
    }

    @Test
    void anEditorReadsTheDayPageButCannotUpload() {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String email = "reminders-editor-" + System.nanoTime() + "@example.kz";
        ConsoleClient editor = ConsoleUsers.approvedEditor(admin, email, "editor-password-1");
        editor.login(email, "editor-password-1");
        LocalDate day = day().plusDays(2);
        HttpResponse<String> page = editor.get("/console/reminders?clinic=" + CLINIC + "&day=" + day);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"reminders-day-lists\"")
                .doesNotContain("data-testid=\"reminders-upload\"");
        int before = ofDay(day).path("lists").size();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", editor.csrf("/console/reminders"));
        fields.put("clinic", CLINIC);
        fields.put("day", day.toString());
        HttpResponse<String> refused = editor.postMultipart("/console/reminders/upload", fields, "file", "a.csv",
                "text/csv", ("appointment_id;phone\n1;" + phone() + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("только администратор");
        assertThat(ofDay(day).path("lists")).hasSize(before);
        assertThat(editor.get("/console/reminders?clinic=no-such-clinic").statusCode()).isEqualTo(404);
        assertThat(editor.get("/console/reminders?clinic=" + CLINIC + "&day=завтра").statusCode()).isEqualTo(400);
    }

    /** Fires the scheduler until no entry is queued; the entries then. */
    static JsonNode dispatched(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            tick();
            last = list(id).path("entries");
            boolean queued = false;
            for (JsonNode e : last) {
                queued |= e.path("state").asText().equals("queued");
            }
            if (!queued) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("entries still queued: " + last);
    }

    static void awaitOutcome(String id, String outcome) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            tick(); // the per-clinic cap may hold the call back for a later tick while other ITs' calls run
            last = list(id).path("entries").get(0);
            if (outcome.equals(last.path("outcome").asText())) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        }
        throw new AssertionError("entry 0 never reached " + outcome + "; last: " + last);
    }

    /** The element carrying {@code data-testid} up to the end of its section or card. */
    private static String section(String html, String testId) {
        int at = html.indexOf("data-testid=\"" + testId + "\"");
        assertThat(at).as(testId + " in page: " + html).isGreaterThanOrEqualTo(0);
        int end = html.indexOf("</section>", at);
        return html.substring(at, end < 0 ? html.length() : end);
    }
}
