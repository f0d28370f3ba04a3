package kz.clinicai.local.voicebot;

import static kz.clinicai.local.PlatformStackFixture.api;
import static kz.clinicai.local.PlatformStackFixture.json;
import static kz.clinicai.local.PlatformStackFixture.sandbox;
import static kz.clinicai.local.PlatformStackFixture.sandboxGet;
import static kz.clinicai.local.PlatformStackFixture.sandboxPost;
import static kz.clinicai.local.PlatformStackFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.clinic.ClinicAccess;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.DynamoDbClinicRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clinic voicebot end to end, driven over HTTP as ACS drives it: the API emulator routes to the real handler
 * from template.yaml, which reads the seeded clinic from DynamoDB, its certificate from Secrets Manager, asks the
 * sandbox's rule-based model (real openai-java client) and talks mutual-TLS XML to the InfoClinica simulator.
 * Each test works on its own appointment (own SCHEDID and patient), so the tests do not see each other's dialogue.
 */
class VoicebotIT {

    private static final String CLINIC = "infoclinica-clinic";
    private static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Almaty");
    private static final AtomicLong SCHED_IDS = new AtomicLong(810_000);
    private static final int THERAPIST = 1001;
    /** The seeded clinic's ACS credential (seed/ClinicsTable.json holds only its SHA-256). */
    private static final String TOKEN = "local-acs-token";

    @BeforeAll
    static void bootAndWarmUp() {
        assertThat(PlatformStackFixture.bootOutput()).contains("ClinicsTable 1",
                "AssistantsTable 2", "POST " + api() + "/voicebot/{clinic}/v1 -> VoicebotFunction");
        // The first request pays the function's cold start (SDK and TLS set-up), which the short test deadline is
        // not meant to measure.
        long warmUp = newAppointment(THERAPIST, LocalTime.of(17, 0));
        post(CLINIC, body(warmUp, "да, приду"));
        post(CLINIC, body(warmUp, "Какие есть свободные окна на четверг?"));
        post(CLINIC, body(warmUp, "давайте во второе"));
    }

    @Test
    void theFiveExampleUtterancesGetTheirAcsReplies() {
        long appointment = newAppointment(THERAPIST, LocalTime.of(12, 0));
        LocalDate tomorrow = today().plusDays(1);
        LocalDate thursday = nextThursday();

        JsonNode book = say(appointment, "Хочу записаться на прием завтра");
        assertThat(book.path("status").asText()).isEqualTo(freeTimesStatus(tomorrow));

        JsonNode current = say(appointment, "Какое время у меня завтра запись?");
        assertThat(current.path("status").asText()).isEqualTo("no_action_required");
        assertThat(current.path("time").asText()).isEqualTo("12:00");
        assertThat(current.path("specialist_name").asText()).isEqualTo("Иванова Анна Петровна");

        JsonNode move = say(appointment, "Хочу перенести запись на другое время");
        assertThat(move.path("status").asText()).isEqualTo(freeTimesStatus(tomorrow));

        JsonNode windows = say(appointment, "Какие есть свободные окна на четверг?");
        assertThat(windows.path("status").asText()).isEqualTo("which_time" + suffix(thursday));
        assertThat(windows.path("weekday").asText()).isEqualTo("Четверг");
        assertThat(windows.path("weekday_kz").asText()).isEqualTo("Бейсенбі");
        assertThat(List.of(windows.path("first_time").asText(), windows.path("second_time").asText(),
                windows.path("third_time").asText())).allMatch(t -> t.matches("\\d{2}:\\d{2}"));

        JsonNode cancel = say(appointment, "Мне нужно отменить запись");
        assertThat(cancel.path("status").asText()).isEqualTo("success_deleting_reception");
        assertThat(cancel.path("time").asText()).isEqualTo("12:00");
        assertThat(cancel.path("message").asText()).isEqualTo("Запись успешно удалена");
        assertThat(appointmentsOf(appointment)).isEmpty();

        HttpResponse<String> afterCancel = post(CLINIC, body(appointment, "да, приду"));
        assertThat(afterCancel.statusCode()).isEqualTo(404);
        assertThat(json(afterCancel).path("status").asText()).isEqualTo("error");
    }

