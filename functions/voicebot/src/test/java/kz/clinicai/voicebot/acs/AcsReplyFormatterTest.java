package kz.clinicai.voicebot.acs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.IntStream;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.infoclinica.Appointment;
import kz.clinicai.shared.infoclinica.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcsReplyFormatterTest {
    // Wednesday 29 January 2025: tomorrow is Thursday 30, "another day" is Friday 31.
    static final LocalDate TODAY = LocalDate.of(2025, 1, 29);
    static final String DOCTOR = "Иванова А.Б.";

    static List<Slot> slots(int count, LocalDate date) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Slot(date, LocalTime.of(9 + i, 30), LocalTime.of(10 + i, 0), 77, 5)).toList();
    }

    static JsonNode json(Outcome outcome) throws Exception {
        return Json.mapper().readTree(Json.mapper().writeValueAsString(AcsReplyFormatter.format(outcome, TODAY)));
    }

    @ParameterizedTest(name = "{0} offers on day +{1} -> {2}")
    @CsvSource({
            "3, 0, which_time_today", "3, 1, which_time_tomorrow", "3, 2, which_time",
            "2, 0, only_two_time_today", "2, 1, only_two_time_tomorrow", "2, 2, only_two_time",
            "1, 0, only_first_time_today", "1, 1, only_first_time_tomorrow", "1, 2, only_first_time",
            "0, 0, error_empty_windows_today", "0, 1, error_empty_windows_tomorrow", "0, 2, error_empty_windows"})
    void freeTimes(int count, int plusDays, String status) throws Exception {
        LocalDate date = TODAY.plusDays(plusDays);
        JsonNode reply = json(new Outcome.FreeTimes(date, DOCTOR, slots(count, date)));

        assertThat(reply.get("status").asText()).isEqualTo(status);
        assertThat(reply.get("specialist_name").asText()).isEqualTo(DOCTOR);
        assertThat(reply.path("first_time").asText(null)).isEqualTo(count >= 1 ? "09:30" : null);
        assertThat(reply.path("second_time").asText(null)).isEqualTo(count >= 2 ? "10:30" : null);
        assertThat(reply.path("third_time").asText(null)).isEqualTo(count >= 3 ? "11:30" : null);
        assertDateFields(reply, plusDays);
    }

    @ParameterizedTest(name = "{0} alternatives on day +{1} -> {2}")
    @CsvSource({
            "3, 0, error_change_reception_today", "3, 1, error_change_reception_tomorrow", "3, 2, error_change_reception",
            "2, 0, change_only_two_time_today", "2, 1, change_only_two_time_tomorrow", "2, 2, change_only_two_time",
            "1, 0, change_only_first_time_today", "1, 1, change_only_first_time_tomorrow", "1, 2, change_only_first_time",
            "0, 0, error_change_reception_bad_date", "0, 1, error_change_reception_bad_date",
            "0, 2, error_change_reception_bad_date"})
    void slotTaken(int count, int plusDays, String status) throws Exception {
        LocalDate date = TODAY.plusDays(plusDays);
        JsonNode reply = json(new Outcome.SlotTaken(date, LocalTime.of(10, 0), DOCTOR, slots(count, date)));

        assertThat(reply.get("status").asText()).isEqualTo(status);
        assertThat(reply.get("time").asText()).isEqualTo("10:00");
        assertThat(reply.path("first_time").asText(null)).isEqualTo(count >= 1 ? "09:30" : null);
        assertThat(reply.path("third_time").asText(null)).isEqualTo(count >= 3 ? "11:30" : null);
        assertDateFields(reply, plusDays);
    }

    @ParameterizedTest(name = "booked on day +{0} -> {1}")
    @CsvSource({"0, success_change_reception_today", "1, success_change_reception_tomorrow",
            "2, success_change_reception"})
    void booked(int plusDays, String status) throws Exception {
        JsonNode reply = json(new Outcome.Booked(TODAY.plusDays(plusDays), LocalTime.of(16, 5), DOCTOR));

        assertThat(reply.get("status").asText()).isEqualTo(status);
        assertThat(reply.get("time").asText()).isEqualTo("16:05");
        assertThat(reply.get("specialist_name").asText()).isEqualTo(DOCTOR);
        assertDateFields(reply, plusDays);
    }

    @ParameterizedTest(name = "appointment on day +{0}")
    @CsvSource({"0", "1", "2"})
    void appointmentStatusesAreNeverSuffixed(int plusDays) throws Exception {
        Appointment appointment = new Appointment(1, TODAY.plusDays(plusDays), LocalTime.of(8, 0), LocalTime.of(8, 30), 5, 9L, "1", DOCTOR, null);

        JsonNode cancelled = json(new Outcome.Cancelled(appointment, "Запись успешно удалена"));
        JsonNode failed = json(new Outcome.CancelFailed(appointment, "не удалось"));
        JsonNode confirmed = json(new Outcome.NoActionRequired(appointment));
        JsonNode closed = json(new Outcome.NonWorkTime(TODAY.plusDays(plusDays), LocalTime.of(22, 0)));

        assertThat(cancelled.get("status").asText()).isEqualTo("success_deleting_reception");
        assertThat(cancelled.get("message").asText()).isEqualTo("Запись успешно удалена");
        assertThat(failed.get("status").asText()).isEqualTo("error_deleting_reception");
        assertThat(failed.get("message").asText()).isEqualTo("не удалось");
        assertThat(confirmed.get("status").asText()).isEqualTo("no_action_required");
        assertThat(closed.get("status").asText()).isEqualTo("nonworktime");
        assertThat(closed.get("time").asText()).isEqualTo("22:00");
        for (JsonNode reply : List.of(cancelled, failed, confirmed)) {
            assertThat(reply.get("time").asText()).isEqualTo("08:00");
            assertThat(reply.get("specialist_name").asText()).isEqualTo(DOCTOR);
            assertDateFields(reply, plusDays);
        }
        assertDateFields(closed, plusDays);
    }

    @Test
    void statusesWithoutData() throws Exception {
        JsonNode bad = json(new Outcome.NotUnderstood());
        JsonNode med = json(new Outcome.UnknownMedElement("DCODE 5 unknown"));
        JsonNode error = json(new Outcome.Failure("Медицинская система не ответила вовремя"));

        assertThat(bad.toString()).isEqualTo("{\"status\":\"bad_user_input\"}");
        assertThat(med.get("status").asText()).isEqualTo("error_med_element");
        assertThat(error.toString()).isEqualTo(
                "{\"status\":\"error\",\"message\":\"Медицинская система не ответила вовремя\"}");
    }

    @Test
    void everyStatusIsProducedByTheFormatter() throws Exception {
        Appointment a = new Appointment(1, TODAY, LocalTime.of(8, 0), LocalTime.of(8, 30), 5, 9L, "1", DOCTOR, null);
        List<Outcome> outcomes = List.of(new Outcome.Booked(TODAY, LocalTime.NOON, DOCTOR),
                new Outcome.FreeTimes(TODAY, DOCTOR, slots(3, TODAY)), new Outcome.FreeTimes(TODAY, DOCTOR, slots(1, TODAY)),
                new Outcome.FreeTimes(TODAY, DOCTOR, slots(2, TODAY)), new Outcome.FreeTimes(TODAY, DOCTOR, List.of()),
                new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR, slots(3, TODAY)),
                new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR, slots(1, TODAY)),
                new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR, slots(2, TODAY)),
                new Outcome.SlotTaken(TODAY, LocalTime.NOON, DOCTOR, List.of()),
                new Outcome.Cancelled(a, "Запись успешно удалена"), new Outcome.CancelFailed(a, "x"), new Outcome.NonWorkTime(TODAY, null),
                new Outcome.NotUnderstood(), new Outcome.UnknownMedElement("x"), new Outcome.NoActionRequired(a),
                new Outcome.Failure("x"));
        List<String> produced = outcomes.stream()
                .map(o -> AcsReplyFormatter.format(o, TODAY.minusDays(5)).status()).toList();

        assertThat(produced).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(AcsStatus.values()).map(AcsStatus::wireName).toList());
    }

    @ParameterizedTest(name = "{0}: {1} / {2}, {3} / {4}")
    @CsvSource({
            "2025-01-31, 31 Января, 31 Қаңтар, Пятница, Жұма",
            "2025-02-01, 1 Февраля, 1 Ақпан, Суббота, Сенбі",
            "2025-03-02, 2 Марта, 2 Наурыз, Воскресенье, Жексенбі",
            "2025-04-14, 14 Апреля, 14 Сәуір, Понедельник, Дүйсенбі",
            "2025-05-13, 13 Мая, 13 Мамыр, Вторник, Сейсенбі",
            "2025-06-11, 11 Июня, 11 Маусым, Среда, Сәрсенбі",
            "2025-07-10, 10 Июля, 10 Шілде, Четверг, Бейсенбі",
            "2025-08-29, 29 Августа, 29 Тамыз, Пятница, Жұма",
            "2025-09-29, 29 Сентября, 29 Қыркүйек, Понедельник, Дүйсенбі",
            "2025-10-29, 29 Октября, 29 Қазан, Среда, Сәрсенбі",
            "2025-11-29, 29 Ноября, 29 Қараша, Суббота, Сенбі",
            "2025-12-29, 29 Декабря, 29 Желтоқсан, Понедельник, Дүйсенбі"})
    void dateFieldsInRussianAndKazakh(LocalDate date, String ru, String kk, String weekdayRu, String weekdayKk)
            throws Exception {
        JsonNode reply = json(new Outcome.Booked(date, LocalTime.of(10, 30), DOCTOR));

        assertThat(reply.get("date").asText()).isEqualTo(ru);
        assertThat(reply.get("date_kz").asText()).isEqualTo(kk);
        assertThat(reply.get("weekday").asText()).isEqualTo(weekdayRu);
        assertThat(reply.get("weekday_kz").asText()).isEqualTo(weekdayKk);
    }

    private static void assertDateFields(JsonNode reply, int plusDays) {
        switch (plusDays) {
            case 0 -> {
                assertThat(reply.get("date").asText()).isEqualTo("29 Января");
                assertThat(reply.get("date_kz").asText()).isEqualTo("29 Қаңтар");
                assertThat(reply.get("weekday").asText()).isEqualTo("Среда");
                assertThat(reply.get("weekday_kz").asText()).isEqualTo("Сәрсенбі");
                assertThat(reply.get("day").asText()).isEqualTo("сегодня");
                assertThat(reply.get("day_kz").asText()).isEqualTo("бүгін");
            }
            case 1 -> {
                assertThat(reply.get("date").asText()).isEqualTo("30 Января");
                assertThat(reply.get("weekday").asText()).isEqualTo("Четверг");
                assertThat(reply.get("weekday_kz").asText()).isEqualTo("Бейсенбі");
                assertThat(reply.get("day").asText()).isEqualTo("завтра");
                assertThat(reply.get("day_kz").asText()).isEqualTo("ертең");
            }
            default -> {
                assertThat(reply.get("date").asText()).isEqualTo("31 Января");
                assertThat(reply.get("weekday").asText()).isEqualTo("Пятница");
                assertThat(reply.get("weekday_kz").asText()).isEqualTo("Жұма");
                assertThat(reply.has("day")).isFalse();
                assertThat(reply.has("day_kz")).isFalse();
            }
        }
    }
}
