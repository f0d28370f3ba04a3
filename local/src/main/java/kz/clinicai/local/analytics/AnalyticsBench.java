package kz.clinicai.local.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;
import kz.clinicai.local.invoke.IsolatedInvoke;
import kz.clinicai.local.template.BucketDef;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.local.template.QueueDef;
import kz.clinicai.local.settings.StackSettings;
import kz.clinicai.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code LocalStack bench-analytics [--calls N] [--latency MS]}: N simulated UIS calls end to end on the local stack
 * (UIS, OpenAI and Sheets simulated; the sandbox model answers after a fixed latency): wall time from the pull to the
 * last row in the sheet, Sheets requests (writes and reads, as the Sheets sandbox counted them), UIS points spent by
 * the pull, and the peak memory of the worker (a JVM of its own, see {@link IsolatedInvoke}) while one 60-minute
 * recording goes through it. The seeded day of UIS
 * calls and the demo profile are switched off, so only the benchmark's calls count.
 */
public final class AnalyticsBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String KEY = "local-analytics-key";
    private static final DateTimeFormatter UIS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern POINTS = Pattern.compile("points=(\\d+)");
    private static final Pattern ISOLATED = Pattern.compile("isolated-invoke peakRssKb=(-?\\d+) peakHeapKb=(\\d+) gcs=(\\d+)");
    private static final String[] TOPICS = {"Хочу записаться к терапевту на завтра.", "Сколько стоит приём кардиолога?",
            "Мне нужно перенести запись на пятницу.", "Есть ли педиатр в субботу?", "Сәлеметсіз бе, дәрігерге жазылғым келеді."};

    private AnalyticsBench() {
    }

    public static void run(StackConfig base, int calls, int latencyMs, int workerHeapMb, PrintStream out)
            throws Exception {
        Map<String, String> raw = new HashMap<>(StackSettings.load().raw(""));
        StackConfig config = new StackConfig(base.template(), 0, false, Files.createTempDirectory("analytics-bench"),
                true, base.catalog(), new StackSettings(raw), Map.of());
        ByteArrayOutputStream boot = new ByteArrayOutputStream();
        try (Stack stack = Stack.boot(config, new PrintStream(boot, true, StandardCharsets.UTF_8))) {
            String api = stack.apiUrl();
            String sandbox = stack.sandbox().baseUrl();
            post(sandbox + "/uis/_control/account", "{\"calls_per_day\":0}", false);
            disable(api, "demo");
            post(sandbox + "/_control/faults/openai", "{\"latencyMs\":" + latencyMs + "}", false);
            out.printf("bench-analytics: %d calls, sandbox model latency %d ms (transcription and analysis each)%n",
                    calls, latencyMs);

            String sheet = spreadsheet(sandbox, "bench");
            profile(api, "bench", sheet, null);
            LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Almaty"));
            ArrayNode batch = Json.mapper().createArrayNode();
            for (int i = 0; i < calls; i++) {
                // Spread over the last 20 hours, every seventh call lost.
                ObjectNode c = batch.addObject();
                c.put("start_time", UIS_TIME.format(now.minusMinutes(20 + (long) i * 20 * 60 / Math.max(1, calls))));
                c.put("direction", i % 3 == 2 ? "out" : "in").put("is_lost", i % 7 == 6).put("talk_duration", 60 + i % 240)
                        .put("contact_phone_number", "7701" + String.format("%07d", 1_000_000 + i)).put("employee_id", 5001)
                        .put("transcript", "Менеджер: Здравствуйте, клиника, слушаю вас.\nКлиент: " + TOPICS[i % TOPICS.length]
                                + "\nМенеджер: Хорошо, сейчас посмотрю.\nКлиент: Спасибо.");
                if (batch.size() == 100 || i == calls - 1) {
                    post(sandbox + "/uis/_control/calls", "{\"calls\":" + batch + "}", false);
                    batch = Json.mapper().createArrayNode();
                }
            }
            JsonNode before = json(get(sandbox + "/sheets/_control/requests"));
            long t0 = System.nanoTime();
            String pull = post(api + "/_local/schedules/UisPullFunction/Pull", "", true);
            long points = 0;
            for (Matcher m = POINTS.matcher(pull); m.find(); ) {
                points += Long.parseLong(m.group(1));
            }
            String table = table(stack, "AnalyticsCallsTable");
            long lastWriter = System.nanoTime();
            while (written(stack, table, "bench") < calls) {
                // The writer's schedule fires every minute by itself; fire it too every 20 s so the run ends sooner.
                if (System.nanoTime() - lastWriter > Duration.ofSeconds(20).toNanos()) {
                    post(api + "/_local/schedules/SheetsWriterFunction/Flush", "", true);
                    lastWriter = System.nanoTime();
                }
                Thread.sleep(200);
                if (System.nanoTime() - t0 > Duration.ofMinutes(60).toNanos()) {
                    throw new IllegalStateException("not done after 60 minutes");
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            JsonNode after = json(get(sandbox + "/sheets/_control/requests"));
            out.printf("wall time, pull → last row written: %.1f s (%.1f calls/s)%n", wall, calls / wall);
            out.printf("Sheets requests: %d writes, %d reads%n", after.path("writes").asLong() - before.path("writes").asLong(),
                    after.path("reads").asLong() - before.path("reads").asLong());
            out.printf("UIS points spent by the pull: %d (page size %s)%n", points,
                    stack.world().parameters().getOrDefault("AnalyticsPullPageSize", "1000"));

            // One 60-minute call alone, through the worker in a JVM of its own sized like the function.
            longCall(stack, api, sandbox, now, workerHeapMb, out);
        }
    }

    /**
     * The stack's worker pollers are stopped, the pull queues the call, and its message is handed to
     * {@link IsolatedInvoke}: a fresh JVM with the worker's environment, a heap of 85 % of the function's
     * MemorySize (or {@code workerHeapMb}) and the serial collector, whose peak resident set is what Lambda would
     * report as memory used.
     */
    private static void longCall(Stack stack, String api, String sandbox, LocalDateTime now, int workerHeapMb,
                                 PrintStream out)
            throws Exception {
        String longSheet = spreadsheet(sandbox, "bench-long");
        profile(api, "bench-long", longSheet, 5999L);
        disable(api, "bench");
        StringBuilder speech = new StringBuilder();
        for (int minute = 0; minute < 60; minute += 2) {
            speech.append(minute % 4 == 0 ? "Оператор: " : "Клиент: ").append("Минута ").append(minute)
                    .append(", продолжаем разговор о лечении.\\n");
        }
        post(sandbox + "/uis/_control/calls", "{\"start_time\":\"" + UIS_TIME.format(now.minusMinutes(90))
                + "\",\"talk_duration\":3600,\"employee_id\":5999,\"transcript\":\"" + speech + "\"}", false);
        String worker = "CallAnalysisWorkerFunction";
        FunctionDef function = stack.runtime().function(worker);
        stack.stopPollers(worker);
        post(api + "/_local/schedules/UisPullFunction/Pull", "", true);
        QueueDef queue = stack.world().template().queues().stream().filter(q -> q.logicalId().equals("AnalyticsQueue"))
                .findFirst().orElseThrow();
        String queueUrl = stack.world().queueUrl(queue);
        Message message = null;
        for (int i = 0; i < 30 && message == null; i++) {
            var received = stack.aws().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                    .waitTimeSeconds(1).messageSystemAttributeNamesWithStrings("All")).messages();
            message = received.isEmpty() ? null : received.get(0);
        }
        if (message == null) {
            var attrs = stack.aws().sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNamesWithStrings("All")).attributesAsStrings();
            throw new IllegalStateException("the pull queued no message for the 60-minute call on " + queueUrl + ": " + attrs);
        }
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("messageId", message.messageId()).put("receiptHandle", message.receiptHandle())
                .put("body", message.body()).put("md5OfBody", message.md5OfBody()).put("eventSource", "aws:sqs")
                .put("eventSourceARN", stack.world().queueArn(queue)).put("awsRegion", "us-east-1");
        ObjectNode attributes = record.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        record.putObject("messageAttributes");
        ObjectNode event = Json.mapper().createObjectNode();
        event.putArray("Records").add(record);
        Path eventFile = Files.createTempFile("bench-long-event", ".json");
        Files.writeString(eventFile, event.toString());

        long heapMb = workerHeapMb > 0 ? workerHeapMb : Math.round(function.memoryMb() * 0.85);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                IsolatedInvoke.class.getName(), stack.world().template().file().toString(), worker,
                eventFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(stack.runtime().environment(worker));
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        long t1 = System.nanoTime();
        Process child = pb.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = child.waitFor();
        Matcher m = ISOLATED.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("isolated worker failed (exit " + exit + "):\n" + output);
        }
        stack.aws().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(
                record.path("receiptHandle").asText()));
        JsonNode call = json(get(api + "/analytics/profiles/bench-long/calls")).path("calls").path(0);
        BucketDef bucket = stack.world().template().buckets().stream()
                .filter(b -> b.logicalId().equals("AnalyticsBucket")).findFirst().orElseThrow();
        String transcript = stack.aws().s3().getObjectAsBytes(b -> b.bucket(stack.world().bucketName(bucket))
                .key("transcripts/bench-long/" + call.path("callId").asText() + ".txt")).asUtf8String();
        out.printf("60-minute recording (2 speaker tracks of 57.6 MB each + mixed mp3): %s in %.1f s; worker JVM alone "
                        + "(MemorySize %d MB, -Xmx%dm, serial GC): peak RSS %d MB, peak heap %d MB, %s GCs; "
                        + "transcript %d lines%n",
                call.path("status").asText(), (System.nanoTime() - t1) / 1e9, function.memoryMb(), heapMb,
                Long.parseLong(m.group(1)) / 1024, Long.parseLong(m.group(2)) / 1024, m.group(3),
                transcript.lines().count());
    }

    private static String table(Stack stack, String logicalId) {
        return stack.world().template().tables().stream().filter(t -> t.logicalId().equals(logicalId)).findFirst()
                .map(t -> stack.world().tableName(t)).orElseThrow();
    }

    /** Calls of the profile whose row is in the sheet. */
    private static long written(Stack stack, String table, String profile) {
        return count(stack, table, profile, "sheetState = :w", Map.of(":w", AttributeValue.fromS("written")));
    }

    private static long finished(Stack stack, String table, String profile) {
        return count(stack, table, profile, "attribute_exists(pendingWrite) OR sheetState = :w",
                Map.of(":w", AttributeValue.fromS("written")));
    }

    private static long count(Stack stack, String table, String profile, String filter, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> v = new HashMap<>(values);
        v.put(":p", AttributeValue.fromS(profile));
        v.put(":c", AttributeValue.fromS("call#"));
        long n = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = stack.aws().dynamo().query(b -> b.tableName(table).select(Select.COUNT)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :c)").filterExpression(filter)
                    .expressionAttributeValues(v).exclusiveStartKey(from));
            n += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return n;
    }

    private static String spreadsheet(String sandbox, String title) throws Exception {
        return json(post(sandbox + "/sheets/_control/spreadsheets", "{\"properties\":{\"title\":\"" + title
                + "\"},\"sheets\":[{\"properties\":{\"title\":\"Calls\"}}]}", false)).path("spreadsheetId").asText();
    }

    private static void profile(String api, String id, String spreadsheetId, Long employee) throws Exception {
        ObjectNode p = (ObjectNode) json(get(api + "/analytics/profiles/demo"));
        for (String meta : new String[] {"version", "createdAt", "updatedAt", "pullError"}) {
            p.remove(meta);
        }
        p.put("profileId", id).put("enabled", true);
        ((ObjectNode) p.get("sheet")).put("spreadsheetId", spreadsheetId).put("sheetName", "Calls");
        if (employee != null) {
            ((ObjectNode) p.get("calls")).putArray("employeeIds").add(employee);
        }
        post(api + "/analytics/profiles", p.toString(), true);
    }

    private static void disable(String api, String id) throws Exception {
        ObjectNode p = (ObjectNode) json(get(api + "/analytics/profiles/" + id));
        p.put("enabled", false);
        send("PUT", api + "/analytics/profiles/" + id, p.toString());
    }

    private static String get(String url) throws Exception {
        return send("GET", url, null);
    }

    private static String post(String url, String body, boolean api) throws Exception {
        return send("POST", url, body);
    }

    private static String send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
                .header("x-api-key", KEY).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static JsonNode json(String body) throws Exception {
        return Json.mapper().readTree(body);
    }
}