    @Test
    void kazakhUtterancesAndGibberish() {
        long appointment = newAppointment(THERAPIST, LocalTime.of(12, 30));

        assertThat(say(appointment, "ертең жазылғым келеді").path("status").asText())
                .isEqualTo(freeTimesStatus(today().plusDays(1)));
        assertThat(say(appointment, "ыщзх фывапр олджэ").path("status").asText()).isEqualTo("bad_user_input");
        assertThat(say(appointment, "жазылуды болдырмау").path("status").asText())
                .isEqualTo("success_deleting_reception");
        assertThat(appointmentsOf(appointment)).isEmpty();
    }

    @Test
    void choosingTheSecondOfferedTimeMovesTheAppointmentThere() {
        long appointment = newAppointment(THERAPIST, LocalTime.of(13, 0));
        LocalDate thursday = nextThursday();

        JsonNode offers = say(appointment, "Какие есть свободные окна на четверг?");
        String second = offers.path("second_time").asText();
        assertThat(second).matches("\\d{2}:\\d{2}");

        JsonNode booked = say(appointment, "давайте во второе");
        assertThat(booked.path("status").asText()).isEqualTo("success_change_reception" + suffix(thursday));
        assertThat(booked.path("time").asText()).isEqualTo(second);
        assertThat(booked.path("weekday").asText()).isEqualTo("Четверг");

        List<JsonNode> now = appointmentsOf(appointment);
        assertThat(now).hasSize(1);
        assertThat(now.get(0).path("schedid").asLong()).isNotEqualTo(appointment);
        assertThat(now.get(0).path("date").asText()).isEqualTo(thursday.toString());
        assertThat(now.get(0).path("start").asText()).isEqualTo(second);

        // The next turn is about the moved appointment (the session remembers its new SCHEDID).
        JsonNode confirmed = say(appointment, "да, приду");
        assertThat(confirmed.path("status").asText()).isEqualTo("no_action_required");
        assertThat(confirmed.path("time").asText()).isEqualTo(second);
    }

    @Test
    void aSlotTakenMeanwhileGetsAlternativesInsteadOfABooking() {
        int cardiologist = 1002;
        long appointment = newAppointment(cardiologist, LocalTime.of(13, 30));
        LocalDate thursday = nextThursday();
        String second = say(appointment, "Какие есть свободные окна на четверг?").path("second_time").asText();
        LocalTime taken = LocalTime.parse(second);
        // Someone else books that time at the front desk before the patient answers.
        sandboxPost("/infoclinica/_control/appointments", Map.of("schedid", SCHED_IDS.incrementAndGet(),
                "pcode", 1, "dcode", cardiologist, "date", thursday.toString(), "start", second,
                "end", taken.plusMinutes(30).toString()));

        JsonNode reply = say(appointment, "второе");

        assertThat(reply.path("status").asText()).isEqualTo("error_change_reception" + suffix(thursday));
        assertThat(reply.path("time").asText()).isEqualTo(second);
        assertThat(reply.path("first_time").asText()).matches("\\d{2}:\\d{2}").isNotEqualTo(second);
        assertThat(reply.path("second_time").asText()).isNotEqualTo(second);
        assertThat(appointmentsOf(appointment)).singleElement()
                .satisfies(a -> assertThat(a.path("schedid").asLong()).isEqualTo(appointment));
    }

