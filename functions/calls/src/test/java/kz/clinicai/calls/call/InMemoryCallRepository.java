package kz.clinicai.calls.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory twin of {@link DynamoDbCallRepository} (unit tests, tools): the same conditional semantics, kept
 * alike by the contract test both run (local: CallRepositoryContract). One lock makes every write atomic.
 */
public final class InMemoryCallRepository implements CallRepository {

    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Set<String> lines = new java.util.LinkedHashSet<>();
    private final java.time.Clock clock;

    public InMemoryCallRepository() {
        this(java.time.Clock.systemUTC());
    }

    /** Every write stamps {@code updated_at} from {@code clock}, as the DynamoDB repository does. */
    public InMemoryCallRepository(java.time.Clock clock) {
        this.clock = clock;
    }
    private final Map<String, DoNotCallEntry> dnc = new LinkedHashMap<>();
    private final Set<String> nonces = new HashSet<>();
    private StoredSettings settings = StoredSettings.NONE;

    public synchronized void doNotCall(String e164) {
        addToDoNotCallList(List.of(e164), null);
    }

    @Override
    public synchronized void create(Call call) {
        if (calls.putIfAbsent(call.id(), fixedWidth(call)) != null) {
            throw new IllegalStateException("exists");
        }
    }

    @Override
    public synchronized boolean createWithinCap(Call call, int cap) {
        if (calls.containsKey(call.id())) {
            throw new IllegalStateException("exists");
        }
        if (lines.size() >= cap) {
            return false;
        }
        lines.add(call.id());
        calls.put(call.id(), fixedWidth(call));
        return true;
    }

    @Override
    public synchronized Admission admitScheduled(String id, int cap) {
        Call c = calls.get(id);
        if (c == null || c.status() != CallStatus.SCHEDULED) {
            return Admission.GONE;
        }
        if (lines.size() >= cap && !lines.contains(id)) {
            return Admission.FULL;
        }
        lines.add(id);
        calls.put(id, copy(c, CallStatus.PENDING, c.failure(), c.turns(), c.nextAttemptAt(), c.attempts(), c.summary(),
                c.outcome(), c.recordingKey()));
        return Admission.ADMITTED;
    }

    @Override
    public synchronized Set<String> lineHolders() {
        return Set.copyOf(lines);
    }

    @Override
    public synchronized void releaseLine(String id) {
        lines.remove(id);
    }

    @Override
    public synchronized Optional<Call> find(String id) {
        return Optional.ofNullable(calls.get(id));
    }

