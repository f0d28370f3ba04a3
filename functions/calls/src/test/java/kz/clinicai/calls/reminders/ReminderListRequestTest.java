package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import kz.clinicai.calls.api.PhoneNumbers;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class ReminderListRequestTest {

    static final PhoneNumbers PHONES = new PhoneNumbers("KZ", Map.of("KZ", ZoneId.of("Asia/Almaty")),
            ZoneId.of("Asia/Almaty"));

    static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void aGoodListIsReadWithPhonesInE164AndDefaults() throws Exception {
        ReminderListRequest r = ReminderListRequest.read(json("""
                {"clinic":"infoclinica-clinic","day":"2026-12-08","entries":[
                  {"appointment_id":123456,"phone":"+7 701 555 12 34","patient_name":"Анна Петровна"},
                  {"appointment_id":"123457","phone":"87015551235","language":"kk"}]}"""), PHONES);
        assertThat(r.clinic()).isEqualTo("infoclinica-clinic");
        assertThat(r.day()).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(r.entries()).extracting(ReminderEntry::appointmentId, ReminderEntry::phone, ReminderEntry::language)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("123456", "+77015551234", "ru"),
                        org.assertj.core.groups.Tuple.tuple("123457", "+77015551235", "kk"));
        assertThat(r.entries().get(0).patientName()).isEqualTo("Анна Петровна");
    }

    @Test
    void aListMayAskForItsCallsMode() throws Exception {
        ReminderListRequest r = ReminderListRequest.read(json("""
                {"clinic":"infoclinica-clinic","day":"2026-12-08","mode":"realtime","entries":[
                  {"appointment_id":123456,"phone":"+7 701 555 12 34"}]}"""), PHONES);
        assertThat(r.entries()).extracting(ReminderEntry::mode).containsExactly("realtime");
        assertThat(ReminderListRequest.read(json("""
                {"clinic":"infoclinica-clinic","day":"2026-12-08","entries":[
                  {"appointment_id":123456,"phone":"+7 701 555 12 34"}]}"""), PHONES).entries().get(0).mode())
                .as("absent: the deployment's default").isNull();
        InvalidReminderListException e = catchThrowableOfType(InvalidReminderListException.class,
                () -> ReminderListRequest.read(json("""
                {"clinic":"infoclinica-clinic","day":"2026-12-08","mode":"video","entries":[
                  {"appointment_id":123456,"phone":"+7 701 555 12 34"}]}"""), PHONES));
        assertThat(e.problems()).extracting(Problem::field, Problem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mode", "invalid_mode"));
    }

    @Test
    void everyProblemIsNamedAtOnce() throws Exception {
        InvalidReminderListException e = catchThrowableOfType(InvalidReminderListException.class,
                () -> ReminderListRequest.read(json("""
                {"clinic":"Bad Slug","day":"08.12.2026","extra":1,"entries":[
                  {"appointment_id":1,"phone":"+7 701 555 12 34"},
                  {"appointment_id":2,"phone":"12"},
                  {"appointment_id":1,"phone":"+77015551236","language":"en"},
                  {"appointment_id":"x","phone":"+77015551237","nick":"a"}]}"""), PHONES));
        assertThat(e.problems()).extracting(Problem::entry, Problem::field, Problem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(null, "extra", "unknown_field"),
                org.assertj.core.groups.Tuple.tuple(null, "clinic", "invalid_clinic"),
                org.assertj.core.groups.Tuple.tuple(null, "day", "invalid_day"),
                org.assertj.core.groups.Tuple.tuple(1, "phone", "invalid_phone"),
                org.assertj.core.groups.Tuple.tuple(2, "language", "invalid_language"),
                org.assertj.core.groups.Tuple.tuple(2, "appointment_id", "duplicate_appointment"),
                org.assertj.core.groups.Tuple.tuple(3, "nick", "unknown_field"),
                org.assertj.core.groups.Tuple.tuple(3, "appointment_id", "invalid_appointment_id"));
        assertThat(e.problems()).filteredOn(p -> "duplicate_appointment".equals(p.code())).first()
                .extracting(Problem::message).asString().contains("entry 0");
    }

    @Test
    void tenThousandAndOneEntriesAreRefusedByCount() {
        ObjectNode body = Json.mapper().createObjectNode().put("clinic", "c").put("day", "2026-12-08");
        ArrayNode list = body.putArray("entries");
        for (int i = 0; i < ReminderListRequest.MAX_ENTRIES + 1; i++) {
            list.addObject().put("appointment_id", 100000 + i).put("phone", String.format("+7701%07d", i));
        }
        InvalidReminderListException e = catchThrowableOfType(InvalidReminderListException.class,
                () -> ReminderListRequest.read(body, PHONES));
        assertThat(e.problems()).extracting(Problem::code).contains("too_many_entries");
        assertThat(e.problems()).filteredOn(p -> "too_many_entries".equals(p.code())).first()
                .extracting(Problem::message).asString().contains("10001");
    }

    @Test
    void anEmptyListIsAProblem() {
        InvalidReminderListException e = catchThrowableOfType(InvalidReminderListException.class,
                () -> ReminderListRequest.read(json("{\"clinic\":\"c\",\"day\":\"2026-12-08\",\"entries\":[]}"),
                        PHONES));
        assertThat(e.problems()).extracting(Problem::code).containsExactly("invalid_entries");
    }
}
