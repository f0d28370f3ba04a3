package kz.clinicai.local.chat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes: tests never sleep a fixed time. */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private Await() {
    }

    public static <T> T until(String what, Supplier<Optional<T>> probe) {
        return until(what, DEFAULT, probe);
    }

    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
