package kz.clinicai.calls.reminders;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON of {@code GET /reminders/usage}: the month's totals, then each day that had usage. */
final class ReminderUsageView {

    private ReminderUsageView() {
    }

    static Map<String, Object> of(String clinic, YearMonth month, List<ReminderUsage.Day> days) {
        long calls = 0;
        long dials = 0;
        long seconds = 0;
        Map<String, ReminderUsage.Model> models = new TreeMap<>();
        List<Map<String, Object>> dayViews = new ArrayList<>();
        for (ReminderUsage.Day d : days) {
            calls += d.callsPlaced();
            dials += d.dials();
            seconds += d.connectedSeconds();
            d.models().forEach((name, m) -> models.merge(name, m, ReminderUsage.Model::plus));
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("day", d.day().toString());
            totals(v, d.callsPlaced(), d.dials(), d.connectedSeconds(), d.models());
            dayViews.add(v);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clinic", clinic);
        body.put("month", month.toString());
        totals(body, calls, dials, seconds, models);
        body.put("days", dayViews);
        return body;
    }

    private static void totals(Map<String, Object> v, long calls, long dials, long seconds,
                               Map<String, ReminderUsage.Model> models) {
        v.put("calls_placed", calls);
        v.put("dials", dials);
        v.put("connected_seconds", seconds);
        // Per started minute of each call is how carriers bill; this is the plain sum, rounded up once.
        v.put("connected_minutes", (seconds + 59) / 60);
        v.put("models", models.entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", e.getKey());
            m.put("input_tokens", e.getValue().inputTokens());
            m.put("output_tokens", e.getValue().outputTokens());
            m.put("audio_seconds", e.getValue().audioSeconds());
            return m;
        }).toList());
    }
}
