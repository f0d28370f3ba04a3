package kz.clinicai.voicebot.session;

import kz.clinicai.shared.booking.VoicebotSession;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory twin of {@link DynamoDbSessionRepository}: the same optimistic version check, and a session past its
 * {@code expiresAt} is gone for reads and may be replaced by a new one (DynamoDB's TTL deletes lazily, so the real
 * one hides and replaces expired items itself).
 * Proven against DynamoDB Local by local's {@code SessionRepositoryContract}.
 */
public final class InMemorySessionRepository implements SessionRepository {
    private record Stored(VoicebotSession session, Instant expiresAt) {
    }

    private final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Test knob: saves are checked and counted but not kept (a store that loses writes). */
    public boolean forgetful;
    /** Test instrument: every save attempted, conflicting ones included. */
    public int saves;

    /** @param clock what "expired" is measured against (the real repository uses the system clock) */
    public InMemorySessionRepository(Clock clock) {
        this.clock = clock;
    }

    public InMemorySessionRepository() {
        this(Clock.systemUTC());
    }

    @Override
    public Optional<VoicebotSession> find(String clinic, long appointmentId) {
        return Optional.ofNullable(live(key(clinic, appointmentId))).map(Stored::session);
    }

    @Override
    public synchronized void save(VoicebotSession session, Instant expiresAt) {
        saves++;
        String key = key(session.clinic(), session.appointmentId());
        // As the real one's condition: a first save needs no live session there, a later one the version it read.
        Stored current = stored.get(key);
        boolean free = session.version() == 0 ? current == null || expired(current)
                : current != null && current.session().version() == session.version();
        if (!free) {
            throw new SessionConflictException(key);
        }
        if (!forgetful) {
            stored.put(key, new Stored(new VoicebotSession(session.clinic(), session.appointmentId(),
                    session.currentSchedId(), session.history(), session.offered(), session.version() + 1), expiresAt));
        }
    }

    private Stored live(String key) {
        Stored s = stored.get(key);
        return s == null || expired(s) ? null : s;
    }

    /** In whole seconds, as the real one stores expiresAt (epoch seconds, DynamoDB's TTL). */
    private boolean expired(Stored s) {
        return s.expiresAt().getEpochSecond() < clock.instant().getEpochSecond();
    }

    private static String key(String clinic, long appointmentId) {
        return "session#" + clinic + "#" + appointmentId;
    }
}
