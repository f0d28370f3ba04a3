package kz.clinicai.console.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReminderCsvTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void excelInTheRuLocaleWritesSemicolonsCrLfAndABom() {
        ReminderCsv.Parsed p = ReminderCsv.parse(utf8("\uFEFFappointment_id;phone;language;patient_name\r\n"
                + "123456;+7 701 555 12 34;ru;Анна Петровна\r\n"
                + "123458;8 701 555 12 35;kk;Әсел Нұрланқызы\r\n"));
        assertThat(p.problems()).isEmpty();
        assertThat(p.rows()).extracting(ReminderCsv.Row::line).containsExactly(2, 3);
        assertThat(p.rows().get(0).fields()).containsExactly(Map.entry("appointment_id", "123456"),
                Map.entry("phone", "+7 701 555 12 34"), Map.entry("language", "ru"),
                Map.entry("patient_name", "Анна Петровна"));
        assertThat(p.rows().get(1).fields().get("patient_name")).isEqualTo("Әсел Нұрланқызы");
    }

    @Test
    void commasWithQuotedFieldsThatHoldCommasQuotesAndLineBreaks() {
        ReminderCsv.Parsed p = ReminderCsv.parse(utf8("appointment_id,phone,language,patient_name\n"
                + "1,+77015551234,ru,\"Иванова, Анна\"\n"
                + "2,+77015551235,,\"Айгүл \"\"Айка\"\" Серікқызы\"\n"
                + "3,+77015551236,ru,\"две\nстроки\"\n"
                + "4,+77015551237,ru,Ли\n"));
        assertThat(p.problems()).isEmpty();
        assertThat(p.rows()).extracting(r -> r.fields().get("patient_name"))
                .containsExactly("Иванова, Анна", "Айгүл \"Айка\" Серікқызы", "две\nстроки", "Ли");
        assertThat(p.rows()).extracting(ReminderCsv.Row::line).as("a row starts where its first line is")
                .containsExactly(2, 3, 4, 6);
    }

    @Test
    void aSemicolonFileWhoseNamesHoldCommasIsStillSemicolonSeparated() {
        ReminderCsv.Parsed p = ReminderCsv.parse(utf8("appointment_id;phone;patient_name\n7;+77015551234;Иванова, Анна"));
        assertThat(p.problems()).isEmpty();
        assertThat(p.rows().get(0).fields().get("patient_name")).isEqualTo("Иванова, Анна");
    }

    @Test
    void blankLinesAreSkippedAndEachRowKeepsItsOwnLineNumber() {
        ReminderCsv.Parsed p = ReminderCsv.parse(utf8("\n\nphone;appointment_id\n\n+77015551234;1\n;\n  \n"
                + "+77015551235;2"));
        assertThat(p.problems()).isEmpty();
        assertThat(p.rows()).extracting(ReminderCsv.Row::line).containsExactly(5, 8);
        assertThat(p.lineOf(1)).isEqualTo(8);
        assertThat(p.rows().get(1).fields()).containsExactly(Map.entry("phone", "+77015551235"),
                Map.entry("appointment_id", "2"));
        assertThat(p.body("clinic-a", "2026-12-08")).isEqualTo(Map.of("clinic", "clinic-a", "day", "2026-12-08",
                "entries", List.of(Map.of("phone", "+77015551234", "appointment_id", "1"),
                        Map.of("phone", "+77015551235", "appointment_id", "2"))));
    }

    @Test
    void emptyOptionalFieldsAreLeftOutAndEmptyRequiredOnesAreSentForTheApiToName() {
        ReminderCsv.Parsed p = ReminderCsv.parse(utf8("appointment_id;phone;language;patient_name\n;+77015551234;;\n"));
        assertThat(p.problems()).isEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) p.body("c", "d").get("entries");
        assertThat(entries).containsExactly(Map.of("appointment_id", "", "phone", "+77015551234"));
    }

    @Test
    void aWrongHeaderIsNamedAndNothingIsRead() {
        ReminderCsv.Parsed p = ReminderCsv.parse(utf8("id;телефон;language\n1;+77015551234;ru\n"));
        assertThat(p.ok()).isFalse();
        assertThat(p.rows()).isEmpty();
        assertThat(p.problems()).anyMatch(s -> s.contains("«id»")).anyMatch(s -> s.contains("«телефон»"))
                .anyMatch(s -> s.contains("нет столбца appointment_id")).anyMatch(s -> s.contains("нет столбца phone"));
        assertThat(ReminderCsv.parse(utf8("appointment_id,phone,phone\n1,2,3")).problems())
                .containsExactly("Строка 1: столбец phone повторяется");
    }

    @Test
    void emptyHeaderOnlyBinaryAndNonUtf8FilesGetAClearMessage() {
        assertThat(ReminderCsv.parse(new byte[0]).problems()).containsExactly("Файл пустой");
        assertThat(ReminderCsv.parse(utf8("\uFEFF \r\n\r\n")).problems()).containsExactly("Файл пустой");
        assertThat(ReminderCsv.parse(utf8("appointment_id;phone\r\n")).problems())
                .containsExactly("В файле только заголовок: нет ни одной записи");
        assertThat(ReminderCsv.parse(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}).problems().get(0))
                .contains("UTF-8");
        assertThat(ReminderCsv.parse(utf8("appointment_id;phone\n1;\0\0")).problems().get(0)).contains("не CSV");
        byte[] cp1251 = "appointment_id;phone;patient_name\n1;+77015551234;Анна".getBytes(Charset.forName("windows-1251"));
        assertThat(ReminderCsv.parse(cp1251).problems().get(0)).contains("CSV UTF-8");
        assertThat(ReminderCsv.parse(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}).problems().get(0))
                .contains("Excel").contains("CSV UTF-8");
        assertThat(ReminderCsv.parse(new byte[ReminderCsv.MAX_BYTES + 1]).problems().get(0)).contains("больше 2 МБ");
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsNamedByItsLineAndAnOpenQuoteToo() {
        ReminderCsv.Parsed p = ReminderCsv.parse(utf8("appointment_id;phone\n1;+77015551234\n2;+77015551235;лишнее\n"
                + "3;+77015551236;;\n"));
        assertThat(p.problems()).containsExactly("Строка 3: полей 3, а столбцов в заголовке 2");
        assertThat(p.rows()).as("nothing is sent while any line is wrong").isEmpty();
        assertThat(ReminderCsv.parse(utf8("appointment_id;phone;patient_name\n1;+77015551234;\"Анна\n")).problems())
                .containsExactly("Строка 2: кавычка открыта и не закрыта до конца файла");
    }
}
