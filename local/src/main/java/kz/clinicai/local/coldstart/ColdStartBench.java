package kz.clinicai.local.coldstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;
import kz.clinicai.local.template.FunctionDef;

/**
 * {@code LocalStack bench-cold [--functions A,B] [--warm N]}: each function started as Lambda starts it
 * ({@link LambdaProcess}: a fresh JVM, only its own zip, the runtime interface client against
 * {@link RuntimeApiEmulator}), with its template environment pointed at a local stack booted here. Per function,
 * two environments:
 * <ul>
 * <li>on-demand: init (JVM start to the runtime's first {@code /next}), the first invocation, the second, then N
 *     more for the warm p50;</li>
 * <li>snap-start ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): the RIC runs the CRaC beforeCheckpoint hooks
 *     (the functions' priming) after init, then the first invocation — what a restored snapshot serves, minus the
 *     restore itself, which only AWS can measure;</li>
 * </ul>
 * and the peak resident set (VmHWM) of each, to size {@code MemorySize}. The event is {@code events/<Function>.json}
 * (or the first {@code events/<Function>-*.json}); sandbox services answer at zero latency.
 */
public final class ColdStartBench {

    static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

    /** One environment's figures; times in ms. */
    public record Run(String function, boolean snapStart, double initMs, double firstMs, double secondMs,
                      double warmP50Ms, long peakRssKb, String firstAnswer) {
    }

    private ColdStartBench() {
    }

    public static void run(StackConfig base, List<String> only, int warm, PrintStream out) throws Exception {
        // The sandbox's JDK HTTP server would otherwise stall ~40 ms per exchange (Nagle + delayed ACK), as in
        // CallsBench; a vendor's real front end has no such stall.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // No API, pollers or schedules: nothing but the measured function may use the machine's cores.
        // Log level INFO as deployed (the template's default; the local stack's settings say DEBUG, whose SDK wire
        // logging would be most of what is measured).
        StackConfig config = new StackConfig(base.template(), 0, false, Files.createTempDirectory("bench-cold"),
                false, base.catalog(), base.settings().with(Map.of("parameter.LogLevel", "INFO")), Map.of());
        ByteArrayOutputStream boot = new ByteArrayOutputStream();
        Path work = Files.createTempDirectory("bench-cold-task");
        try (Stack stack = Stack.boot(config, new PrintStream(boot, true, StandardCharsets.UTF_8))) {
            List<FunctionDef> functions = stack.runtime().template().functions().stream()
                    .filter(f -> only.isEmpty() || only.contains(f.logicalId())).toList();
            out.printf("bench-cold: %d functions, each in a fresh JVM (%s) through the Lambda RIC; options %s%n",
                    functions.size(), System.getProperty("java.version"), LambdaProcess.jvmOptions(0).subList(1, 9));
            out.printf("%-28s %9s %6s %7s %7s %8s %9s %8s %8s %7s %9s%n", "function", "zip MB", "MemMB", "init",
                    "first", "second", "warm p50", "primed", "1st/p50", "RSS MB", "RSS pri.");
            for (FunctionDef f : functions) {
                Path zip = config.template().getParent().resolve(f.codeUri());
                Path taskRoot = LambdaProcess.unpack(zip, work.resolve(f.logicalId()));
                Events events = events(stack, config, f);
                Run onDemand = measure(stack, f, taskRoot, events, false, warm, work);
                Run primed = measure(stack, f, taskRoot, events, true, 0, work);
                out.printf("%-28s %9.1f %6d %7.0f %7.0f %8.1f %9.1f %8.1f %8.1f %7.0f %9.0f%n", f.logicalId(),
                        Files.size(zip) / 1048576.0, f.memoryMb(), onDemand.initMs(), onDemand.firstMs(),
                        onDemand.secondMs(), onDemand.warmP50Ms(), primed.firstMs(),
                        primed.firstMs() / onDemand.warmP50Ms(), onDemand.peakRssKb() / 1024.0,
                        primed.peakRssKb() / 1024.0);
            }
            out.println("init: JVM start to the runtime's first /next (Lambda's Init Duration); primed: first invocation"
                    + " after the CRaC beforeCheckpoint hooks ran (SnapStart), 1st/p50 its ratio to the warm p50;"
                    + " RSS: VmHWM after the invocations (RSS pri.: the primed environment's).");
        }
    }

