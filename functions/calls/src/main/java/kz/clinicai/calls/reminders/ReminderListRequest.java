package kz.clinicai.calls.reminders;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kz.clinicai.calls.api.PhoneNumbers;
import kz.clinicai.shared.http.ApiException;

/**
 * Body of {@code POST /reminders}: {@code {"clinic", "day": "YYYY-MM-DD", "entries": [{appointment_id, phone,
 * language?, patient_name?}], "webhook_url"?}}. Read whole before anything happens, and every problem is collected
 * (a clinic fixing its export wants the full list, not one error per upload); unknown fields are refused as problems
 * too.
 */
public record ReminderListRequest(String clinic, LocalDate day, List<ReminderEntry> entries, String webhookUrl) {

    public ReminderListRequest(String clinic, LocalDate day, List<ReminderEntry> entries) {
        this(clinic, day, entries, null);
    }

    public static final int MAX_ENTRIES = 10_000;
    /** Problems listed in the answer; beyond this only their number is given (a 10 001-line export of wrong phones). */
    static final int MAX_PROBLEMS_LISTED = 200;
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    /** SCHEDID: a positive integer; InfoClinica's ids fit in 18 digits. */
    static final Pattern APPOINTMENT_ID = Pattern.compile("[1-9][0-9]{0,17}");
    static final Set<String> FIELDS = Set.of("clinic", "day", "mode", "entries", "webhook_url");
    /** The call modes a list may ask for (as POST /calls takes them); absent: the deployment's default. */
    static final Set<String> MODES = Set.of("asr", "record", "realtime");
    static final Set<String> ENTRY_FIELDS = Set.of("appointment_id", "phone", "language", "patient_name");
    static final Set<String> LANGUAGES = Set.of("ru", "kk");
    static final int MAX_NAME = 100;

    /** As a deployed stack reads it: a webhook only over https to a public host. */
    public static ReminderListRequest read(JsonNode body, PhoneNumbers phones) {
        return read(body, phones, false);
    }

    /**
     * @param loopbackHttp whether {@code http://} to a loopback host is taken for the webhook (the local stack only:
     *                     its receivers are on this machine)
     * @throws InvalidReminderListException with every problem found
     */
    public static ReminderListRequest read(JsonNode body, PhoneNumbers phones, boolean loopbackHttp) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("malformed_json", "Request body must be a JSON object");
        }
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new Problem(null, name, "unknown_field",
                        "Unknown field; known: clinic, day, mode, entries, webhook_url"));
            }
        }
        String clinic = text(body, "clinic");
        if (clinic == null || !SLUG.matcher(clinic).matches()) {
            problems.add(new Problem(null, "clinic", "invalid_clinic",
                    "'clinic' must be the clinic's slug (lower-case letters, digits, dashes, at most 64)"));
        }
        LocalDate day = null;
        String dayText = text(body, "day");
        try {
            day = dayText == null ? null : LocalDate.parse(dayText);
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (day == null) {
            problems.add(new Problem(null, "day", "invalid_day", "'day' must be a date YYYY-MM-DD"));
        }
        String webhookUrl = null;
        JsonNode hook = body.get("webhook_url");
        if (hook != null && !hook.isNull()) {
            java.util.Optional<String> why = hook.isTextual() ? WebhookUrls.problem(hook.asText(), loopbackHttp)
                    : java.util.Optional.of("'webhook_url' must be a text");
            if (why.isPresent()) {
                problems.add(new Problem(null, "webhook_url", "invalid_webhook_url", why.get()));
            } else {
                webhookUrl = hook.asText();
            }
        }
        String mode = null;
        JsonNode modeNode = body.get("mode");
        if (modeNode != null && !modeNode.isNull()) {
            if (!modeNode.isTextual() || !MODES.contains(modeNode.asText())) {
                problems.add(new Problem(null, "mode", "invalid_mode", "'mode' must be asr, record or realtime"));
            } else {
                mode = modeNode.asText();
            }
        }
        JsonNode list = body.get("entries");
        List<ReminderEntry> entries = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new Problem(null, "entries", "invalid_entries", "'entries' must be a non-empty array"));
        } else {
            if (list.size() > MAX_ENTRIES) {
                problems.add(new Problem(null, "entries", "too_many_entries", "At most " + MAX_ENTRIES
                        + " entries per list; this one has " + list.size() + " (split it)"));
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                ReminderEntry entry = entry(i, list.get(i), phones, problems, mode);
                String id = list.get(i).isObject() ? appointmentId(list.get(i).get("appointment_id")) : null;
                Integer first = id == null ? null : seen.putIfAbsent(id, i);
                if (first != null) {
                    problems.add(new Problem(i, "appointment_id", "duplicate_appointment",
                            "appointment " + id + " is also entry " + first));
                } else if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidReminderListException(problems);
        }
        return new ReminderListRequest(clinic, day, List.copyOf(entries), webhookUrl);
    }

    private static ReminderEntry entry(int i, JsonNode node, PhoneNumbers phones, List<Problem> problems,
                                       String mode) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem(i, null, "invalid_entry", "each entry must be an object"));
            return null;
        }
        int before = problems.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENTRY_FIELDS.contains(name)) {
                problems.add(new Problem(i, name, "unknown_field", "Unknown field; known: " + ENTRY_FIELDS));
            }
        }
        String id = appointmentId(node.get("appointment_id"));
        if (id == null) {
            problems.add(new Problem(i, "appointment_id", "invalid_appointment_id",
                    "'appointment_id' must be InfoClinica's SCHEDID (a positive whole number)"));
        }
        PhoneNumbers.Parsed phone = null;
        JsonNode phoneNode = node.get("phone");
        if (phoneNode == null || !phoneNode.isTextual()) {
            problems.add(new Problem(i, "phone", "invalid_phone", "'phone' is required (E.164, e.g. +77011234567)"));
        } else {
            try {
                phone = phones.parse(phoneNode.asText());
            } catch (ApiException e) {
                problems.add(new Problem(i, "phone", "invalid_phone", e.getMessage()));
            }
        }
        String language = "ru";
        JsonNode lang = node.get("language");
        if (lang != null && !lang.isNull()) {
            if (!lang.isTextual() || !LANGUAGES.contains(lang.asText())) {
                problems.add(new Problem(i, "language", "invalid_language", "'language' must be ru or kk"));
            } else {
                language = lang.asText();
            }
        }
        String name = null;
        JsonNode nameNode = node.get("patient_name");
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual() || nameNode.asText().isBlank() || nameNode.asText().length() > MAX_NAME) {
                problems.add(new Problem(i, "patient_name", "invalid_patient_name",
                        "'patient_name' must be a text of 1-" + MAX_NAME + " characters"));
            } else {
                name = nameNode.asText().strip();
            }
        }
        return problems.size() > before ? null
                : new ReminderEntry(i, id, phone.e164(), phone.region(), language, name, mode);
    }

    /** The SCHEDID as digits (number or digit string, as the voicebot takes it), or null when it is none. */
    private static String appointmentId(JsonNode idNode) {
        String id = idNode == null ? null : idNode.isIntegralNumber() ? idNode.asText()
                : idNode.isTextual() ? idNode.asText().trim() : null;
        return id != null && APPOINTMENT_ID.matcher(id).matches() ? id : null;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
