package kz.clinicai.local.analytics;

import static kz.clinicai.local.PlatformStackFixture.json;
import static kz.clinicai.local.PlatformStackFixture.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.chat.Await;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The analytics ITs' view of the platform stack: profiles through the real API, calls added to the UIS sandbox
 * (each test its own employee id, and its profile filters on it, so tests never see each other's calls), a fresh
 * sandbox spreadsheet per profile, the schedules fired now.
 */
final class AnalyticsWorld {

    static final String KEY = "local-analytics-key";
    static final ZoneId ACCOUNT_ZONE = ZoneId.of("Asia/Almaty");
    static final DateTimeFormatter UIS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<AnalyticsWorld> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final AtomicLong EMPLOYEES = new AtomicLong(700_000 + System.nanoTime() % 10_000 * 10);

    final String profileId;
    final long employeeId;
    final String spreadsheetId;
    final String sheet = "Calls";
    /** What this world's profile has beyond the common shape (write-back, …), applied to every profile() body. */
    private final Consumer<ObjectNode> extra;

    private AnalyticsWorld(String profileId, long employeeId, String spreadsheetId, Consumer<ObjectNode> extra) {
        this.profileId = profileId;
        this.employeeId = employeeId;
        this.spreadsheetId = spreadsheetId;
        this.extra = extra;
    }

    /** A new profile (2 criteria) on a new spreadsheet, filtered on a new employee. */
    static AnalyticsWorld fresh(String label) {
        return fresh(label, p -> {
        });
    }

    /** As {@link #fresh(String)}, the profile shaped further by {@code extra}. */
    static AnalyticsWorld fresh(String label, Consumer<ObjectNode> extra) {
        PlatformStackFixture.stack();
        long employee = EMPLOYEES.incrementAndGet();
        // Pulls run profiles in id order; the label decides where this one stands.
        String id = (label + "-" + employee).toLowerCase();
        ObjectNode spreadsheet = Json.mapper().createObjectNode();
        spreadsheet.putObject("properties").put("title", "IT " + id);
        spreadsheet.putArray("sheets").addObject().putObject("properties").put("title", "Calls");
        String sheetId = PlatformStackFixture.sandboxPost("/sheets/_control/spreadsheets", spreadsheet)
                .path("spreadsheetId").asText();
        AnalyticsWorld world = new AnalyticsWorld(id, employee, sheetId, extra);
        CREATED.add(world);
        HttpResponse<String> created = world.api("POST", "/analytics/profiles", world.profile(List.of()).toString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("profile not created: " + created.statusCode() + " " + created.body());
        }
        return world;
    }

    ObjectNode profile(List<ObjectNode> moreCriteria) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("profileId", profileId).put("name", "IT " + profileId);
        p.putObject("uis").put("accessTokenSecret", "clinicai/analytics/demo-uis");
        p.putObject("calls").put("answeredOnly", false).putArray("employeeIds").add(employeeId);
        p.putObject("sheet").put("spreadsheetId", spreadsheetId).put("sheetName", sheet)
                .put("serviceAccountSecret", "clinicai/analytics/google");
        p.putObject("transcription").putArray("languages").add("ru");
        ArrayNode criteria = p.putArray("criteria");
        ObjectNode tone = criteria.addObject().put("key", "tone").put("title", "Тон").put("type", "enum")
                .put("instructions", "Эмоциональный тон клиента.");
        tone.putArray("values").add("позитивный").add("нейтральный").add("негативный");
        criteria.addObject().put("key", "callback").put("title", "Перезвонить").put("type", "boolean")
                .put("instructions", "Нужно ли перезвонить клиенту.");
        moreCriteria.forEach(criteria::add);
        extra.accept(p);
        return p;
    }

    HttpResponse<String> api(String method, String path, String body) {
        return send(method, PlatformStackFixture.api() + path, body, "x-api-key", KEY);
    }

    /** The client number of this world's calls (digits, as UIS writes them). */
    String contactPhone() {
        return "7701" + String.format("%07d", employeeId % 10_000_000);
    }

    /** A call with this world's employee, {@code minutesAgo} before now (account time); returns its UIS id. */
    long addCall(int minutesAgo, String transcript, boolean lost, int talkSeconds) {
        return addCall(minutesAgo, transcript, lost, talkSeconds, 0);
    }

    /** @param recordDelaySeconds UIS publishes the recording this long after the call ended */
    long addCall(int minutesAgo, String transcript, boolean lost, int talkSeconds, int recordDelaySeconds) {
        return addCall(minutesAgo, transcript, lost, talkSeconds, recordDelaySeconds, true);
    }

    /** A call with mixed mp3 recordings only: no per-leg WAV tracks, so no speaker labels. */
    long addMixedOnlyCall(int minutesAgo, String transcript, int talkSeconds) {
        return addCall(minutesAgo, transcript, false, talkSeconds, 0, false);
    }

    private long addCall(int minutesAgo, String transcript, boolean lost, int talkSeconds, int recordDelaySeconds,
                         boolean wavTracks) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("wav_tracks", wavTracks);
        c.put("record_delay_seconds", recordDelaySeconds);
        c.put("start_time", UIS_TIME.format(LocalDateTime.now(ACCOUNT_ZONE).minusMinutes(minutesAgo)));
        c.put("direction", "in").put("talk_duration", talkSeconds).put("total_duration", talkSeconds + 10)
                .put("is_lost", lost).put("contact_phone_number", contactPhone())
                .put("employee_id", employeeId).put("employee_full_name", "Сотрудник Тестовый " + employeeId)
                .put("transcript", transcript);
        return PlatformStackFixture.sandboxPost("/uis/_control/calls", c).path("calls").path(0).path("id").asLong();
    }

    /**
     * Switches off every profile the tests made so far: all test profiles share the one simulated UIS account, and
     * each enabled profile spends points of its minute budget on every pull.
     */
    static void retireAll() {
        for (AnalyticsWorld w : CREATED) {
            JsonNode p = json(w.api("GET", "/analytics/profiles/" + w.profileId, null));
            if (p.path("enabled").asBoolean(true)) {
                ((ObjectNode) p).put("enabled", false);
                w.api("PUT", "/analytics/profiles/" + w.profileId, p.toString());
            }
        }
        CREATED.clear();
    }

    /** Switches the seeded demo profile off (it would process every test's calls and meet their faults). */
    static synchronized void disableDemo() {
        PlatformStackFixture.stack();
        HttpResponse<String> r = send("GET", PlatformStackFixture.api() + "/analytics/profiles/demo", null, "x-api-key", KEY);
        JsonNode demo = json(r);
        if (!demo.path("enabled").asBoolean(true)) {
            return;
        }
        ObjectNode off = (ObjectNode) demo;
        off.put("enabled", false);
        HttpResponse<String> put = send("PUT", PlatformStackFixture.api() + "/analytics/profiles/demo", off.toString(),
                "x-api-key", KEY);
        if (put.statusCode() != 200) {
            throw new IllegalStateException("demo profile not disabled: " + put.body());
        }
    }

    static void firePull() {
        fire("UisPullFunction/Pull");
    }

    static void fireWriter() {
        fire("SheetsWriterFunction/Flush");
    }

    // A schedule runs as long as its function may (the writer waits out Sheets quotas): longer than send()'s timeout.
    private static final java.net.http.HttpClient SCHEDULES = java.net.http.HttpClient.newHttpClient();

    private static void fire(String rule) {
        HttpResponse<String> r;
        try {
            r = SCHEDULES.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(PlatformStackFixture.api()
                            + "/_local/schedules/" + rule)).timeout(Duration.ofMinutes(5))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(rule + " not fired: " + e, e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(rule + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static String queueUrl(String logicalId) {
        var world = PlatformStackFixture.stack().world();
        return world.queueUrl(world.queue(logicalId));
    }

    /** Nothing waiting, delayed or in flight on the queue. */
    static boolean drained(String queueUrl) {
        var names = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        var attributes = PlatformStackFixture.stack().aws().sqs()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(names)).attributes();
        return names.stream().allMatch(n -> "0".equals(attributes.get(n)));
    }

    JsonNode calls() {
        HttpResponse<String> r = api("GET", "/analytics/profiles/" + profileId + "/calls", null);
        return json(r).path("calls");
    }

    JsonNode call(long id) {
        return json(api("GET", "/analytics/profiles/" + profileId + "/calls/" + id, null));
    }

    /** Waits until {@code n} calls are stored and none is still in a step. */
    JsonNode awaitFinished(int n, Duration timeout) {
        return Await.until(n + " calls of " + profileId + " finished", timeout, () -> {
            JsonNode calls = calls();
            if (calls.size() < n) {
                return Optional.empty();
            }
            for (JsonNode c : calls) {
                if (List.of("queued", "recorded", "transcribed").contains(c.path("status").asText())) {
                    return Optional.empty();
                }
            }
            return Optional.of(calls);
        });
    }

    /** The sheet's rows as the sandbox holds them (formatted values), header first. */
    List<List<String>> rows() {
        return rows(sheetDump());
    }

    JsonNode sheetDump() {
        JsonNode all = PlatformStackFixture.sandboxGet("/sheets/_control/spreadsheets").path("spreadsheets");
        for (JsonNode s : all) {
            if (s.path("spreadsheetId").asText().equals(spreadsheetId)) {
                for (JsonNode sh : s.path("sheets")) {
                    if (sh.path("title").asText().equals(sheet)) {
                        return sh;
                    }
                }
            }
        }
        throw new AssertionError("no sheet " + sheet + " in " + spreadsheetId);
    }

    static List<List<String>> rows(JsonNode sheetDump) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode row : sheetDump.path("values")) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asText()));
            out.add(cells);
        }
        return out;
    }

    /** Data rows (header left out), as header title → cell. */
    List<java.util.Map<String, String>> records() {
        List<List<String>> rows = rows();
        List<java.util.Map<String, String>> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), i < row.size() ? row.get(i) : "");
            }
            out.add(m);
        }
        return out;
    }
}