    /** The event of each invocation. */
    public interface Events {
        byte[] next() throws Exception;
    }

    /**
     * The sample event, the same each time; the calls webhook gets a signed ASR turn of a call created for it (the
     * sample's signature is a placeholder, and a refused request would measure only the refusal).
     */
    public static Events events(Stack stack, StackConfig config, FunctionDef f) throws Exception {
        byte[] sample = Files.readAllBytes(event(config.template().getParent(), f.logicalId()));
        if (f.logicalId().equals("CallsWebhookFunction")) {
            return new SignedTurns(stack, config, sample);
        }
        return () -> sample;
    }

    /** Starts one environment, waits for init, invokes the event 2 + warm times; the process is always stopped. */
    public static Run measure(Stack stack, FunctionDef f, Path taskRoot, Events events, boolean snapStart, int warm,
                              Path logs) throws Exception {
        Path log = logs.resolve(f.logicalId() + (snapStart ? "-snapstart" : "") + ".log");
        try (RuntimeApiEmulator api = new RuntimeApiEmulator("arn:aws:lambda:us-east-1:000000000000:function:"
                + f.logicalId());
             LambdaProcess process = LambdaProcess.start(f, taskRoot, stack.runtime().environment(f.logicalId()),
                     api.address(), snapStart, log)) {
            long ready = awaitInit(api, process, log);
            double init = (ready - process.startedNanos()) / 1e6;
            Duration timeout = Duration.ofSeconds(f.timeoutSeconds());
            Timed first = invoke(api, events.next(), timeout, f, log);
            Timed second = invoke(api, events.next(), timeout, f, log);
            double[] warmTimes = new double[warm];
            for (int i = 0; i < warm; i++) {
                warmTimes[i] = invoke(api, events.next(), timeout, f, log).ms();
            }
            long rss = process.peakRssKb().orElse(-1L);
            return new Run(f.logicalId(), snapStart, init, first.ms(), second.ms(),
                    warm == 0 ? Double.NaN : p50(warmTimes), rss, first.answer());
        }
    }

    private static long awaitInit(RuntimeApiEmulator api, LambdaProcess process, Path log) throws Exception {
        long deadline = System.nanoTime() + INIT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.initError().isDone()) {
                throw new IllegalStateException("init failed: " + api.initError().get() + tail(log));
            }
            if (api.firstNext().isDone()) {
                return api.firstNext().get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the function's JVM exited during init" + tail(log));
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no /next within " + INIT_TIMEOUT + tail(log));
    }

    private record Timed(double ms, String answer) {
    }

    private static Timed invoke(RuntimeApiEmulator api, byte[] body, Duration timeout, FunctionDef f, Path log)
            throws Exception {
        var outcome = api.invoke(body, timeout).get(timeout.toSeconds() + 10, TimeUnit.SECONDS);
        if (outcome.error()) {
            throw new IllegalStateException(f.logicalId() + " answered an error: " + outcome.errorType() + " "
                    + outcome.text() + tail(log));
        }
        return new Timed((outcome.answeredNanos() - api.lastDelivered()) / 1e6, outcome.text());
    }

    /** events/F.json, or the first events/F-*.json in name order. */
    public static Path event(Path root, String function) throws IOException {
        Path exact = root.resolve("events").resolve(function + ".json");
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        try (Stream<Path> files = Files.list(root.resolve("events"))) {
            Optional<Path> first = files.filter(p -> p.getFileName().toString().startsWith(function + "-"))
                    .min(Comparator.comparing(Path::toString));
            return first.orElseThrow(() -> new IllegalStateException("no events/" + function + "*.json"));
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- " + log + " (last lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static double p50(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.5 * sorted.length) - 1];
    }

    public static List<String> names(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
