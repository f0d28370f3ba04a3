package kz.clinicai.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Boot figures of the local stack, each run in a fresh JVM (same java and classpath as this one): time from
 * process start to the READY line, resident memory right after boot, and each handler's cold init (all handlers
 * are created through {@code POST /_local/warm}). Rerun: {@code ./mvnw -q -Plocal -Dlocal.args="bench --runs 3"}.
 */
final class LocalStackBench {

    private LocalStackBench() {
    }

    static void run(Path template, int runs, PrintStream out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Long> readyMillis = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            long start = System.nanoTime();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LocalStack.class.getName(), "run", "--template", template.toString(), "--port", "0")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String api = awaitReady(child);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                readyMillis.add(millis);
                String rss = rss(child.pid());
                String cold = warm(api);
                out.printf("run %d: READY in %d ms, RSS after boot %s, cold inits %s%n", i, millis, rss, cold);
            } finally {
                child.destroy();
                child.waitFor(20, TimeUnit.SECONDS);
            }
        }
        out.printf("time to READY: min %d ms, max %d ms over %d runs%n",
                readyMillis.stream().mapToLong(Long::longValue).min().orElse(0),
                readyMillis.stream().mapToLong(Long::longValue).max().orElse(0), runs);
    }

    private static String awaitReady(Process child) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                // keep draining so the child never blocks on a full pipe
                Thread.ofVirtual().start(() -> {
                    try {
                        while (lines.readLine() != null) {
                            // discard
                        }
                    } catch (IOException ignored) {
                        // child gone
                    }
                });
                return line.substring("READY ".length()).trim();
            }
        }
        throw new IOException("the stack exited before READY (exit " + child.onExit().join().exitValue() + ")");
    }

    private static String rss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
    }

    private static String warm(String api) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create(api + "/_local/warm")).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
