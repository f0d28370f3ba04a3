package kz.clinicai.console.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import kz.clinicai.shared.json.Json;

/**
 * The profile form of the "Аналитика" page and its JSON for the analytics API. Only the form's own shape is checked
 * here (a number field holds a number); every rule of a profile is the API's, whose one 400 lists each problem as
 * {@code field: text} ({@link #problems}). Fields the form does not show are kept from the profile as read, so an
 * edit never drops them.
 *
 * @param criteria the criteria rows in the order sent to the API, so the API's {@code criteria[i]} is row i
 */
public record ProfileForm(String profileId, String name, boolean enabled, String uisTokenSecret, String uisTimeZone,
                          boolean directionIn, boolean directionOut, boolean answeredOnly, String minTalkSeconds,
                          String employeeIds, String virtualNumbers, String spreadsheetId, String sheetName,
                          String googleSecret, String languages, String vocabulary, List<CriterionRow> criteria,
                          boolean writeBackEnabled, boolean writeBackComment, String tagCriteria, String version) {

    /** Criterion types the analytics knows, for the editor's select (the API decides what is valid). */
    public static final List<String> TYPES = List.of("enum", "boolean", "score", "text");
    /** Empty criterion rows the editor offers below the filled ones. */
    static final int SPARE_ROWS = 2;

    /** One criterion; {@code values} one per line (enum only). */
    public record CriterionRow(String key, String title, String type, String values, String instructions) {
        boolean blank() {
            return key.isBlank() && title.isBlank() && values.isBlank() && instructions.isBlank();
        }
    }

    public static ProfileForm empty() {
        return new ProfileForm("", "", true, "", "", true, true, false, "", "", "", "", "", "", "ru", "",
                List.of(), false, true, "", "");
    }

    /** The form of a profile the API answered. */
    public static ProfileForm of(JsonNode p) {
        JsonNode calls = p.path("calls");
        List<String> directions = strings(calls.path("directions"));
        List<CriterionRow> rows = new ArrayList<>();
        for (JsonNode c : p.path("criteria")) {
            rows.add(new CriterionRow(c.path("key").asText(""), c.path("title").asText(""), c.path("type").asText(""),
                    String.join("\n", strings(c.path("values"))), c.path("instructions").asText("")));
        }
        return new ProfileForm(p.path("profileId").asText(""), p.path("name").asText(""),
                p.path("enabled").asBoolean(true), p.path("uis").path("accessTokenSecret").asText(""),
                p.path("uis").path("timeZone").asText(""),
                directions.isEmpty() || directions.contains("in"), directions.isEmpty() || directions.contains("out"),
                calls.path("answeredOnly").asBoolean(false),
                calls.has("minTalkSeconds") ? calls.path("minTalkSeconds").asText() : "",
                String.join(", ", strings(calls.path("employeeIds"))),
                String.join(", ", strings(calls.path("virtualNumbers"))),
                p.path("sheet").path("spreadsheetId").asText(""), p.path("sheet").path("sheetName").asText(""),
                p.path("sheet").path("serviceAccountSecret").asText(""),
                String.join(", ", strings(p.path("transcription").path("languages"))),
                String.join(", ", strings(p.path("transcription").path("vocabulary"))), rows,
                p.path("writeBack").path("enabled").asBoolean(false),
                p.path("writeBack").path("comment").asBoolean(true),
                String.join(", ", strings(p.path("writeBack").path("tagCriteria"))),
                p.has("version") ? p.path("version").asText() : "");
    }

    /** The form as posted: single values by name, criteria rows {@code c0.key} … (blank rows left out). */
    public static ProfileForm of(Map<String, String[]> params) {
        Function<String, String> v = n -> {
            String[] values = params.get(n);
            return values == null || values.length == 0 || values[0] == null ? "" : values[0].strip();
        };
        Function<String, Boolean> on = n -> {
            String[] values = params.get(n);
            return values != null && Arrays.asList(values).contains("true");
        };
        TreeMap<Integer, CriterionRow> rows = new TreeMap<>();
        for (String name : params.keySet()) {
            if (name.matches("c\\d{1,3}\\.key")) {
                int i = Integer.parseInt(name.substring(1, name.indexOf('.')));
                CriterionRow row = new CriterionRow(v.apply("c" + i + ".key"), v.apply("c" + i + ".title"),
                        v.apply("c" + i + ".type"), lines(v.apply("c" + i + ".values")),
                        v.apply("c" + i + ".instructions"));
                if (!row.blank()) {
                    rows.put(i, row);
                }
            }
        }
        return new ProfileForm(v.apply("profileId"), v.apply("name"), on.apply("enabled"), v.apply("uisTokenSecret"),
                v.apply("uisTimeZone"), on.apply("directionIn"), on.apply("directionOut"), on.apply("answeredOnly"),
                v.apply("minTalkSeconds"), v.apply("employeeIds"), v.apply("virtualNumbers"),
                v.apply("spreadsheetId"), v.apply("sheetName"), v.apply("googleSecret"), v.apply("languages"),
                v.apply("vocabulary"), List.copyOf(rows.values()), on.apply("writeBackEnabled"),
                on.apply("writeBackComment"), v.apply("tagCriteria"), v.apply("version"));
    }

    /** The criteria rows and {@link #SPARE_ROWS} empty ones, for the editor. */
    public List<CriterionRow> editorRows() {
        List<CriterionRow> out = new ArrayList<>(criteria);
        for (int i = 0; i < SPARE_ROWS; i++) {
            out.add(new CriterionRow("", "", "text", "", ""));
        }
        return out;
    }

    /**
     * What only the form can get wrong (text where a number goes), keyed like the API's fields; empty when the
     * form can be sent.
     */
    public Map<String, List<String>> formProblems() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        if (!minTalkSeconds.isEmpty() && !minTalkSeconds.matches("\\d{1,9}")) {
            problems.computeIfAbsent("calls.minTalkSeconds", k -> new ArrayList<>()).add("целое число секунд");
        }
        for (String id : split(employeeIds)) {
            if (!id.matches("\\d{1,18}")) {
                problems.computeIfAbsent("calls.employeeIds", k -> new ArrayList<>())
                        .add("номера сотрудников UIS через запятую, не " + id);
            }
        }
        if (!version.isEmpty() && !version.matches("\\d{1,18}")) {
            problems.computeIfAbsent("version", k -> new ArrayList<>()).add("форма устарела: откройте профиль заново");
        }
        return problems;
    }

    /**
     * The profile to send: the form's fields over {@code base} (the profile as read, or empty for a new one), so
     * fields the form does not show survive an edit. Call only when {@link #formProblems()} is empty.
     */
    public ObjectNode toJson(JsonNode base) {
        ObjectNode p = base != null && base.isObject() ? ((ObjectNode) base).deepCopy() : Json.mapper().createObjectNode();
        for (String meta : List.of("createdAt", "updatedAt", "pullError", "version")) {
            p.remove(meta);
        }
        p.put("profileId", profileId);
        p.put("name", name);
        p.put("enabled", enabled);
        ObjectNode uis = object(p, "uis");
        uis.put("accessTokenSecret", uisTokenSecret);
        if (uisTimeZone.isEmpty()) {
            uis.remove("timeZone");
        } else {
            uis.put("timeZone", uisTimeZone);
        }
        ObjectNode calls = object(p, "calls");
        ArrayNode directions = calls.putArray("directions");
        if (directionIn != directionOut) {
            directions.add(directionIn ? "in" : "out");
        }
        calls.put("answeredOnly", answeredOnly);
        if (minTalkSeconds.isEmpty()) {
            calls.remove("minTalkSeconds");
        } else {
            calls.put("minTalkSeconds", Integer.parseInt(minTalkSeconds));
        }
        ArrayNode employees = calls.putArray("employeeIds");
        split(employeeIds).forEach(id -> employees.add(Long.parseLong(id)));
        strings(calls.putArray("virtualNumbers"), split(virtualNumbers));
        ObjectNode sheet = object(p, "sheet");
        sheet.put("spreadsheetId", spreadsheetId);
        sheet.put("sheetName", sheetName);
        sheet.put("serviceAccountSecret", googleSecret);
        ObjectNode transcription = object(p, "transcription");
        strings(transcription.putArray("languages"), split(languages));
        strings(transcription.putArray("vocabulary"), split(vocabulary));
        ArrayNode rows = p.putArray("criteria");
        for (CriterionRow c : criteria) {
            ObjectNode row = rows.addObject();
            row.put("key", c.key());
            row.put("title", c.title());
            row.put("type", c.type());
            if (!c.values().isBlank()) {
                strings(row.putArray("values"), c.values().lines().toList());
            }
            row.put("instructions", c.instructions());
        }
        ObjectNode writeBack = object(p, "writeBack");
        writeBack.put("enabled", writeBackEnabled);
        writeBack.put("comment", writeBackComment);
        strings(writeBack.putArray("tagCriteria"), split(tagCriteria));
        if (!version.isEmpty()) {
            p.put("version", Long.parseLong(version));
        }
        return p;
    }

    /**
     * The API's {@code invalid_profile}/{@code unknown_secret}/{@code unknown_sheet} message ("field: text; field:
     * text") as problems per field; a part without a field prefix goes under "".
     */
    public static Map<String, List<String>> problems(String message) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String part : message.split("; ")) {
            int colon = part.indexOf(": ");
            String field = colon > 0 && part.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_.\\[\\]]*")
                    ? part.substring(0, colon) : "";
            String text = field.isEmpty() ? part : part.substring(colon + 2);
            out.computeIfAbsent(field, k -> new ArrayList<>()).add(text);
        }
        return out;
    }

    /**
     * A flat view of a profile for the audit (field → value; lists joined). Secrets appear only by name in a
     * profile, so the view holds no secret value; the stored metadata (version, times, pull state) is left out.
     */
    public static Map<String, String> flat(JsonNode profile) {
        Map<String, String> out = new TreeMap<>();
        flatten("", profile, out);
        for (String meta : List.of("version", "createdAt", "updatedAt", "pullError")) {
            out.remove(meta);
        }
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode item : node) {
                scalars &= item.isValueNode();
            }
            if (scalars) {
                out.put(path, String.join(", ", strings(node)));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(path + "[" + i + "]", node.get(i), out);
                }
            }
        } else if (!node.isNull() && !node.isMissingNode()) {
            out.put(path, node.asText());
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing != null && existing.isObject() ? (ObjectNode) existing : parent.putObject(field);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void strings(ArrayNode target, List<String> values) {
        values.forEach(target::add);
    }

    /** One value per line, each stripped, blank lines left out. */
    private static String lines(String text) {
        return String.join("\n", text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
