package kz.clinicai.analytics.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerTurnsTest {

    private static final float NOISE = -62f;
    private static final float VOICE = -16f;
    private static final float ECHO = -38f;

    /** A track of {@code seconds} of noise, with {@code level} over each [from, to) span. */
    private static float[] track(double seconds, float level, double... spans) {
        float[] levels = new float[(int) Math.round(seconds / SpeakerTurns.FRAME_SECONDS)];
        Arrays.fill(levels, NOISE);
        for (int i = 0; i < spans.length; i += 2) {
            for (int f = (int) (spans[i] / SpeakerTurns.FRAME_SECONDS); f < spans[i + 1] / SpeakerTurns.FRAME_SECONDS; f++) {
                levels[f] = level;
            }
        }
        return levels;
    }

    private static float[] overlay(float[] base, float level, double... spans) {
        float[] out = base.clone();
        for (int i = 0; i < spans.length; i += 2) {
            for (int f = (int) (spans[i] / SpeakerTurns.FRAME_SECONDS); f < spans[i + 1] / SpeakerTurns.FRAME_SECONDS; f++) {
                out[f] = Math.max(out[f], level);
            }
        }
        return out;
    }

    @Test
    void alternatingSpeakersBecomeTurnsInTimeOrderAndTheEchoOfTheOtherSideIsNotSpeech() {
        // Operator speaks 1–4 s and 9–12 s; the client 5–8 s. Each track hears the other at -38 dBFS (echo).
        float[] operator = overlay(track(14, VOICE, 1, 4, 9, 12), ECHO, 5, 8);
        float[] client = overlay(track(14, VOICE, 5, 8), ECHO, 1, 4, 9, 12);
        List<SpeakerTurns.Turn> turns = SpeakerTurns.of(List.of(new SpeakerTurns.Track(true, 0, operator),
                new SpeakerTurns.Track(false, 0, client)), 1200);

        assertThat(turns).extracting(SpeakerTurns.Turn::operator).containsExactly(true, false, true);
        assertThat(turns.get(0).start()).isCloseTo(0.9, offset(0.05));
        assertThat(turns.get(0).end()).isCloseTo(4.1, offset(0.05));
        assertThat(turns.get(1).start()).isCloseTo(4.9, offset(0.05));
    }

    @Test
    void aTrackStartingLaterIsPlacedByItsOffset() {
        // The client's track starts at 0, the operator's (answered later) 10 s in; the operator speaks first.
        float[] client = track(30, VOICE, 18, 20);
        float[] operator = track(20, VOICE, 2, 5);
        List<SpeakerTurns.Turn> turns = SpeakerTurns.of(List.of(new SpeakerTurns.Track(false, 0, client),
                new SpeakerTurns.Track(true, 10, operator)), 1200);

        assertThat(turns).extracting(SpeakerTurns.Turn::operator).containsExactly(true, false);
        // Times stay those of the turn's own file (where it is cut from).
        assertThat(turns.get(0).start()).isCloseTo(1.9, offset(0.05));
        assertThat(turns.get(0).globalStart()).isCloseTo(11.9, offset(0.05));
    }

    @Test
    void shortPausesStayInsideATurnBlipsAreDroppedAndLongMonologuesAreCut() {
        float[] operator = track(60, VOICE, 1, 3, 3.2, 5, 6, 8, 20, 20.1, 30, 59);
        float[] client = track(60, NOISE);
        List<SpeakerTurns.Turn> turns = SpeakerTurns.of(List.of(new SpeakerTurns.Track(true, 0, operator),
                new SpeakerTurns.Track(false, 0, client)), 20);

        // 1–8 s is one turn (pauses of 0.2 s and 1 s), the 0.1 s blip at 20 s is no speech, and 30–59 s has no
        // pause at all: cut evenly into two pieces of at most 20 s.
        assertThat(turns).hasSize(3);
        assertThat(turns.get(0).end()).isCloseTo(8.1, offset(0.05));
        assertThat(turns.get(1).start()).isCloseTo(29.9, offset(0.05));
        assertThat(turns.get(1).end()).isEqualTo(turns.get(2).start());
        assertThat(turns.get(2).end()).isCloseTo(59.1, offset(0.05));
        assertThat(turns).allSatisfy(t -> assertThat(t.seconds()).isLessThanOrEqualTo(20));
    }

    @Test
    void turnsLongerThanTheLimitAreSplitAtPauses() {
        double[] spans = new double[40];
        for (int i = 0; i < 20; i++) {
            spans[2 * i] = i * 3;
            spans[2 * i + 1] = i * 3 + 2.5; // 2.5 s phrases, 0.5 s pauses: one speaker for a minute
        }
        float[] operator = track(61, VOICE, spans);
        List<SpeakerTurns.Turn> turns = SpeakerTurns.of(List.of(new SpeakerTurns.Track(true, 0, operator),
                new SpeakerTurns.Track(false, 0, track(61, NOISE))), 20);

        assertThat(turns).allSatisfy(t -> assertThat(t.seconds()).isLessThanOrEqualTo(20));
        assertThat(turns.size()).isBetween(3, 4);
        assertThat(turns).allSatisfy(t -> assertThat(t.operator()).isTrue());
    }

    @Test
    void aSilentTrackHasNoSpeechWhateverItsNoiseLevel() {
        float[] hiss = track(30, -50f);
        assertThat(SpeakerTurns.of(List.of(new SpeakerTurns.Track(true, 0, hiss),
                new SpeakerTurns.Track(false, 0, track(30, NOISE))), 1200)).isEmpty();
    }

    @Test
    void bothSpeakingAtOnceKeepsBothWhenNeitherDrownsTheOther() {
        float[] operator = track(10, VOICE, 1, 5);
        float[] client = track(10, -22f, 3, 7);
        List<SpeakerTurns.Turn> turns = SpeakerTurns.of(List.of(new SpeakerTurns.Track(true, 0, operator),
                new SpeakerTurns.Track(false, 0, client)), 1200);
        assertThat(turns).extracting(SpeakerTurns.Turn::operator).containsExactly(true, false);
        assertThat(turns.get(1).start()).isCloseTo(2.9, offset(0.05));
    }
}
