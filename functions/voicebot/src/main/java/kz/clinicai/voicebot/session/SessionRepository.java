package kz.clinicai.voicebot.session;

import kz.clinicai.shared.booking.VoicebotSession;

import java.time.Instant;
import java.util.Optional;

public interface SessionRepository {

    Optional<VoicebotSession> find(String clinic, long appointmentId);

    /**
     * Stores {@code session} if nobody saved it since it was read (its {@code version}); it expires at
     * {@code expiresAt}. @throws SessionConflictException when a concurrent request saved first
     */
    void save(VoicebotSession session, Instant expiresAt);
}
