package kz.clinicai.local.coldstart;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kz.clinicai.local.template.FunctionDef;

/**
 * One Lambda execution environment for one function, started the way the java21 managed runtime starts it: a
 * fresh JVM whose classpath holds only the runtime's own jars (the runtime interface client, aws-lambda-java-core
 * and -serialization, as in {@code /var/runtime/lib}); the function's code is its zip unpacked into
 * {@code LAMBDA_TASK_ROOT}, which the RIC's customer class loader reads ({@code lib/*.jar}). Nothing of the local
 * stack is on its classpath, so a class missing from the zip fails here as it would on Lambda.
 *
 * <p>JVM options: those the managed Java runtime passes (captured command lines of the java17 runtime, Oct 2023 and
 * Oct 2024, in sigpwned/the-lambda-iceberg; AWS's "Customize Java runtime startup behavior" page for tiered
 * compilation stopping at level 1 since java17): {@code -XX:MaxHeapSize} = 85 % of the memory size, SerialGC,
 * class data sharing, C1 only, {@code --add-opens java.base/java.io}, the CRaC compat property (org.crac resources
 * reach the RIC's own context), {@code -Djava.net.preferIPv4Stack=true} (in the 2023 capture). Lambda's
 * {@code -Xshare:on} uses its own archive of the runtime's classes; here {@code -Xshare:auto} uses the JDK's default
 * archive.
 */
public final class LambdaProcess implements AutoCloseable {

    /** The RIC's entry point, as in the runtime's command line. */
    static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-runtime-interface-client",
            "aws-lambda-java-core", "aws-lambda-java-serialization", "utils-lite");

    private final Process process;
    private final long startedNanos;

    private LambdaProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * @param taskRoot the function's zip unpacked ({@link #unpack})
     * @param environment the function's template environment, resolved against the local stack
     * @param snapStart {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}: the RIC runs the CRaC beforeCheckpoint
     *                  hooks after init and asks {@code /restore/next} before its first {@code /next}
     */
    public static LambdaProcess start(FunctionDef function, Path taskRoot, Map<String, String> environment,
                                      String runtimeApi, boolean snapStart, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(function.memoryMb()));
        command.add("-classpath");
        command.add(runtimeClasspath());
        command.add(MAIN);
        command.add(function.handler());
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(environment);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        long started = System.nanoTime();
        return new LambdaProcess(builder.start(), started);
    }

    static List<String> jvmOptions(int memoryMb) {
        return List.of(
                "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr");
    }

    /** The runtime's own jars, taken from this JVM's classpath (module local depends on the RIC). */
    static String runtimeClasspath() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (RUNTIME_JARS.stream().anyMatch(j -> name.startsWith(j + "-") && name.endsWith(".jar"))) {
                jars.add(entry);
            }
        }
        if (jars.stream().noneMatch(j -> j.contains("runtime-interface-client"))) {
            throw new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the classpath");
        }
        return String.join(File.pathSeparator, jars);
    }

    /** Unpacks a function's zip into a fresh folder, as Lambda does into /var/task before init. */
    public static Path unpack(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return into;
    }

    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** VmHWM of the function's JVM (Lambda's "Max Memory Used" is the environment's peak), in KB; empty off Linux. */
    public Optional<Long> peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return Optional.empty();
    }

    static Map<String, String> copy(Map<String, String> env) {
        return new LinkedHashMap<>(env);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
