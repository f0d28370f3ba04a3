package kz.clinicai.shared.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory twin of {@link DynamoDbBookingLedger}: one claim per key until it is completed or released, a
 * pending claim older than {@code staleAfter} may be taken over, a completed key answers its result. Not final:
 * tests interpose on {@link #claim} to stage a concurrent request. Proven against DynamoDB Local by local's
 * {@code BookingLedgerContract}.
 */
public class InMemoryBookingLedger implements BookingLedger {
    private record Entry(boolean done, Instant claimedAt, Completed result) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> moves = new ConcurrentHashMap<>();
    /** Test instrument: every key claimed, in order. */
    public final List<String> claimed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized Claim claim(String key, Instant now, Duration staleAfter, Instant expiresAt) {
        claimed.add(key);
        Entry e = entries.get(key);
        if (e == null || (!e.done() && e.claimedAt().isBefore(now.minus(staleAfter)))) {
            entries.put(key, new Entry(false, now, null));
            return new Claim.Acquired();
        }
        return e.done() ? new Claim.AlreadyDone(e.result()) : new Claim.InFlight();
    }

    @Override
    public synchronized void complete(String key, Completed result, Instant expiresAt) {
        entries.put(key, new Entry(true, null, result));
    }

    @Override
    public synchronized void release(String key) {
        entries.computeIfPresent(key, (k, e) -> e.done() ? e : null);
    }

    @Override
    public void recordMove(String clinic, long from, long to, Instant expiresAt) {
        moves.put(clinic + "#" + from, to);
    }

    @Override
    public Optional<Long> movedTo(String clinic, long from) {
        return Optional.ofNullable(moves.get(clinic + "#" + from));
    }

    /** Test instrument: the keys held (pending or completed). */
    public java.util.Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Test instrument: how many moves were recorded. */
    public int moveCount() {
        return moves.size();
    }
}
