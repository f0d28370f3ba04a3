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

    @BeforeAll
    static void bootAndWarmUp() {
        assertThat(PlatformStackFixture.bootOutput()).contains("Seeded    4 items", "ClinicsTable 1",
                "AssistantsTable 2", "POST " + api() + "/voicebot/{clinic}/v1/ -> VoicebotFunction");
        // The first request pays the function's cold start (SDK and TLS set-up), which the short test deadline is
        // not meant to measure.
        say(newAppointment(THERAPIST, LocalTime.of(17, 0)), "да, приду");
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
    void aRetriedReservationBooksOnce() {
        int paediatrician = 1003;
        long appointment = newAppointment(paediatrician, LocalTime.of(14, 0));
        String second = say(appointment, "Какие есть свободные окна на четверг?").path("second_time").asText();
        String choose = body(appointment, "давайте во второе");

        // ACS gave up waiting and sent the same utterance again while the first was still being answered.
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(CLINIC, choose));
        CompletableFuture<HttpResponse<String>> retry = CompletableFuture.supplyAsync(() -> post(CLINIC, choose));
        List<String> statuses = new ArrayList<>();
        for (HttpResponse<String> response : List.of(first.join(), retry.join())) {
            statuses.add(json(response).path("status").asText());
        }
        // And once more after both were answered.
        statuses.add(json(post(CLINIC, choose)).path("status").asText());

        assertThat(statuses).anyMatch(s -> s.startsWith("success_change_reception"));
        assertThat(appointmentsOf(appointment)).singleElement()
                .satisfies(a -> assertThat(a.path("start").asText()).isEqualTo(second));
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
        int sessionsBefore = sessionItems();

        assertRejected(post(CLINIC, "{not json"), 400);
        assertRejected(post(CLINIC, "{\"appointment_id\": " + appointment + "}"), 400);
        assertRejected(post(CLINIC, "{\"appointment_id\": \"abc\", \"user_input\": \"да\"}"), 400);
        assertRejected(post(CLINIC, body(appointment, "да ".repeat(6_000))), 413);
        assertRejected(post("no-such-clinic", body(appointment, "да, приду")), 404);
        assertRejected(post(CLINIC, body(987_654_321L, "да, приду")), 404);

        assertThat(sessionItems()).isEqualTo(sessionsBefore);
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
        return send("POST", api() + "/voicebot/" + clinic + "/v1/", body);
    }

    private static String body(long appointment, String text) {
        try {
            return Json.mapper().writeValueAsString(Map.of("appointment_id", appointment, "user_input", text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int sessionItems() {
        return PlatformStackFixture.stack().aws().dynamo().scan(r -> r.tableName("VoicebotSessionsTable")).count();
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
