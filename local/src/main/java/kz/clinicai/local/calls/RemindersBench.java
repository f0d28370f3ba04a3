package kz.clinicai.local.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.ResponseCreateParams;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.InfoClinicaProbe;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;
import kz.clinicai.local.sandbox.openai.OpenAiSandbox;
import kz.clinicai.local.sandbox.voximplant.VoximplantService;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioRuntime;
import kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession;
import kz.clinicai.local.sandbox.voximplant.scenario.SessionLog;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A reminder day through the real handlers as the local stack runs them: the InfoClinica simulator holds {@code N}
 * appointments on one day, the Voximplant simulator's scripted callees confirm, cancel, are a voicemail or do not
 * answer, {@code POST /reminders} takes the list, and the calls scheduler (CallsSchedulerFunction, fired every
 * simulated minute, each firing on its own thread so slow ticks overlap as on Lambda) turns entries into calls that
 * the simulator runs with this repo's scenario, turn by turn against CallsWebhookFunction (asr mode).
 *
 * <p>Simulated time: the simulator's durations (dialling, speech, pauses, the scenario's timers) run at
 * {@value #TIME_SCALE} of real time and the scheduler fires every {@code 60 s × TIME_SCALE}, so one simulated minute
 * is 3 s; the platform's own work (handlers, DynamoDB Local, the sandbox providers at zero added latency) is not
 * scaled. The retry interval is the template's minimum (60 s of the platform's clock, i.e. 20 simulated minutes).
 *
 * <p>Reported: calls started per simulated minute; the most calls live at once (the simulator's running sessions) and
 * the most slots held (the clinic's ledger), against RemindersMaxConcurrentPerClinic, and the platform's line ledger
 * against CallsMaxConcurrent; InfoClinica round trips per call, counted at the simulator by SCHEDID; the webhook's time
 * per turn under that load; and the platform's time per turn beyond the providers, as CallsBench and VoicebotBench
 * measure it (the turn minus its provider round trips, each counted at the simulators and valued at the same
 * round trip measured alone with the same client), on calls placed one at a time so every provider request seen
 * during a turn is that turn's. Rerun: {@code ./mvnw -q -Plocal -Dlocal.args="bench-reminders --entries 300"}.
 */
public final class RemindersBench {

    static final double TIME_SCALE = 0.05;
    static final long SIMULATED_MINUTE_MS = Math.round(60_000 * TIME_SCALE);
    private static final String CLINIC = "infoclinica-clinic";
    private static final String TOKEN = "local-acs-token";
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final long FIRST_SCHEDID = 7_700_000;
    private static final Duration DAY_LIMIT = Duration.ofMinutes(8);
    private static final Pattern HTTP_LINE = Pattern.compile("^POST \\S+ (\\w+) → (-?\\d+) in (\\d+) ms$");
    private static final int WARM_UP = 30;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Stack stack;
    private final ScenarioRuntime voximplant;
    private final OpenAiSandbox openAi;
    private final String sandbox;
    private final List<JsonNode> infoClinica = new ArrayList<>();
    private long journalSeq;
    private long nextSchedId = FIRST_SCHEDID;
    private long nextPhone = 7_000_000;

    private RemindersBench(Stack stack) {
        this.stack = stack;
        this.voximplant = ((VoximplantService) stack.sandbox().service(VoximplantService.NAME).orElseThrow()).runtime();
        this.openAi = (OpenAiSandbox) stack.sandbox().service("openai").orElseThrow();
        this.sandbox = stack.sandbox().baseUrl();
    }

    public static void run(StackConfig config, int entries, int sequential, PrintStream out) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // as CallsBench: no Nagle/delayed-ACK stalls
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("CallsHours", "00:00-23:59"); // any hour of the run is inside calling hours
        parameters.put("CallsRetryIntervalSeconds", "60"); // the template's minimum
        StackConfig quiet = new StackConfig(config.template(), 0, false, Files.createTempDirectory("reminders-bench"),
                true, config.catalog(), config.settings().withParameters(parameters), Map.of());
        long boot = System.nanoTime();
        try (Stack stack = Stack.boot(quiet, new PrintStream(OutputStream.nullOutputStream()))) {
            out.printf("stack booted in %.1f s%n", (System.nanoTime() - boot) / 1e9);
            new RemindersBench(stack).measure(entries, sequential, out);
        }
    }

    private void measure(int entries, int sequential, PrintStream out) throws Exception {
        Map<String, String> p = stack.world().parameters();
        int cap = Integer.parseInt(p.getOrDefault("RemindersMaxConcurrentPerClinic", "5"));
        int platformCap = Integer.parseInt(p.getOrDefault("CallsMaxConcurrent", "10"));
        post(sandbox + "/voximplant/_control/time_scale", Map.of("scale", TIME_SCALE));
        out.printf("reminder day: %d entries of %s, RemindersMaxConcurrentPerClinic %d, CallsMaxConcurrent %d, "
                + "CallsMaxAttempts %s, retry after %s s; simulated durations x%.2f, scheduler fired every %d ms "
                + "(= 1 simulated minute); %d cores%n", entries, CLINIC, cap, platformCap,
                p.getOrDefault("CallsMaxAttempts", "3"), p.get("CallsRetryIntervalSeconds"), TIME_SCALE,
                SIMULATED_MINUTE_MS, Runtime.getRuntime().availableProcessors());

        LocalDate day = LocalDate.now(ALMATY).plusDays(1);
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        Map<Long, String> kindOf = new HashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            // The callees who do not answer come first, so their retries (60 s later) fall inside the day's run.
            String kind = i < entries / 10 ? "no_answer" : switch (i % 10) {
                case 0, 1, 2, 3, 4, 5 -> "confirm";
                case 6, 7 -> "cancel";
                default -> "voicemail";
            };
            long schedId = book(day, i);
            String phone = script(kind);
            kindOf.put(schedId, kind);
            list.add(Map.of("appointment_id", schedId, "phone", phone, "patient_name", "Пациент " + (i + 1)));
        }
        journal();
        infoClinica.clear(); // the bookings above are control calls, not journaled; start from an empty journal

        HttpResponse<String> posted = post(stack.apiUrl() + "/reminders",
                Map.of("clinic", CLINIC, "day", day.toString(), "entries", list), "authorization", "Bearer " + TOKEN);
        if (posted.statusCode() != 202) {
            throw new IllegalStateException("POST /reminders answered " + posted.statusCode() + ": " + posted.body());
        }
        String listId = Json.mapper().readTree(posted.body()).path("reminder_id").asText();

        AtomicLong maxLive = new AtomicLong();
        AtomicLong maxSlots = new AtomicLong();
        AtomicLong maxLines = new AtomicLong();
        AtomicInteger ticks = new AtomicInteger();
        ConcurrentLinkedQueue<String> tickFailures = new ConcurrentLinkedQueue<>();
        ExecutorService tickThreads = Executors.newCachedThreadPool();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        long t0 = System.currentTimeMillis();
        timers.scheduleAtFixedRate(() -> tickThreads.submit(() -> {
            ticks.incrementAndGet();
            HttpResponse<String> r = send("POST", stack.apiUrl() + "/_local/schedules/CallsSchedulerFunction/DueCalls",
                    "{}");
            if (r.statusCode() / 100 != 2) {
                tickFailures.add(r.statusCode() + " " + r.body());
            }
        }), 0, SIMULATED_MINUTE_MS, TimeUnit.MILLISECONDS);
        String remindersTable = stack.world().ref("RemindersTable");
        String callsTable = stack.world().ref("CallsTable");
        // The simulator keeps its last 100 sessions only: each is seen (start) and read (turns) while it is kept.
        Map<String, Long> startedAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> callOf = new java.util.concurrent.ConcurrentHashMap<>(); // session -> call id
        Map<String, List<Double>> turnsOf = new java.util.concurrent.ConcurrentHashMap<>();
        timers.scheduleAtFixedRate(() -> {
            try {
                maxLive.accumulateAndGet(voximplant.running(), Math::max);
                maxSlots.accumulateAndGet(holders(remindersTable, Map.of("pk", AttributeValue.fromS("SLOTS#" + CLINIC),
                        "sk", AttributeValue.fromS("SLOTS"))), Math::max);
                maxLines.accumulateAndGet(holders(callsTable, Map.of("pk", AttributeValue.fromS("LINES#calls"))),
                        Math::max);
                for (ScenarioSession s : voximplant.sessions()) {
                    startedAt.putIfAbsent(s.id(), s.log().startedAtMs());
                    callOf.putIfAbsent(s.id(), String.valueOf(s.customData()));
                    if (s.ended() && !turnsOf.containsKey(s.id())) {
                        turnsOf.put(s.id(), turns(s));
                    }
                }
            } catch (RuntimeException e) {
                tickFailures.add("monitor: " + e);
            }
        }, 0, 25, TimeUnit.MILLISECONDS);

        JsonNode last = null;
        long deadline = System.nanoTime() + DAY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            journal();
            last = Json.mapper().readTree(send("GET", stack.apiUrl() + "/reminders/" + listId, null,
                    "x-api-key", TOKEN).body());
            if (settled(last) == entries) {
                break;
            }
        }
        long dayMs = System.currentTimeMillis() - t0;
        timers.shutdownNow();
        tickThreads.shutdown();
        tickThreads.awaitTermination(60, TimeUnit.SECONDS);
        journal();
        if (last == null || settled(last) != entries) {
            throw new IllegalStateException("the day did not end within " + DAY_LIMIT + ": " + last);
        }

        // Calls started per simulated minute: each StartScenarios is a session of the simulator.
        for (ScenarioSession s : voximplant.sessions()) {
            startedAt.putIfAbsent(s.id(), s.log().startedAtMs());
            callOf.putIfAbsent(s.id(), String.valueOf(s.customData()));
            turnsOf.putIfAbsent(s.id(), turns(s));
        }
        // First attempts: each call's earliest session; their pace is the dispatcher's (retries follow the policy).
        Map<String, Long> firstOf = new HashMap<>();
        startedAt.forEach((session, at) -> firstOf.merge(callOf.get(session), at, Math::min));
        long firstSpan = firstOf.values().stream().mapToLong(Long::longValue).max().orElse(t0)
                - firstOf.values().stream().mapToLong(Long::longValue).min().orElse(t0);
        double firstMinutes = Math.max(1, Math.ceil(firstSpan / (double) SIMULATED_MINUTE_MS));
        int placed = startedAt.size();
        TreeMap<Long, Integer> perMinute = new TreeMap<>();
        startedAt.values().forEach(at -> perMinute.merge((at - t0) / SIMULATED_MINUTE_MS, 1, Integer::sum));
        long minutes = dayMs / SIMULATED_MINUTE_MS + 1;
        int[] started = new int[(int) minutes];
        perMinute.forEach((m, n) -> {
            if (m >= 0 && m < started.length) {
                started[m.intValue()] = n;
            }
        });
        out.printf("day done in %.1f s real = %d simulated minutes (%d scheduler ticks, %d failed); outcomes %s%n",
                dayMs / 1000.0, minutes, ticks.get(), tickFailures.size(), last.path("counts"));
        out.printf("calls started (StartScenarios, retries included): %d; per simulated minute: max %d, mean %.1f over "
                + "the %d minutes; minute by minute: %s%n", placed, Arrays.stream(started).max().orElse(0),
                (double) placed / minutes, minutes, Arrays.toString(started));
        out.printf("first attempts: %d calls placed over %.0f simulated minutes = %.1f per minute (the cap allows at most "
                + "%d per minute when each call takes under a minute: a slot frees on the next tick)%n", firstOf.size(),
                firstMinutes, firstOf.size() / firstMinutes, cap);
        out.printf("most reminder calls at once: %d live in the simulator, %d slots held in the clinic's ledger "
                + "(cap RemindersMaxConcurrentPerClinic %d: %s); platform line ledger max %d (CallsMaxConcurrent %d: %s)%n",
                maxLive.get(), maxSlots.get(), cap, Math.max(maxLive.get(), maxSlots.get()) <= cap ? "held" : "EXCEEDED",
                maxLines.get(), platformCap, maxLines.get() <= platformCap ? "held" : "EXCEEDED");

        // InfoClinica round trips, counted at the simulator by the appointment they name.
        Map<String, Integer> byMessage = new TreeMap<>();
        Map<String, int[]> byKind = new TreeMap<>(); // kind -> {messages, entries}
        kindOf.values().forEach(k -> byKind.computeIfAbsent(k, x -> new int[2])[1]++);
        int unattributed = 0;
        for (JsonNode m : infoClinica) {
            byMessage.merge(m.path("message").asText(), 1, Integer::sum);
            String kind = kindOf.get(m.path("fields").path("SCHEDID").asLong(-1));
            if (kind == null) {
                unattributed++;
            } else {
                byKind.get(kind)[0]++;
            }
        }
        out.printf("InfoClinica round trips: %d for %d entries (%.2f per entry, %.2f per call placed); by message %s; "
                + "%d naming no appointment of the list%n", infoClinica.size(), entries,
                (double) infoClinica.size() / entries, (double) infoClinica.size() / Math.max(1, placed),
                byMessage, unattributed);
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((k, v) -> kinds.append(String.format("%s %.2f (%d entries)  ", k, (double) v[0] / v[1], v[1])));
        out.println("InfoClinica round trips per entry by callee: " + kinds.toString().trim());

        double[] loaded = turnsOf.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        out.printf("webhook time per turn under the day's load (%d turns, seen by the scenario): p50 %.0f ms, p99 %.0f ms%n",
                loaded.length, p(loaded, 50), p(loaded, 99));

        beyondProviders(sequential, day, out);
    }

    /**
     * Calls placed one at a time (confirm and cancel alternately), so each provider request the simulators saw during a
     * turn's webhook round trip is that turn's; each turn minus its requests valued at their round trips alone.
     */
    private void beyondProviders(int calls, LocalDate day, PrintStream out) throws Exception {
        double modelAlone = p(alone(this::modelCall), 50);
        double infoClinicaAlone = p(alone(this::scheduleInfoCall), 50);
        List<Double> beyond = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        int modelRequests = 0;
        int infoClinicaRequests = 0;
        for (int i = 0; i < calls; i++) {
            String kind = i % 2 == 0 ? "confirm" : "cancel";
            long schedId = book(day, 10_000 + i);
            String phone = script(kind);
            HttpResponse<String> posted = post(stack.apiUrl() + "/reminders", Map.of("clinic", CLINIC, "day",
                    day.toString(), "entries", List.of(Map.of("appointment_id", schedId, "phone", phone))),
                    "authorization", "Bearer " + TOKEN);
            String listId = Json.mapper().readTree(posted.body()).path("reminder_id").asText();
            java.util.Set<String> before = new java.util.HashSet<>();
            voximplant.sessions().forEach(s -> before.add(s.id()));
            send("POST", stack.apiUrl() + "/_local/schedules/CallsSchedulerFunction/DueCalls", "{}");
            ScenarioSession session = awaitEnded(before);
            awaitOutcome(listId);
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos()); // the after-call summary's model request
            journal();
            ArrayNodeView requests = new ArrayNodeView(openAi.requests());
            long started = session.log().startedAtMs();
            for (SessionLog.Line line : session.log().lines()) {
                Matcher m = HTTP_LINE.matcher(line.text());
                if (!line.kind().equals("http") || !m.matches() || !m.group(1).equals("turn")) {
                    continue;
                }
                long ms = Long.parseLong(m.group(3));
                long end = started + line.atMs();
                long begin = end - ms - 2;
                int model = requests.countResponses(begin, end);
                int ic = (int) infoClinica.stream().filter(e -> e.path("received_at_ms").asLong() >= begin
                        && e.path("received_at_ms").asLong() <= end).count();
                modelRequests += model;
                infoClinicaRequests += ic;
                raw.add((double) ms);
                beyond.add(ms - model * modelAlone - ic * infoClinicaAlone);
            }
        }
        double[] b = beyond.stream().mapToDouble(Double::doubleValue).toArray();
        double[] r = raw.stream().mapToDouble(Double::doubleValue).toArray();
        out.printf("one call at a time (%d calls, %d turns): webhook time per turn p50 %.0f ms, p99 %.0f ms; per turn "
                + "%.2f model requests (alone p50 %.1f ms) and %.2f InfoClinica round trips (alone p50 %.1f ms)%n",
                calls, b.length, p(r, 50), p(r, 99), (double) modelRequests / b.length, modelAlone,
                (double) infoClinicaRequests / b.length, infoClinicaAlone);
        out.printf("platform time per turn beyond providers (turn minus its provider round trips at their alone p50): "
                + "p50 %.0f ms, p99 %.0f ms%n", p(b, 50), p(b, 99));
    }

    /** The simulator's Responses requests received within [begin, end] (epoch ms). */
    private record ArrayNodeView(JsonNode requests) {
        int countResponses(long begin, long end) {
            int n = 0;
            for (JsonNode r : requests) {
                long at = r.path("received_at_ms").asLong();
                if (r.path("path").asText().endsWith("/responses") && at >= begin && at <= end) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The session's turn round trips (ms), from the scenario's own log of its webhook requests. */
    private static List<Double> turns(ScenarioSession s) {
        List<Double> out = new ArrayList<>();
        for (SessionLog.Line line : s.log().lines()) {
            Matcher m = HTTP_LINE.matcher(line.text());
            if (line.kind().equals("http") && m.matches() && m.group(1).equals("turn")) {
                out.add(Double.parseDouble(m.group(3)));
            }
        }
        return out;
    }

    /** The session the tick just started (the simulator keeps its last 100: new ids, not a count), once ended. */
    private ScenarioSession awaitEnded(java.util.Set<String> before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ScenarioSession> started = voximplant.sessions().stream().filter(x -> !before.contains(x.id()))
                    .findFirst();
            if (started.isPresent() && started.get().ended()) {
                return started.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException("the call placed one at a time never ended");
    }

    private void awaitOutcome(String listId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode l = Json.mapper().readTree(send("GET", stack.apiUrl() + "/reminders/" + listId, null,
                    "x-api-key", TOKEN).body());
            if (settled(l) == 1) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException("reminder " + listId + " never reached an outcome");
    }

    /** Entries with their final outcome (not queued, not a call still going on or waiting for a retry). */
    private static int settled(JsonNode list) {
        int n = 0;
        for (JsonNode e : list.path("entries")) {
            String outcome = e.path("outcome").asText("");
            if (!outcome.isEmpty() && !outcome.equals("queued") && !outcome.equals("calling")) {
                n++;
            }
        }
        return n;
    }

    private long book(LocalDate day, int i) throws Exception {
        long id = nextSchedId++;
        LocalTime start = LocalTime.of(8, 0).plusMinutes(10L * (i % 60));
        post(sandbox + "/infoclinica/_control/appointments", Map.of("schedid", id, "pcode", 500_000 + i,
                "dcode", i % 2 == 0 ? 1001 : 1002, "date", day.toString(), "start", start.toString(),
                "end", start.plusMinutes(10).toString()));
        return id;
    }

    /** A new number with the callee's script: "да, приду", "отмените", a voicemail, or nobody answering. */
    private String script(String kind) throws Exception {
        String phone = "+7701" + (nextPhone++);
        Map<String, Object> callee = switch (kind) {
            case "confirm" -> Map.of("phone", phone, "answer", "human", "utterances", List.of(
                    says("Да, приду."), says("Спасибо, до свидания.")));
            case "cancel" -> Map.of("phone", phone, "answer", "human", "utterances", List.of(
                    says("Отмените, пожалуйста."), says("До свидания.")));
            case "voicemail" -> Map.of("phone", phone, "answer", "voicemail", "utterances", List.of());
            default -> Map.of("phone", phone, "answer", "no_answer", "utterances", List.of());
        };
        post(sandbox + "/voximplant/_control/callees", callee);
        return phone;
    }

    private static Map<String, Object> says(String text) {
        return Map.of("text", text, "pause_ms", 300);
    }

    /** New InfoClinica journal entries since the last look (the simulator keeps the last 2 000). */
    private void journal() throws Exception {
        JsonNode r = Json.mapper().readTree(send("GET", sandbox + "/infoclinica/_control/received?since=" + journalSeq,
                null).body());
        for (JsonNode e : r.path("received")) {
            infoClinica.add(e);
            journalSeq = Math.max(journalSeq, e.path("seq").asLong());
        }
    }

    private long holders(String table, Map<String, AttributeValue> key) {
        try {
            Map<String, AttributeValue> item = stack.aws().dynamo().getItem(b -> b.tableName(table).key(key)
                    .consistentRead(true)).item();
            AttributeValue h = item == null ? null : item.get("holders");
            return h == null ? 0 : h.hasM() ? h.m().size() : h.hasSs() ? h.ss().size() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double[] alone(Work work) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        double[] out = new double[100];
        for (int i = 0; i < out.length; i++) {
            long t = System.nanoTime();
            work.run();
            out[i] = (System.nanoTime() - t) / 1e6;
        }
        return out;
    }

    private OpenAIClient client;
    private InfoClinicaProbe infoClinicaProbe;

    /** A Responses call with a strict tool through openai-java, as the reminder tool loop makes it (VoicebotBench's). */
    private void modelCall() {
        Map<String, String> settings = stack.sandbox().settings();
        if (client == null) {
            client = OpenAiClients.create(new OpenAiSettings(settings.get("openai.apiKey"),
                    URI.create(settings.get("openai.baseUrl")), Duration.ofSeconds(10), 0, Optional.empty()));
        }
        String model = stack.world().parameters().get("CallsModel");
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(model)
                .instructions("Напоминание о записи: 10:30, врач Иванова").input("Да, приду.").store(false);
        ModelTuning.apply(params, model, null, null, "low");
        client.responses().create(params.addTool(FunctionTool.builder().name("confirm_appointment").strict(true)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of()))
                        .putAdditionalProperty("required", JsonValue.from(List.of()))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build()).build())
                .build());
    }

    /** One WEB_SCHEDULE_INFO alone, as the platform's InfoClinica client sends it ({@link InfoClinicaProbe}). */
    private void scheduleInfoCall() throws Exception {
        if (infoClinicaProbe == null) {
            infoClinicaProbe = new InfoClinicaProbe(stack.sandbox().settings());
        }
        infoClinicaProbe.scheduleInfo(FIRST_SCHEDID);
    }

    private HttpResponse<String> post(String url, Object body, String... headers) throws Exception {
        return send("POST", url, Json.mapper().writeValueAsString(body), headers);
    }

    private HttpResponse<String> send(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double p(double[] values, int percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
