package kz.clinicai.console.calls;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A reminder list as a clinic exports it from a spreadsheet: a header {@code appointment_id,phone,language,
 * patient_name} (columns in any order; language and patient_name may be left out), one appointment a line, UTF-8 with
 * or without a BOM, {@code ;} or {@code ,} between fields (Excel in the ru locale writes {@code ;}), fields quoted as
 * RFC 4180 says ({@code "Иванова, Анна"}, {@code ""} for a quote). Blank lines are skipped; each row keeps the number
 * of the line it starts on, so the API's problems (by entry) are shown against the clinic's own line.
 *
 * <p>Only the file's shape is judged here; what an appointment id or a phone must be is the calls API's decision
 * (its problems name each one), so there is no second copy of those rules in the console.
 */
public final class ReminderCsv {

    /** 10 000 entries with long names fit in well under this; the request stays far below Lambda's 6 MB. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    static final Set<String> COLUMNS = Set.of("appointment_id", "phone", "language", "patient_name");
    static final Set<String> REQUIRED = Set.of("appointment_id", "phone");
    /** CSV problems listed; a file that is not a reminder list at all would otherwise list every line. */
    static final int MAX_PROBLEMS = 50;

    /** One appointment: the line it is on (1 = the header) and its fields, as the API takes them. */
    public record Row(int line, Map<String, String> fields) {
    }

    /** The rows, or the problems that kept the file from being read (then nothing is sent). */
    public record Parsed(List<Row> rows, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** The line of entry {@code index} (0-based, as the API numbers entries). */
        public int lineOf(int index) {
            return index >= 0 && index < rows.size() ? rows.get(index).line() : index + 2;
        }

        /** The body of {@code POST /reminders}: empty optional fields are left out (the API's defaults apply). */
        public Map<String, Object> body(String clinic, String day) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("clinic", clinic);
            body.put("day", day);
            body.put("entries", rows.stream().map(r -> {
                Map<String, Object> e = new LinkedHashMap<>();
                r.fields().forEach((k, v) -> {
                    if (!v.isEmpty() || REQUIRED.contains(k)) {
                        e.put(k, v);
                    }
                });
                return e;
            }).toList());
            return body;
        }
    }

    private ReminderCsv() {
    }

    public static Parsed parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return failed("Файл пустой");
        }
        if (bytes.length > MAX_BYTES) {
            return failed("Файл больше " + MAX_BYTES / 1024 / 1024 + " МБ: разделите список");
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            // A zip: what Excel (.xlsx) and LibreOffice (.ods) save by default.
            return failed("Это файл Excel/ODS, а нужен CSV: «Файл → Сохранить как → CSV UTF-8 (разделитель — запятая)»"
                    + " или «CSV (разделители — точка с запятой)»");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failed("Файл не в кодировке UTF-8 (или не CSV): в Excel сохраните его как «CSV UTF-8»");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            return failed("Это не CSV-файл (в нём двоичные данные)");
        }
        if (text.isBlank()) {
            return failed("Файл пустой");
        }
        char separator = separator(text);
        List<Record> records;
        try {
            records = records(text, separator);
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        if (records.isEmpty()) {
            return failed("Файл пустой");
        }
        Record header = records.get(0);
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String raw : header.fields()) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                problems.add("Строка " + header.line() + ": неизвестный столбец «" + raw.strip()
                        + "»; нужен заголовок appointment_id" + separator + "phone" + separator + "language"
                        + separator + "patient_name");
            } else if (names.contains(name)) {
                problems.add("Строка " + header.line() + ": столбец " + name + " повторяется");
            }
            names.add(name);
        }
        for (String required : List.of("appointment_id", "phone")) {
            if (!names.contains(required)) {
                problems.add("Строка " + header.line() + ": нет столбца " + required);
            }
        }
        if (!problems.isEmpty()) {
            return new Parsed(List.of(), List.copyOf(problems));
        }
        List<Row> rows = new ArrayList<>();
        for (Record r : records.subList(1, records.size())) {
            if (r.fields().size() > names.size() && !r.fields().subList(names.size(), r.fields().size()).stream()
                    .allMatch(String::isBlank)) {
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add("Строка " + r.line() + ": полей " + r.fields().size() + ", а столбцов в заголовке "
                            + names.size());
                }
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                // A row cut short (trailing empty cells left out) has its missing fields empty.
                fields.put(names.get(i), i < r.fields().size() ? r.fields().get(i).strip() : "");
            }
            rows.add(new Row(r.line(), fields));
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("В файле только заголовок: нет ни одной записи");
        }
        return new Parsed(problems.isEmpty() ? List.copyOf(rows) : List.of(), List.copyOf(problems));
    }

    private static Parsed failed(String problem) {
        return new Parsed(List.of(), List.of(problem));
    }

    /** The header line's separator outside quotes: {@code ;} when it has more of those than commas. */
    static char separator(String text) {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (semicolons + commas > 0) {
                    break;
                }
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private record Record(int line, List<String> fields) {
    }

    /** RFC 4180 records (CRLF, LF or CR line ends), blank lines left out; a quote left open is an error. */
    private static List<Record> records(String text, char separator) {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                add(out, start, fields);
                fields = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                line++;
                start = line;
            } else {
                // Text after a closing quote ("a"b) is kept as Excel keeps it, not a reason to refuse the line.
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("Строка " + start + ": кавычка открыта и не закрыта до конца файла");
        }
        if (!fields.isEmpty() || !field.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            add(out, start, fields);
        }
        return out;
    }

    private static void add(List<Record> out, int line, List<String> fields) {
        if (fields.stream().allMatch(String::isBlank)) {
            return; // a blank line, or one of empty cells only (";;;" as Excel leaves below a table)
        }
        out.add(new Record(line, List.copyOf(fields)));
    }
}
