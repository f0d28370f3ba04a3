package kz.clinicai.calls.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.clinicai.calls.call.DoNotCallEntry;
import kz.clinicai.calls.call.StoredSettings;
import kz.clinicai.calls.settings.LiveSettings;
import kz.clinicai.calls.settings.RuntimeSettings;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.phone.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings the console changes at run time ({@code GET/PUT /calls/settings}) and the do-not-call list
 * ({@code GET/POST /calls/do-not-call}, {@code DELETE /calls/do-not-call/{phone}}). The one validation of both: a
 * request with problems answers 400 {@code invalid_settings}/{@code invalid_phones} naming each problem in
 * {@code problems[{field, message}]}, and stores nothing.
 */
final class SettingsApi {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsApi.class);
    static final int MIN_RETRY_SECONDS = 60;
    static final int MAX_RETRY_SECONDS = 86_400;
    static final int MAX_ATTEMPTS = 10;
    static final int MAX_IMPORT = 500;
    static final int MAX_NOTE = 200;
    static final int MAX_LIST = 1000;
    private static final Set<String> SETTINGS_FIELDS = Set.of("operator_phone", "calling_hours",
            "retry_interval_seconds", "max_attempts");
    private static final Set<String> IMPORT_FIELDS = Set.of("phones", "note");

    /** One problem of a request: the field it is in, what is wrong. */
    record Problem(String field, String message) {
    }

    /** A 400 that names every problem. */
    static final class InvalidRequest extends RuntimeException {
        final String code;
        final List<Problem> problems;

        InvalidRequest(String code, List<Problem> problems) {
            super(String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
            this.code = code;
            this.problems = List.copyOf(problems);
        }

        Map<String, Object> body() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", code);
            out.put("message", getMessage());
            out.put("problems", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
            return out;
        }
    }

    private final CallsService service;

    SettingsApi(CallsService service) {
        this.service = service;
    }

    Map<String, Object> settings() {
        return view(service.live().stored());
    }

    /**
     * Replaces the stored settings: a field absent or null is unset (its template default applies);
     * {@code "operator_phone": ""} means no operator.
     */
    Map<String, Object> put(JsonNode body) {
        StoredSettings next = readSettings(body);
        StoredSettings saved = service.live().save(next);
        LOG.info("Calls settings saved: operator {}, hours {}, retry {} s, attempts {}",
                saved.operatorPhone() == null ? "(default)" : PhoneMasking.mask(saved.operatorPhone()),
                saved.callingHours(), saved.retryIntervalSeconds(), saved.maxAttempts());
        return view(saved);
    }

    StoredSettings readSettings(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequest("invalid_settings", List.of(new Problem("body", "must be a JSON object")));
        }
        List<Problem> problems = new ArrayList<>();
        unknownFields(body, SETTINGS_FIELDS, problems);
        String phone = null;
        JsonNode p = body.get("operator_phone");
        if (p != null && !p.isNull()) {
            if (!p.isTextual()) {
                problems.add(new Problem("operator_phone", "must be a string (E.164, e.g. +77011234567) or \"\""));
            } else if (p.asText().isBlank()) {
                phone = "";
            } else {
                phone = phone("operator_phone", p.asText(), problems);
            }
        }
        String hours = null;
        JsonNode h = body.get("calling_hours");
        if (h != null && !h.isNull()) {
            if (!h.isTextual()) {
                problems.add(new Problem("calling_hours", "must be a string like 09:00-21:00"));
            } else {
                try {
                    CallingHours parsed = CallingHours.parse(h.asText());
                    hours = parsed.from() + "-" + parsed.to();
                } catch (RuntimeException e) {
                    problems.add(new Problem("calling_hours",
                            "must be HH:MM-HH:MM with the start before the end, e.g. 09:00-21:00"));
                }
            }
        }
        Integer retry = whole(body, "retry_interval_seconds", MIN_RETRY_SECONDS, MAX_RETRY_SECONDS, problems);
        Integer attempts = whole(body, "max_attempts", 1, MAX_ATTEMPTS, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest("invalid_settings", problems);
        }
        return new StoredSettings(phone, hours, retry, attempts, null);
    }

    Map<String, Object> doNotCallList(Optional<String> limit) {
        int n;
        try {
            n = limit.map(Integer::parseInt).orElse(MAX_LIST);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIST) {
            throw ApiException.badRequest("invalid_limit", "'limit' must be a number 1-" + MAX_LIST);
        }
        List<DoNotCallEntry> entries = service.repository().doNotCallList(n);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DoNotCallEntry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phone", e.phone());
            row.put("added_at", e.addedAt());
            row.put("note", e.note());
            rows.add(row);
        }
        return Map.of("numbers", rows, "count", rows.size());
    }

    /** {@code {"phones": ["+7 701 …", …], "note": "…"}}: every number valid, or nothing is added. */
    Map<String, Object> add(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequest("invalid_phones", List.of(new Problem("body", "must be a JSON object")));
        }
        List<Problem> problems = new ArrayList<>();
        unknownFields(body, IMPORT_FIELDS, problems);
        List<String> phones = new ArrayList<>();
        JsonNode list = body.get("phones");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new Problem("phones", "must be a non-empty list of phone numbers"));
        } else if (list.size() > MAX_IMPORT) {
            problems.add(new Problem("phones", "at most " + MAX_IMPORT + " numbers per request"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String field = "phones[" + i + "]";
                if (!item.isTextual()) {
                    problems.add(new Problem(field, "must be a string"));
                    continue;
                }
                String e164 = phone(field, item.asText(), problems);
                if (e164 != null && !phones.contains(e164)) {
                    phones.add(e164);
                }
            }
        }
        String note = null;
        JsonNode n = body.get("note");
        if (n != null && !n.isNull()) {
            if (!n.isTextual() || n.asText().length() > MAX_NOTE) {
                problems.add(new Problem("note", "must be a string of at most " + MAX_NOTE + " characters"));
            } else {
                note = n.asText().strip();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest("invalid_phones", problems);
        }
        service.repository().addToDoNotCallList(phones, note);
        LOG.info("{} number(s) put on the do-not-call list", phones.size());
        return Map.of("added", phones, "count", phones.size());
    }

    /** The path carries the number with its '+' (or percent-encoded as %2B). */
    void remove(String raw) {
        List<Problem> problems = new ArrayList<>();
        String e164 = phone("phone", raw.replace("%2B", "+").replace("%2b", "+").replace("%20", ""), problems);
        if (e164 == null) {
            throw new InvalidRequest("invalid_phones", problems);
        }
        if (!service.repository().removeFromDoNotCallList(e164)) {
            throw ApiException.notFound("not_on_list", "This number is not on the do-not-call list");
        }
        LOG.info("{} taken off the do-not-call list", PhoneMasking.mask(e164));
    }

    private Map<String, Object> view(StoredSettings stored) {
        RuntimeSettings defaults = service.live().defaults();
        RuntimeSettings effective = LiveSettings.merge(defaults, stored);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", flat(effective));
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("operator_phone", stored.operatorPhone());
        set.put("calling_hours", stored.callingHours());
        set.put("retry_interval_seconds", stored.retryIntervalSeconds());
        set.put("max_attempts", stored.maxAttempts());
        out.put("stored", set);
        out.put("defaults", flat(defaults));
        out.put("updated_at", stored.updatedAt());
        out.put("cache_seconds", LiveSettings.TTL.toSeconds());
        return out;
    }

    private static Map<String, Object> flat(RuntimeSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operator_phone", s.operatorPhone());
        out.put("calling_hours", s.hours().from() + "-" + s.hours().to());
        out.put("retry_interval_seconds", s.retryInterval().toSeconds());
        out.put("max_attempts", s.maxAttempts());
        return out;
    }

    private String phone(String field, String raw, List<Problem> problems) {
        try {
            return service.phones().parse(raw).e164();
        } catch (ApiException e) {
            problems.add(new Problem(field, "'" + shorten(raw) + "': " + e.getMessage()));
            return null;
        }
    }

    private static String shorten(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }

    private static Integer whole(JsonNode body, String field, int min, int max, List<Problem> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problems.add(new Problem(field, "must be a whole number " + min + "-" + max));
            return null;
        }
        return v.asInt();
    }

    private static void unknownFields(JsonNode body, Set<String> known, List<Problem> problems) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                problems.add(new Problem(name, "unknown field"));
            }
        }
    }
}
