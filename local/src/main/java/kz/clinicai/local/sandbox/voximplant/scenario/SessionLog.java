package kz.clinicai.local.sandbox.voximplant.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the sandbox page shows of one scenario session: who said what and what happened, in order. */
public final class SessionLog {

    public record Line(long atMs, String kind, String text) {
    }

    private final long started = System.currentTimeMillis();
    private final List<Line> lines = new ArrayList<>();
    private volatile String status = "starting";
    private volatile String phone = "";

    /** When the session began (epoch ms): lines are {@code atMs} after it. */
    public long startedAtMs() {
        return started;
    }

    public synchronized void add(String kind, String text) {
        lines.add(new Line(System.currentTimeMillis() - started, kind, text));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines of one kind (e.g. "bot", "callee"), texts only. */
    public synchronized List<String> texts(String kind) {
        return lines.stream().filter(l -> l.kind().equals(kind)).map(Line::text).toList();
    }

    public void status(String s) {
        status = s;
    }

    public String status() {
        return status;
    }

    public void phone(String p) {
        phone = p;
    }

    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        out.put("phone", phone);
        out.put("lines", lines());
        return out;
    }
}