    @Override
    public synchronized List<Call> list(Optional<CallStatus> status, int limit) {
        return calls.values().stream().filter(c -> status.isEmpty() || c.status() == status.get())
                .sorted(Comparator.comparing(Call::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized int countActive() {
        return (int) calls.values().stream().filter(c -> c.status().active()).count();
    }

    @Override
    public synchronized boolean transition(String id, Set<CallStatus> from, CallStatus next, String failure) {
        Call c = calls.get(id);
        if (c == null || !from.contains(c.status())) {
            return false;
        }
        calls.put(id, copy(c, next, failure == null ? c.failure() : failure, c.turns(), c.nextAttemptAt(), c.attempts(),
                c.summary(), c.outcome(), c.recordingKey()));
        if (c.status().active() && !next.active()) {
            lines.remove(id);
        }
        return true;
    }

    @Override
    public synchronized void appendTurns(String id, List<Turn> turns) {
        Call c = calls.get(id);
        List<Turn> all = new ArrayList<>(c.turns());
        all.addAll(turns);
        calls.put(id, copy(c, c.status(), c.failure(), all, c.nextAttemptAt(), c.attempts(), c.summary(), c.outcome(),
                c.recordingKey()));
    }

    @Override
    public synchronized void setSession(String id, String sessionId, int attempts) {
        Call c = calls.get(id);
        calls.put(id, new Call(c.id(), c.phone(), c.status(), c.mode(), c.language(), c.greeting(), c.assistant(),
                c.metadata(), c.createdAt(), Timestamps.format(clock.instant()), attempts, c.nextAttemptAt(), sessionId, c.turns(),
                c.recordingKey(), c.summary(), c.outcome(), c.failure()));
    }

    @Override
    public synchronized void setResult(String id, String summary, String outcomeJson) {
        Call c = calls.get(id);
        calls.put(id, copy(c, c.status(), c.failure(), c.turns(), c.nextAttemptAt(), c.attempts(), summary, outcomeJson,
                c.recordingKey()));
    }

    @Override
    public synchronized void setRecording(String id, String key) {
        Call c = calls.get(id);
        calls.put(id, copy(c, c.status(), c.failure(), c.turns(), c.nextAttemptAt(), c.attempts(), c.summary(),
                c.outcome(), key));
    }

    @Override
    public synchronized void setGreeting(String id, String greeting) {
        Call c = calls.get(id);
        Call base = copy(c, c.status(), c.failure(), c.turns(), c.nextAttemptAt(), c.attempts(), c.summary(),
                c.outcome(), c.recordingKey());
        calls.put(id, new Call(base.id(), base.phone(), base.status(), base.mode(), base.language(), greeting,
                base.assistant(), base.metadata(), base.createdAt(), base.updatedAt(), base.attempts(),
                base.nextAttemptAt(), base.sessionId(), base.turns(), base.recordingKey(), base.summary(),
                base.outcome(), base.failure()));
    }

    @Override
    public synchronized boolean schedule(String id, CallStatus from, String nextAttemptAt) {
        Call c = calls.get(id);
        if (c == null || c.status() != from) {
            return false;
        }
        calls.put(id, copy(c, CallStatus.SCHEDULED, c.failure(), c.turns(), Timestamps.normalize(nextAttemptAt),
                c.attempts(), c.summary(),
                c.outcome(), c.recordingKey()));
        return true;
    }

    @Override
    public synchronized List<Call> due(String nowIso, int limit) {
        // Earliest first, as the DueCalls index (range key next_attempt_at) answers.
        return calls.values().stream().filter(c -> c.status() == CallStatus.SCHEDULED && c.nextAttemptAt() != null
                && c.nextAttemptAt().compareTo(Timestamps.normalize(nowIso)) <= 0).sorted(Comparator.comparing(Call::nextAttemptAt))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean onDoNotCallList(String e164) {
        return dnc.containsKey(e164);
    }

    @Override
    public synchronized void addToDoNotCallList(List<String> e164s, String note) {
        String now = Timestamps.format(clock.instant());
        for (String e164 : e164s) {
            dnc.remove(e164);
            dnc.put(e164, new DoNotCallEntry(e164, now, note == null || note.isBlank() ? null : note));
        }
    }

    @Override
    public synchronized boolean removeFromDoNotCallList(String e164) {
        return dnc.remove(e164) != null;
    }

    @Override
    public synchronized List<DoNotCallEntry> doNotCallList(int limit) {
        List<DoNotCallEntry> out = new ArrayList<>(dnc.values());
        // Newest first; entries added at the same instant in reverse insertion order, as the index's sort key ties.
        java.util.Collections.reverse(out);
        out.sort(Comparator.comparing(DoNotCallEntry::addedAt).reversed());
        return List.copyOf(out.subList(0, Math.min(limit, out.size())));
    }

    @Override
    public synchronized StoredSettings settings() {
        return settings;
    }

    @Override
    public synchronized StoredSettings saveSettings(StoredSettings next) {
        String hours = next.callingHours() == null || next.callingHours().isBlank() ? null : next.callingHours();
        settings = new StoredSettings(next.operatorPhone(), hours, next.retryIntervalSeconds(), next.maxAttempts(),
                Timestamps.format(clock.instant()));
        return settings;
    }

    @Override
    public synchronized boolean claimNonce(String nonce, long expiresAtEpochSecond) {
        return nonces.add(nonce);
    }

    /** Stored as DynamoDbCallRepository stores it: instants as fixed-width text (Timestamps), compared as text. */
    private static Call fixedWidth(Call c) {
        return new Call(c.id(), c.phone(), c.status(), c.mode(), c.language(), c.greeting(), c.assistant(),
                c.metadata(), Timestamps.normalize(c.createdAt()), Timestamps.normalize(c.updatedAt()), c.attempts(),
                Timestamps.normalize(c.nextAttemptAt()), c.sessionId(), c.turns(), c.recordingKey(), c.summary(),
                c.outcome(), c.failure());
    }

    private Call copy(Call c, CallStatus status, String failure, List<Turn> turns, String next, int attempts,
                      String summary, String outcome, String recording) {
        return new Call(c.id(), c.phone(), status, c.mode(), c.language(), c.greeting(), c.assistant(), c.metadata(),
                c.createdAt(), Timestamps.format(clock.instant()), attempts, next, c.sessionId(), turns, recording, summary, outcome, failure);
    }
}
