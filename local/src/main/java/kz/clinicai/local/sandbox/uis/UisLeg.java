package kz.clinicai.local.sandbox.uis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.clinicai.local.sandbox.audio.SandboxAudio;

/**
 * One leg (CDR) of a call session. The client's leg has {@code operator} false; every employee dialled gets an
 * operator leg. Recordings, as the public evidence (a Novofon client of the same Data API) describes them:
 * <ul>
 * <li>{@code recordHash} (mp3, {@code call_records}): only an operator leg that talked has one; it is the mixed
 * conversation of that leg, both parties ({@code speech}, timed in seconds from {@code connect});</li>
 * <li>{@code wavHash} (wav, {@code wav_call_records}): every leg that talked, the client's included, has its own
 * track with that party's voice (see {@link UisCall#track}). Unconfirmed: what exactly a real track holds (we model
 * the party's own speech loud and the other party's as faint crosstalk) and that it starts at the leg's
 * {@code connect_time}.</li>
 * </ul>
 */
record UisLeg(long id, boolean operator, UisEmployee employee, Instant start, Instant connect, Instant end,
        boolean transfered, String calling, String called, String finishReason,
        List<SandboxAudio.Utterance> speech, String recordHash, String wavHash) {

    boolean talked() {
        return connect != null;
    }

    /** Has a mixed mp3 recording (an operator leg that talked). */
    boolean recorded() {
        return operator && recordHash != null;
    }

    /** Has its own wav track (any leg that talked). */
    boolean tracked() {
        return wavHash != null;
    }

    /** Seconds from pickup to the end of the leg. */
    int duration() {
        return connect == null ? 0 : (int) Duration.between(connect, end).toSeconds();
    }

    int totalDuration() {
        return (int) Duration.between(start, end).toSeconds();
    }

    /** What the leg's mixed recording plays: its speech, as long as the leg talked. */
    byte[] mp3() {
        return SandboxAudio.mp3(speech, Math.max(1, duration()));
    }
}
