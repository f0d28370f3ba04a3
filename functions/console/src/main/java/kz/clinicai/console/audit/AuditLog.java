package kz.clinicai.console.audit;

import static kz.clinicai.console.store.ConsoleTable.n;
import static kz.clinicai.console.store.ConsoleTable.s;
import static kz.clinicai.console.store.ConsoleTable.str;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import kz.clinicai.console.store.ConsoleTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Who changed what, when, for every item the console manages (a clinic, an analytics profile, the calls settings):
 * one row per change under {@code pk = audit#<kind>#<id>}, {@code sk = <instant>#<random>}, so an item's page reads
 * its history with one query, newest first. A change is the fields that differ, old → new; values that are secrets
 * are never given to it (callers pass "(задан)" or a fingerprint instead), so the audit can be shown to any editor.
 */
public final class AuditLog {

    /** One field that changed; {@code before} is null for a new item, {@code after} null for a removed field. */
    public record Change(String field, String before, String after) {
    }

    public record Entry(Instant at, String actor, String action, List<Change> changes) {
    }

    private final ConsoleTable table;
    private final Clock clock;

    public AuditLog(ConsoleTable table, Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The fields whose values differ between two flat views of an item (absent = null), in field order. */
    public static List<Change> changes(Map<String, String> before, Map<String, String> after) {
        List<Change> out = new ArrayList<>();
        for (String field : new TreeSet<>(union(before, after))) {
            String was = before.get(field);
            String is = after.get(field);
            if (!Objects.equals(was, is)) {
                out.add(new Change(field, was, is));
            }
        }
        return out;
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    /**
     * Records one change of item {@code kind}/{@code id} by {@code actor}; {@code action} names what was done
     * ("created", "updated", "certificate uploaded", "token rotated"). A change without differing fields and without a
     * named action is not recorded.
     */
    public void record(String kind, String id, String actor, String action, List<Change> changes) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s(pk(kind, id)));
        item.put("sk", s(now + "#" + UUID.randomUUID()));
        item.put("at", s(now.toString()));
        item.put("at_ms", n(now.toEpochMilli()));
        item.put("actor", s(actor));
        item.put("action", s(action));
        List<AttributeValue> rows = new ArrayList<>();
        for (Change change : changes) {
            Map<String, AttributeValue> row = new LinkedHashMap<>();
            row.put("field", s(change.field()));
            if (change.before() != null) {
                row.put("before", s(change.before()));
            }
            if (change.after() != null) {
                row.put("after", s(change.after()));
            }
            rows.add(AttributeValue.fromM(row));
        }
        item.put("changes", AttributeValue.fromL(rows));
        table.put(item);
    }

    /** The item's history, newest first, at most {@code limit} entries. */
    public List<Entry> history(String kind, String id, int limit) {
        List<Entry> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.query(pk(kind, id), null)) {
            List<Change> changes = new ArrayList<>();
            AttributeValue list = item.get("changes");
            if (list != null && list.hasL()) {
                for (AttributeValue row : list.l()) {
                    changes.add(new Change(str(row.m(), "field"), str(row.m(), "before"), str(row.m(), "after")));
                }
            }
            out.add(new Entry(Instant.parse(str(item, "at")), str(item, "actor"), str(item, "action"),
                    List.copyOf(changes)));
        }
        out.sort(Comparator.comparing(Entry::at).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    static String pk(String kind, String id) {
        if (kind == null || kind.isBlank() || kind.contains("#") || id == null || id.isBlank()) {
            throw new IllegalArgumentException("an audited item needs a kind without '#' and an id");
        }
        return "audit#" + kind + "#" + id;
    }
}
