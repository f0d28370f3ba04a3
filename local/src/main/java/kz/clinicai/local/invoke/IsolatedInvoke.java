package kz.clinicai.local.invoke;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.local.template.SamTemplate;

/**
 * One invocation of one function in a JVM of its own, for measuring what Lambda would bill and kill on: the
 * parent ({@link #command}) starts it with the function's environment and a heap sized like the function's
 * memory; it prints one line, {@code isolated-invoke peakRssKb=… peakHeapKb=… gcs=… millis=… result=…}. Nothing
 * else of the local stack runs in it, so the peak resident set is the handler's own (plus the JVM's).
 */
public final class IsolatedInvoke {

    private IsolatedInvoke() {
    }

    /**
     * {@code java … IsolatedInvoke <template> <logicalId> <eventFile>}.
     */
    public static void main(String[] args) throws Throwable {
        FunctionDef function = SamTemplate.load(Path.of(args[0])).function(args[1]).orElseThrow(
                () -> new IllegalArgumentException("no function " + args[1]));
        byte[] event = Files.readAllBytes(Path.of(args[2]));
        long t0 = System.nanoTime();
        LoadedHandler handler = LoadedHandler.create(function, IsolatedInvoke.class.getClassLoader());
        byte[] result = handler.handle(event, new LocalContext(UUID.randomUUID().toString(), function.logicalId(),
                function.memoryMb(), function.timeoutSeconds() * 1000L));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        System.out.printf("isolated-invoke peakRssKb=%d peakHeapKb=%d gcs=%d millis=%d result=%s%n", peakRssKb(),
                heapPeak / 1024, gcs, millis, new String(result, StandardCharsets.UTF_8));
        System.exit(0);
    }

    /** VmHWM: the process's peak resident set (Linux), what Lambda reports as "Max Memory Used"; -1 elsewhere. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
