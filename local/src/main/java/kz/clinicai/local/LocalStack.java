package kz.clinicai.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import kz.clinicai.local.invoke.InvokeCommand;
import kz.clinicai.local.settings.SandboxCatalog;
import kz.clinicai.local.settings.StackSettings;

/**
 * {@code LocalStack [run] [--template F] [--port N] [--persist]}: the whole platform on this machine until
 * Ctrl-C. {@code LocalStack invoke FUNCTION -e events/F.json}: one invocation. {@code LocalStack bench [--runs N]}:
 * boot-time figures; {@code LocalStack bench-voicebot [--requests N]}: the voicebot's per-request figures;
 * {@code LocalStack chat-bench [--messages N] [--latency MS]}: the web chat's latency figures;
 * {@code LocalStack bench-calls [--turns N]}: the AI calls' per-turn platform time;
 * {@code LocalStack bench-reminders [--entries N] [--sequential K]}: a reminder day against the simulators
 * (RemindersBench);
 * {@code LocalStack bench-analytics [--calls N] [--latency MS] [--worker-heap-mb M]}: call analytics end to end
 * (AnalyticsBench; M: the isolated worker's -Xmx, default 85 % of its MemorySize);
 * {@code LocalStack console-bench [--requests N]}: the console's init, first-request and warm latency figures;
 * {@code LocalStack bench-cold [--functions A,B] [--warm N]}: each function's zip started as Lambda starts it
 * (ColdStartBench). {@code LocalStack bootstrap …} and {@code LocalStack smoke …}: the operator's commands around
 * {@code sam deploy} (DeployCommand, docs/deploy.md).
 * No static logger here: the log configuration must be chosen before the first one exists.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] argv) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        }
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String verb = !args.isEmpty() && !args.get(0).startsWith("-") ? args.remove(0) : "run";
        String template = option(args, "--template", null);
        int port = Integer.parseInt(option(args, "--port", "3000"));
        boolean persist = flag(args, "--persist") || "1".equals(System.getenv("LOCAL_PERSIST"));
        Path root = template == null ? ProjectRoot.find(Path.of("")) : Path.of(template).toAbsolutePath().getParent();
        Path templateFile = template == null ? root.resolve("template.yaml") : Path.of(template).toAbsolutePath();
        StackConfig config = new StackConfig(templateFile, port, persist, root.resolve(".local-data"), true,
                SandboxCatalog.platform(), StackSettings.load(), System.getenv());
        switch (verb) {
            case "run" -> run(config);
            case "invoke" -> System.exit(invoke(config, args));
            case "bench" -> LocalStackBench.run(templateFile, Integer.parseInt(option(args, "--runs", "3")), System.out);
            case "bench-voicebot" -> VoicebotBench.run(benchModel(config, args, "VoicebotModel",
                    "VoicebotReasoningEffort"), Integer.parseInt(option(args, "--requests", "300")), System.out);
            case "chat-bench" -> kz.clinicai.local.chat.ChatLatencyBench.run(config,
                    Integer.parseInt(option(args, "--messages", "100")), Integer.parseInt(option(args, "--latency", "200")),
                    System.out);
            case "bench-analytics" -> kz.clinicai.local.analytics.AnalyticsBench.run(config,
                    Integer.parseInt(option(args, "--calls", "1000")), Integer.parseInt(option(args, "--latency", "100")),
                    Integer.parseInt(option(args, "--worker-heap-mb", "0")), System.out);
            case "bench-calls" -> kz.clinicai.local.calls.CallsBench.run(benchModel(config, args, "CallsModel",
                    "CallsReasoningEffort"), Integer.parseInt(option(args, "--turns", "200")), System.out);
            case "bench-reminders" -> kz.clinicai.local.calls.RemindersBench.run(config,
                    Integer.parseInt(option(args, "--entries", "300")), Integer.parseInt(option(args, "--sequential", "20")),
                    System.out);
            case "bench-cold" -> kz.clinicai.local.coldstart.ColdStartBench.run(config,
                    kz.clinicai.local.coldstart.ColdStartBench.names(option(args, "--functions", "")),
                    Integer.parseInt(option(args, "--warm", "20")), System.out);
            case "console-bench" -> kz.clinicai.local.console.ConsoleBench.run(config,
                    Integer.parseInt(option(args, "--requests", "300")), System.out);
            // The operator's first-deploy commands (docs/deploy.md); they talk to AWS, not to a local stack.
            case "bootstrap" -> System.exit(kz.clinicai.local.deploy.DeployCommand.bootstrap(templateFile, args,
                    System.out));
            case "smoke" -> System.exit(kz.clinicai.local.deploy.DeployCommand.smoke(templateFile, args, System.out));
            default -> {
                System.err.println("usage: LocalStack [run|invoke|bench|bench-cold|bench-voicebot|chat-bench|bench-calls|bench-reminders|bench-analytics|console-bench|bootstrap|smoke] [--template F] [--port N] [--persist]");
                System.exit(2);
            }
        }
    }

    private static void run(StackConfig config) throws Exception {
        Stack stack = Stack.boot(config, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        stopped.await();
    }

    static int invoke(StackConfig config, List<String> args) throws Exception {
        InvokeCommand.Arguments parsed = InvokeCommand.Arguments.parse(args);
        // the response is the only thing on stdout; every startup line and log goes to stderr
        PrintStream log = System.err;
        return InvokeCommand.run(parsed, config.template().getParent(), StackFile.runningApi(config.dataDir()),
                (function, event) -> {
                    try (Stack stack = Stack.boot(config.withServe(false), log)) {
                        return stack.runtime().invoke(function, event);
                    }
                }, System.in, System.out, log);
    }

    /**
     * A bench's {@code --model M} and {@code --effort E}: the template parameters of the capability it measures
     * (defaults: the template's), e.g. the former non-reasoning default against the new one.
     */
    private static StackConfig benchModel(StackConfig config, List<String> args, String modelParameter,
            String effortParameter) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        String model = option(args, "--model", null);
        String effort = option(args, "--effort", null);
        if (model != null) {
            parameters.put(modelParameter, model);
        }
        if (effort != null) {
            parameters.put(effortParameter, effort);
        }
        return new StackConfig(config.template(), config.apiPort(), config.persist(), config.dataDir(), config.serve(),
                config.catalog(), config.settings().withParameters(parameters), config.env());
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i >= 0 && i + 1 < args.size()) {
            String value = args.get(i + 1);
            args.remove(i + 1);
            args.remove(i);
            return value;
        }
        return fallback;
    }

    private static boolean flag(List<String> args, String name) {
        return args.remove(name);
    }
}
