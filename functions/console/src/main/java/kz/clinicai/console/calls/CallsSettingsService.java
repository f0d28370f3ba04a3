package kz.clinicai.console.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kz.clinicai.console.audit.AuditLog;

/**
 * The "Звонки" page's changes: each goes to the calls API (whose validation decides) and, once it answered yes, into
 * the audit (kind {@code calls-settings}, one item {@code calls}: the settings and the do-not-call list) with what
 * changed. Nothing is validated here beyond splitting the import's text into numbers.
 */
public final class CallsSettingsService {

    public static final String AUDIT_KIND = "calls-settings";
    public static final String AUDIT_ID = "calls";
    /** The settings' fields in the API and the page's names for them. */
    static final Map<String, String> LABELS = Map.of(
            "operator_phone", "Телефон оператора",
            "calling_hours", "Часы звонков",
            "retry_interval_seconds", "Интервал между попытками",
            "max_attempts", "Попыток на звонок",
            "phones", "Номера",
            "note", "Примечание");
    private static final Pattern SEPARATORS = Pattern.compile("[\\n\\r,;]+");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

    private final CallsApiClient api;
    private final AuditLog audit;

    public CallsSettingsService(CallsApiClient api, AuditLog audit) {
        this.api = api;
        this.audit = audit;
    }

    public CallsApiClient api() {
        return api;
    }

    public List<AuditLog.Entry> history(int limit) {
        return audit.history(AUDIT_KIND, AUDIT_ID, limit);
    }

    /**
     * Saves the form (a blank field = unset, its default applies); numbers that do not look like numbers are sent as
     * they are typed, so the API's own message names them. Throws {@link CallsApiClient.Refused} with each problem.
     */
    public JsonNode saveSettings(String operatorPhone, String callingHours, String retryIntervalSeconds,
                                 String maxAttempts, String actor) {
        Map<String, String> before = stored(api.settings());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operator_phone", blankToNull(operatorPhone));
        body.put("calling_hours", blankToNull(callingHours));
        body.put("retry_interval_seconds", number(retryIntervalSeconds));
        body.put("max_attempts", number(maxAttempts));
        JsonNode saved = api.saveSettings(body);
        List<AuditLog.Change> changes = AuditLog.changes(before, stored(saved));
        audit.record(AUDIT_KIND, AUDIT_ID, actor, "settings updated", changes);
        return saved;
    }

    /** Puts every number of {@code text} (one a line, or separated by commas/semicolons) on the list. */
    public List<String> addNumbers(String text, String note, String actor) {
        List<String> phones = Arrays.stream(SEPARATORS.split(text == null ? "" : text)).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        JsonNode added = api.addToDoNotCallList(phones, note);
        List<String> numbers = new ArrayList<>();
        added.path("added").forEach(n -> numbers.add(n.asText()));
        List<AuditLog.Change> changes = new ArrayList<>();
        for (String n : numbers) {
            changes.add(new AuditLog.Change("do-not-call " + n, null, note == null || note.isBlank()
                    ? "в списке" : "в списке (" + note.strip() + ")"));
        }
        audit.record(AUDIT_KIND, AUDIT_ID, actor, numbers.size() == 1 ? "do-not-call added" : "do-not-call imported",
                changes);
        return numbers;
    }

    public void removeNumber(String phone, String actor) {
        api.removeFromDoNotCallList(phone.strip());
        audit.record(AUDIT_KIND, AUDIT_ID, actor, "do-not-call removed",
                List.of(new AuditLog.Change("do-not-call " + phone.strip(), "в списке", null)));
    }

    /** The page's name for an API field ({@code phones[2]} → "Номер 3"). */
    public static String label(String field) {
        if (field.startsWith("phones[") && field.endsWith("]")) {
            try {
                return "Номер " + (Integer.parseInt(field.substring(7, field.length() - 1)) + 1);
            } catch (NumberFormatException e) {
                return field;
            }
        }
        return LABELS.getOrDefault(field, field);
    }

    /** What is set (not the defaults), as flat strings for the audit. */
    static Map<String, String> stored(JsonNode view) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode stored = view.path("stored");
        for (String field : List.of("operator_phone", "calling_hours", "retry_interval_seconds", "max_attempts")) {
            JsonNode v = stored.get(field);
            if (v != null && !v.isNull()) {
                out.put(field, v.asText());
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Object number(String s) {
        String v = blankToNull(s);
        if (v == null) {
            return null;
        }
        return WHOLE.matcher(v).matches() ? (Object) Long.parseLong(v) : v;
    }
}
