package kz.clinicai.console.security;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.console.store.ConsoleTable;

/**
 * Failed logins counted per account and per source IP in fixed windows (console table, items expire by TTL), so
 * the count holds across Lambda instances. An account or IP over its limit is refused without checking the password
 * until the window ends, which also keeps BCrypt from being used as a CPU amplifier.
 */
final class LoginThrottle {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int MAX_FAILURES_PER_ACCOUNT = 5;
    public static final int MAX_FAILURES_PER_IP = 20;

    private final ConsoleTable table;
    private final Clock clock;

    LoginThrottle(ConsoleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public boolean blocked(String email, String ip) {
        long windowStart = windowStart();
        return failures("acct#" + UserStore.normalise(email), windowStart) >= MAX_FAILURES_PER_ACCOUNT
                || failures("ip#" + ip, windowStart) >= MAX_FAILURES_PER_IP;
    }

    public void failed(String email, String ip) {
        long windowStart = windowStart();
        long expires = windowStart + WINDOW.toSeconds() + 60;
        table.countInWindow("throttle#acct#" + UserStore.normalise(email), "window", windowStart, expires);
        table.countInWindow("throttle#ip#" + ip, "window", windowStart, expires);
    }

    public void succeeded(String email) {
        table.delete("throttle#acct#" + UserStore.normalise(email), "window");
    }

    private long failures(String key, long windowStart) {
        return table.get("throttle#" + key, "window")
                .filter(i -> ConsoleTable.num(i, "windowStart", 0) >= windowStart)
                .map(i -> ConsoleTable.num(i, "count", 0))
                .orElse(0L);
    }

    private long windowStart() {
        long now = clock.instant().getEpochSecond();
        return now - now % WINDOW.toSeconds();
    }
}
