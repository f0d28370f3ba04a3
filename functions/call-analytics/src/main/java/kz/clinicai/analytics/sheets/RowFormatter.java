package kz.clinicai.analytics.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.profile.Criterion;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.SheetColumnsTitles;
import kz.clinicai.analytics.uis.UisClient;
import kz.clinicai.shared.json.Json;

/**
 * One call as one row, cell by header title: the columns the sheet has, in its order (a criterion added later has
 * its columns at the right; a column a person added stays empty). Text is written RAW (never a formula); cells are
 * held to Google's 50 000 characters with a visible marker; phone numbers carry their "+" and stay text.
 */
final class RowFormatter {

    /** Google refuses a cell over 50 000 characters. */
    static final int MAX_CELL = 50_000;
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final URI recordingsBaseUrl;

    RowFormatter(URI recordingsBaseUrl) {
        this.recordingsBaseUrl = recordingsBaseUrl;
    }

    /** The header a profile wants: the fixed columns, the criteria (value + evidence), status columns. */
    static List<String> columns(Profile profile) {
        List<String> out = new ArrayList<>(SheetColumnsTitles.LEADING);
        out.addAll(criterionColumns(profile));
        out.addAll(SheetColumnsTitles.TRAILING);
        return out;
    }

    static List<String> criterionColumns(Profile profile) {
        List<String> out = new ArrayList<>();
        for (Criterion c : profile.criteria()) {
            out.add(c.title().strip());
            out.add(c.title().strip() + SheetColumnsTitles.EVIDENCE_SUFFIX);
        }
        return out;
    }

    /** @param transcript the call's transcript ("" if none) */
    List<Object> row(Profile profile, List<String> header, CallRecord call, String transcript) {
        JsonNode analysis = Json.mapper().createObjectNode();
        if (call.analysis() != null) {
            try {
                analysis = Json.mapper().readTree(call.analysis());
            } catch (java.io.IOException ignored) {
                // Stored only after validation; unreadable would be a bug, shown as empty cells.
            }
        }
        Map<String, Criterion> byTitle = new java.util.HashMap<>();
        profile.criteria().forEach(c -> byTitle.put(c.title().strip(), c));
        ZoneId zone = profile.uis() == null ? ZoneId.of("Asia/Almaty")
                : profile.uis().zone().map(ZoneId::of).orElse(ZoneId.of("Asia/Almaty"));
        List<Object> row = new ArrayList<>(header.size());
        for (String title : header) {
            row.add(cell(title, call, transcript, analysis, byTitle, zone));
        }
        // No trailing nulls: the API writes "" for null anyway, and the row stays as short as its data.
        while (!row.isEmpty() && "".equals(row.getLast())) {
            row.removeLast();
        }
        return row;
    }

    private Object cell(String title, CallRecord call, String transcript, JsonNode analysis,
                        Map<String, Criterion> byTitle, ZoneId zone) {
        var c = call.call();
        switch (title) {
            case SheetColumnsTitles.CALL_ID:
                return String.valueOf(call.callId());
            case "Дата и время":
                return c.startTime();
            case "Направление":
                return switch (c.direction()) {
                    case "in" -> "входящий";
                    case "out" -> "исходящий";
                    default -> c.direction();
                };
            case "Номер клиента":
                return phone(c.contactPhone());
            case "Номер приёма":
                return phone(c.virtualPhone());
            case "Сотрудник":
                return c.employeeNames();
            case "Длительность разговора, с":
                return c.talkSeconds();
            case "Запись":
                return String.join("\n", c.records().stream().map(h -> UisClient.recordingUrl(recordingsBaseUrl, "talk",
                        c.communicationId(), h).toString()).toList());
            case "Транскрипт":
                return cut(transcript);
            case "Резюме":
                return cut(analysis.path("summary").asText(""));
            case "Статус":
                return call.status().sheetText();
            case "Причина":
                return cut(call.reason() == null ? "" : call.reason());
            case "Дата обработки":
                return call.processedAt() == null ? "" : LOCAL.format(Instant.parse(call.processedAt()).atZone(zone));
            default:
                break;
        }
        if (title.endsWith(SheetColumnsTitles.EVIDENCE_SUFFIX)) {
            Criterion criterion = byTitle.get(title.substring(0, title.length() - SheetColumnsTitles.EVIDENCE_SUFFIX.length()));
            if (criterion != null) {
                return cut(analysis.path("criteria").path(criterion.key()).path("evidence").asText(""));
            }
        }
        Criterion criterion = byTitle.get(title);
        if (criterion == null) {
            return "";
        }
        JsonNode value = analysis.path("criteria").path(criterion.key()).path("value");
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "да" : "нет";
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        return cut(value.asText());
    }

    static String phone(String digits) {
        if (digits == null || digits.isBlank()) {
            return "";
        }
        return digits.startsWith("+") ? digits : "+" + digits;
    }

    /** At most 50 000 characters, with a marker saying how much was cut. */
    static String cut(String text) {
        if (text.length() <= MAX_CELL) {
            return text;
        }
        String marker = "\n[…обрезано: ещё " + (text.length() - (MAX_CELL - 40)) + " симв.]";
        return text.substring(0, MAX_CELL - 40) + marker;
    }
}
