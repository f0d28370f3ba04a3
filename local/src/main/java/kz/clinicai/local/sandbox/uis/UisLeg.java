package kz.clinicai.local.sandbox.uis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.clinicai.local.sandbox.audio.SandboxAudio;

/**
 * One leg (CDR) of a call session. The client's leg has {@code operator} false; every employee dialled gets an
 * operator leg. An operator leg that talked has its own recording ({@code recordHash} for mp3, {@code wavHash} for
 * wav); its {@code speech} is timed in seconds from {@code connect} and holds both parties (the recording is mixed).
 */
record UisLeg(long id, boolean operator, UisEmployee employee, Instant start, Instant connect, Instant end,
        boolean transfered, String calling, String called, String finishReason,
        List<SandboxAudio.Utterance> speech, String recordHash, String wavHash) {

    boolean talked() {
        return connect != null;
    }

    boolean recorded() {
        return operator && recordHash != null;
    }

    /** Seconds from pickup to the end of the leg. */
    int duration() {
        return connect == null ? 0 : (int) Duration.between(connect, end).toSeconds();
    }

    int totalDuration() {
        return (int) Duration.between(start, end).toSeconds();
    }

    /** What the leg's recording plays: its speech, as long as the leg talked. */
    byte[] mp3() {
        return SandboxAudio.mp3(speech, Math.max(1, duration()));
    }

    byte[] wav() {
        return SandboxAudio.wav(String.join("\n", speech.stream().map(SandboxAudio.Utterance::text).toList()),
                Math.max(1, duration()));
    }
}
