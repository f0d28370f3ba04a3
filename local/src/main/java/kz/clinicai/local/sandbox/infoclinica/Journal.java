package kz.clinicai.local.sandbox.infoclinica;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator received, newest last (bounded): tests assert on the branch (MSH.99), the body fields and the
 * gateway header a client sent, and benchmarks count round trips. Served at {@code GET _control/received}.
 */
final class Journal {
    static final int CAPACITY = 2_000;

    /** {@code receivedAtMs}: when it arrived (epoch ms), so benchmarks can tell which call turn sent it. */
    record Entry(long seq, String message, String branch, Map<String, String> fields, String forwardedHost,
                 long receivedAtMs) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", seq);
            m.put("received_at_ms", receivedAtMs);
            m.put("message", message);
            m.put("branch", branch);
            m.put("fields", fields);
            m.put("forwardedHost", forwardedHost);
            return m;
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long seq;

    synchronized void add(InfoClinicaXml.Request request, String forwardedHost) {
        entries.addLast(new Entry(++seq, request.message(), request.branch(), Map.copyOf(request.fields()),
                forwardedHost, System.currentTimeMillis()));
        if (entries.size() > CAPACITY) {
            entries.removeFirst();
        }
    }

    /** Entries after sequence number {@code since} (0: all kept). */
    synchronized List<Entry> since(long since) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.seq() > since) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized long last() {
        return seq;
    }

    synchronized void clear() {
        entries.clear();
    }
}
