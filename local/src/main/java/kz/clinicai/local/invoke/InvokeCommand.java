package kz.clinicai.local.invoke;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code invoke FUNCTION -e events/FILE.json} (also {@code --event}; {@code -} or no event file reads stdin):
 * one invocation, its response JSON on stdout. Against the running stack when there is one (its state, its warm
 * handler), else in-process on a stack booted for this one call.
 */
public final class InvokeCommand {

    /** Boots a non-serving stack, invokes, shuts it down. */
    public interface InProcess {
        Invocation invoke(String function, byte[] event) throws Exception;
    }

    public record Arguments(String function, String eventFile) {

        public static Arguments parse(List<String> args) {
            String function = null;
            String event = "-";
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if ((a.equals("-e") || a.equals("--event")) && i + 1 < args.size()) {
                    event = args.get(++i);
                } else if (a.startsWith("--event=")) {
                    event = a.substring("--event=".length());
                } else if (!a.startsWith("-") && function == null) {
                    function = a;
                } else {
                    throw new IllegalArgumentException("invoke: unexpected argument " + a);
                }
            }
            if (function == null) {
                throw new IllegalArgumentException("usage: invoke FUNCTION [-e events/FILE.json | --event FILE | -e -]");
            }
            return new Arguments(function, event);
        }
    }

    private InvokeCommand() {
    }

    /** @return the process exit code: 0, or 1 when the function failed */
    public static int run(Arguments args, Path projectDir, Optional<String> runningApi, InProcess inProcess,
                          InputStream stdin, PrintStream stdout, PrintStream log) throws Exception {
        byte[] event = args.eventFile().equals("-") ? stdin.readAllBytes()
                : Files.readAllBytes(projectDir.resolve(args.eventFile()));
        if (runningApi.isPresent()) {
            log.println("invoking " + args.function() + " on the running stack " + runningApi.get());
            return viaRunningStack(runningApi.get(), args.function(), event, stdout);
        }
        log.println("no running stack: invoking " + args.function() + " in-process");
        Invocation result = inProcess.invoke(args.function(), event);
        return switch (result) {
            case Invocation.Success s -> {
                stdout.println(new String(s.response(), StandardCharsets.UTF_8));
                yield 0;
            }
            case Invocation.Failure f -> {
                stdout.println("{\"errorMessage\":" + quote(String.valueOf(f.error().getMessage()))
                        + ",\"errorType\":" + quote(f.error().getClass().getName()) + "}");
                yield 1;
            }
            case Invocation.TimedOut t -> {
                stdout.println("{\"errorMessage\":" + quote(t.requestId() + " Task timed out after "
                        + t.timeoutSeconds() + ".00 seconds") + ",\"errorType\":\"Sandbox.Timedout\"}");
                yield 1;
            }
        };
    }

    private static int viaRunningStack(String api, String function, byte[] event, PrintStream stdout)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/_local/invoke/" + function))
                            // above any function Timeout (Lambda's maximum is 15 minutes)
                            .timeout(Duration.ofMinutes(16))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            stdout.println(r.body());
            return r.statusCode() == 200 && r.headers().firstValue("X-Amz-Function-Error").isEmpty() ? 0 : 1;
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
