package kz.clinicai.local.sandbox.sheets;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Sheets' per-user, per-minute request quotas, counted in whole clock minutes so that tests know exactly when
 * the next request is refused (the real service refills continuously).
 */
final class Quota {

    static final int WRITES_PER_MINUTE_PER_USER = 60;
    static final int READS_PER_MINUTE_PER_USER = 60;

    enum Kind { READ, WRITE }

    private record Key(String user, Kind kind, long minute) {
    }

    private final Map<Key, Integer> used = new HashMap<>();
    private boolean enabled;
    private int writesPerMinute = WRITES_PER_MINUTE_PER_USER;
    private int readsPerMinute = READS_PER_MINUTE_PER_USER;

    synchronized void configure(boolean enabled, int writesPerMinute, int readsPerMinute) {
        this.enabled = enabled;
        this.writesPerMinute = writesPerMinute;
        this.readsPerMinute = readsPerMinute;
        used.clear();
    }

    synchronized void reset() {
        configure(false, WRITES_PER_MINUTE_PER_USER, READS_PER_MINUTE_PER_USER);
    }

    synchronized boolean enabled() {
        return enabled;
    }

    synchronized int writesPerMinute() {
        return writesPerMinute;
    }

    synchronized int readsPerMinute() {
        return readsPerMinute;
    }

    /** Counts one request; false when the user's minute is used up (the refused request is not counted). */
    synchronized boolean take(String user, Kind kind, Instant now) {
        if (!enabled) {
            return true;
        }
        long minute = now.getEpochSecond() / 60;
        used.keySet().removeIf(k -> k.minute() < minute);
        Key key = new Key(user, kind, minute);
        int count = used.getOrDefault(key, 0);
        if (count >= (kind == Kind.WRITE ? writesPerMinute : readsPerMinute)) {
            return false;
        }
        used.put(key, count + 1);
        return true;
    }
}