    @Test
    void identicalRequestsArrivingTogetherAllGetTheOneBooking() {
        int paediatrician = 1003;
        long appointment = newAppointment(paediatrician, LocalTime.of(14, 0));
        String second = say(appointment, "Какие есть свободные окна на четверг?").path("second_time").asText();
        String choose = body(appointment, "давайте во второе");
        long before = lastReceived();

        // ACS gave up waiting and sent the same utterance again, many times, while the first was still booking.
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        // Eight at once: what this one-JVM stack on a small machine answers within the test's 5 s deadline.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> post(CLINIC, choose), pool));
        }
        pool.shutdown();
        List<String> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            HttpResponse<String> response = request.join();
            statuses.add(response.statusCode() + " " + json(response).path("status").asText()
                    + " " + json(response).path("time").asText());
        }
        // And once more after all were answered.
        HttpResponse<String> late = post(CLINIC, choose);
        statuses.add(late.statusCode() + " " + json(late).path("status").asText() + " " + json(late).path("time").asText());

        assertThat(statuses).allMatch(s -> s.startsWith("200 success_change_reception") && s.endsWith(" " + second));
        assertThat(appointmentsOf(appointment)).singleElement()
                .satisfies(a -> assertThat(a.path("start").asText()).isEqualTo(second));
        assertThat(received(before)).filteredOn(m -> m.path("message").asText().equals("SCHEDULE_REC_RESERVE"))
                .hasSize(1);
    }

    @Test
    void movingAwayAndBackToASlotBooksItAgainAtInfoClinica() {
        long appointment = newAppointment(THERAPIST, LocalTime.of(16, 0));
        LocalDate thursday = nextThursday();
        String x = say(appointment, "Какие есть свободные окна на четверг?").path("second_time").asText();
        assertThat(say(appointment, "давайте во второе").path("time").asText()).isEqualTo(x);

        JsonNode offers = say(appointment, "Какие есть свободные окна на четверг?");
        String y = offers.path("first_time").asText();
        assertThat(y).isNotEqualTo(x);
        assertThat(say(appointment, "давайте в первое").path("time").asText()).isEqualTo(y);

        JsonNode again = say(appointment, "Какие есть свободные окна на четверг?");
        List<String> times = List.of(again.path("first_time").asText(), again.path("second_time").asText(),
                again.path("third_time").asText());
        assertThat(times).contains(x);
        String ordinal = List.of("первое", "второе", "третье").get(times.indexOf(x));
        long before = lastReceived();
        JsonNode back = say(appointment, "давайте " + ordinal);

        assertThat(back.path("status").asText()).isEqualTo("success_change_reception" + suffix(thursday));
        assertThat(back.path("time").asText()).isEqualTo(x);
        assertThat(received(before)).extracting(m -> m.path("message").asText()).contains("SCHEDULE_REC_RESERVE");
        assertThat(appointmentsOf(appointment)).singleElement().satisfies(a -> {
            assertThat(a.path("date").asText()).isEqualTo(thursday.toString());
            assertThat(a.path("start").asText()).isEqualTo(x);
        });
        // The session points at the live appointment: the next turn reads it, not a 404.
        assertThat(say(appointment, "да, приду").path("time").asText()).isEqualTo(x);
    }

    @Test
    void messagesAboutAnAppointmentOfTheSecondFilialCarryThatFilial() {
        int paediatrician = 1003;
        long appointment = newAppointment(paediatrician, LocalTime.of(12, 30));
        long before = lastReceived();

        assertThat(say(appointment, "Какие есть свободные окна на четверг?").path("status").asText())
                .startsWith("which_time");
        JsonNode booked = say(appointment, "давайте в первое");

        assertThat(booked.path("status").asText()).startsWith("success_change_reception");
        List<JsonNode> sent = received(before);
        assertThat(sent).extracting(m -> m.path("message").asText() + "@" + m.path("branch").asText())
                .containsExactly("SCHEDULE_INFO@1", "SCHEDULE@2", "SCHEDULE_INFO@1", "SCHEDULE_REC_RESERVE@2");
        JsonNode reserve = sent.get(3).path("fields");
        assertThat(reserve.path("ONLINETYPE").asText()).isEqualTo("0");
        assertThat(reserve.path("SCHEDID").asLong()).isEqualTo(appointment);
        assertThat(sent.get(1).path("fields").path("EXTINTERV").asText()).isEqualTo("30");
    }

    @Test
    void aDoctorWhoNeedsAReferralIsErrorMedElementWithTheServersText() {
        int endocrinologist = 1004;
        long appointment = newAppointment(endocrinologist, LocalTime.of(10, 0));

        JsonNode reply = say(appointment, "Какие есть свободные окна на четверг?");

        assertThat(reply.path("status").asText()).isEqualTo("error_med_element");
        assertThat(reply.path("message").asText()).isEqualTo("Запись к врачу возможна только по направлению");
        assertThat(reply.has("first_time")).isFalse();
    }

    @Test
    void infoClinicasRefusalsReachAcsWithTheServersWords() {
        long appointment = newAppointment(THERAPIST, LocalTime.of(9, 30));

        sandboxPost("/infoclinica/_control/refuse", Map.of("message", "SCHEDULE", "spresult", 0,
                "comment", "Расписание врача временно недоступно"));
        JsonNode refusedRead = say(appointment, "Какие есть свободные окна на четверг?");
        sandboxPost("/infoclinica/_control/refuse", Map.of("message", "SCHEDULE_REC_REMOVE", "spresult", 0,
                "comment", "Отмена записи менее чем за 2 часа до приема запрещена"));
        JsonNode refusedCancel = say(appointment, "Мне нужно отменить запись");
        // Someone cancelled it at the front desk between our read and our remove: InfoClinica says "not found".
        sandboxPost("/infoclinica/_control/refuse", Map.of("message", "SCHEDULE_REC_REMOVE", "spresult", 0,
                "comment", "Запись пациента не найдена", "checkcode", 2, "checktext",
                "Ваша запись на прием уже отменена, список записей будет обновлен в ближайшее время"));
        JsonNode alreadyCancelled = say(appointment, "Мне нужно отменить запись");

        assertThat(refusedRead.path("status").asText()).as("a refused read is not 'no free time'").isEqualTo("error");
        assertThat(refusedRead.path("message").asText()).isEqualTo("Расписание врача временно недоступно");
        assertThat(refusedCancel.path("status").asText()).isEqualTo("error_deleting_reception");
        assertThat(refusedCancel.path("message").asText())
                .isEqualTo("Отмена записи менее чем за 2 часа до приема запрещена");
        assertThat(refusedCancel.path("time").asText()).isEqualTo("09:30");
        assertThat(alreadyCancelled.path("status").asText()).isEqualTo("success_deleting_reception");
        assertThat(alreadyCancelled.path("message").asText()).isEqualTo("Запись уже отменена");
    }

    @Test
    void anAppointmentWhoseSchedInfoLacksPcodeIsReadAndCancelled() {
        long schedId = SCHED_IDS.incrementAndGet();
        LocalDate date = workingDayAfterTomorrow();
        sandboxPost("/infoclinica/_control/appointments", Map.of("schedid", schedId, "pcode", schedId, "dcode", THERAPIST,
                "date", date.toString(), "start", "11:30", "end", "12:00", "hidePcode", true));
        long before = lastReceived();

        JsonNode current = say(schedId, "Какое время у меня завтра запись?");
        JsonNode cancel = say(schedId, "Мне нужно отменить запись");

        assertThat(current.path("time").asText()).isEqualTo("11:30");
        assertThat(cancel.path("status").asText()).isEqualTo("success_deleting_reception");
        assertThat(appointmentsOf(schedId)).isEmpty();
        // The patient code came from the appointment's own interval in its day's schedule.
        List<JsonNode> sent = received(before);
        assertThat(sent).extracting(m -> m.path("message").asText()).containsExactly("SCHEDULE_INFO",
                "SCHEDULE_INFO", "SCHEDULE", "SCHEDULE_REC_REMOVE");
        assertThat(sent.get(3).path("fields").path("PCODE").asLong()).isEqualTo(schedId);
    }

    @Test
    void enumeratingAppointmentIdsIsCutOffAndForeignSourcesAreRefused() {
        DynamoDbClinicRepository clinics = new DynamoDbClinicRepository(
                software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient.builder()
                        .dynamoDbClient(PlatformStackFixture.stack().aws().dynamo()).build(), "ClinicsTable");
        ClinicConfig seeded = clinics.find(CLINIC).orElseThrow();
        clinics.save(new ClinicConfig("probe-clinic", seeded.infoClinicaUrl(), seeded.certificateSecretId(), "1",
                seeded.timeZone(), seeded.workingHours(), null, null,
                new AccessPolicy(ClinicAccess.sha256(TOKEN), List.of(), 1000, 50)));
        clinics.save(new ClinicConfig("walled-clinic", seeded.infoClinicaUrl(), seeded.certificateSecretId(), "1",
                seeded.timeZone(), seeded.workingHours(), null, null,
                new AccessPolicy(ClinicAccess.sha256(TOKEN), List.of("10.0.0.0/8"), 1000, 100_000)));

        List<Integer> codes = new ArrayList<>();
        for (long id = 970_000; id < 970_040; id++) {
            codes.add(post("probe-clinic", body(id, "да")).statusCode());
        }

        // 50 per minute per source IP, an unknown appointment weighs 10: at most five probes reach InfoClinica.
        assertThat(codes).doesNotContain(200);
        assertThat(codes.stream().filter(c -> c == 404).count()).isLessThanOrEqualTo(5);
        assertThat(codes.stream().filter(c -> c == 429).count()).isGreaterThanOrEqualTo(35);
        HttpResponse<String> walled = post("walled-clinic", body(123456, "да"));
        assertThat(walled.statusCode()).isEqualTo(403);
        assertThat(json(walled).path("status").asText()).isEqualTo("error");
    }

    @Test
    void aSlowInfoClinicaGetsAnErrorReplyWithinTheDeadline() {
        long appointment = newAppointment(THERAPIST, LocalTime.of(15, 0));
        sandboxPost("/_control/faults/infoclinica", Map.of("latencyMs", 60_000));
        HttpResponse<String> response;
        try {
            // REQUEST_TIMEOUT bounds the wait: an answer that came only at InfoClinica's pace would fail here.
            response = post(CLINIC, body(appointment, "да, приду"));
        } finally {
            send("DELETE", sandbox("/_control/faults"), null);
        }

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reply = json(response);
        assertThat(reply.path("status").asText()).isEqualTo("error");
        assertThat(reply.path("message").asText()).isNotBlank();
    }

    @Test
    void badRequestsAreAnsweredInAcsShapeAndWriteNothing() {
        long appointment = newAppointment(THERAPIST, LocalTime.of(15, 30));
        int sessionsBefore = sessionItems(appointment);

        assertRejected(post(CLINIC, "{not json"), 400);
        assertRejected(post(CLINIC, "{\"appointment_id\": " + appointment + "}"), 400);
        assertRejected(post(CLINIC, "{\"appointment_id\": \"abc\", \"user_input\": \"да\"}"), 400);
        assertRejected(post(CLINIC, body(appointment, "да ".repeat(6_000))), 413);
        assertRejected(post(CLINIC, body(appointment, "да, приду") + " trailing"), 400);
        assertRejected(post("x".repeat(3_000), body(appointment, "да, приду")), 400);
        assertRejected(send("POST", api() + "/voicebot/" + CLINIC + "/v1/", body(appointment, "да, приду")), 401);
        assertRejected(send("POST", api() + "/voicebot/" + CLINIC + "/v1/", body(appointment, "да, приду"),
                "x-api-key", "guessed"), 401);
        assertRejected(postAs("text/plain", body(appointment, "да, приду")), 415);
        assertRejected(post("no-such-clinic", body(appointment, "да, приду")), 401);
        assertRejected(post(CLINIC, body(987_654_321L, "да, приду")), 404);

        assertThat(sessionItems(appointment)).isEqualTo(sessionsBefore);
        assertThat(appointmentsOf(appointment)).hasSize(1);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void assertRejected(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode reply = json(response);
        assertThat(reply.path("status").asText()).isEqualTo("error");
        assertThat(reply.path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    /** A new appointment of a new patient (pcode = SCHEDID) on the first working day after tomorrow. */
    private static long newAppointment(int dcode, LocalTime start) {
        long schedId = SCHED_IDS.incrementAndGet();
        LocalDate date = today().plusDays(2);
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.plusDays(1);
        }
        sandboxPost("/infoclinica/_control/appointments", Map.of("schedid", schedId, "pcode", schedId, "dcode", dcode,
                "date", date.toString(), "start", start.toString(), "end", start.plusMinutes(30).toString()));
        return schedId;
    }

    private static List<JsonNode> appointmentsOf(long patient) {
        JsonNode state = sandboxGet("/infoclinica/_control/state");
        return StreamSupport.stream(state.path("appointments").spliterator(), false)
                .filter(a -> a.path("pcode").asLong() == patient).toList();
    }

    private static JsonNode say(long appointment, String text) {
        HttpResponse<String> response = post(CLINIC, body(appointment, text));
        assertThat(response.statusCode()).as(text + " -> " + response.body()).isEqualTo(200);
        return json(response);
    }

    private static HttpResponse<String> post(String clinic, String body) {
        return send("POST", api() + "/voicebot/" + clinic + "/v1/", body, "authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> postAs(String contentType, String body) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(api() + "/voicebot/" + CLINIC + "/v1/"))
                    .header("content-type", contentType).header("authorization", "Bearer " + TOKEN)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lastReceived() {
        return sandboxGet("/infoclinica/_control/received?since=999999999").path("last").asLong();
    }

    /** What the InfoClinica simulator received after sequence number {@code since}. */
    private static List<JsonNode> received(long since) {
        return StreamSupport.stream(sandboxGet("/infoclinica/_control/received?since=" + since).path("received")
                .spliterator(), false).toList();
    }

    private static LocalDate workingDayAfterTomorrow() {
        LocalDate date = today().plusDays(2);
        return date.getDayOfWeek() == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
    }

    private static String body(long appointment, String text) {
        return Json.write(Map.of("appointment_id", appointment, "user_input", text));
    }

    /** Sessions and ledger items (the rate counters in the same table are expected to change). */
    /**
     * Items of this appointment (session, bookings, moves): other tests' requests may still be finishing in the
     * background and change the table's other items.
     */
    private static int sessionItems(long appointment) {
        java.util.regex.Pattern mine = java.util.regex.Pattern.compile(".*#" + appointment + "(#.*)?");
        return (int) PlatformStackFixture.stack().aws().dynamo().scan(r -> r.tableName("VoicebotSessionsTable"))
                .items().stream().filter(i -> !i.get("pk").s().startsWith("rate#"))
                .filter(i -> mine.matcher(i.get("pk").s()).matches()).count();
    }

    private static LocalDate today() {
        return LocalDate.now(CLINIC_ZONE);
    }

    /** The sandbox model reads "четверг" as the next Thursday after today. */
    private static LocalDate nextThursday() {
        return today().with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
    }

    /** The clinic works Monday to Saturday. */
    private static String freeTimesStatus(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SUNDAY ? "nonworktime" : "which_time" + suffix(date);
    }

    private static String suffix(LocalDate date) {
        LocalDate today = today();
        return date.equals(today) ? "_today" : date.equals(today.plusDays(1)) ? "_tomorrow" : "";
    }
}
