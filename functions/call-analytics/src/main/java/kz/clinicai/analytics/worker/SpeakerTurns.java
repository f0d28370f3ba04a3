package kz.clinicai.analytics.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Who spoke when, from each party's own track: voice activity per track, then the turns of the conversation in
 * time order. Works on frame loudness alone (dBFS per {@link #FRAME_SECONDS}), so it needs no model and no native
 * code in Lambda.
 * <ul>
 * <li>A frame is speech when it is louder than the midpoint between the track's noise floor (10th percentile) and
 * its speech level (95th percentile), and never below {@link #MIN_SPEECH_DB}: levels differ per phone and per
 * line, a fixed threshold would not.</li>
 * <li>Echo: each track also carries the other party faintly. A frame {@link #ECHO_MARGIN_DB} quieter than another
 * track at the same moment is that other voice, not this party's.</li>
 * <li>Gaps up to {@link #BRIDGE_SECONDS} inside a phrase are bridged, blips under {@link #MIN_SEGMENT_SECONDS}
 * dropped, each segment padded by {@link #PAD_SECONDS} so words are not clipped; one party's segments with no one
 * else speaking in between and pauses up to {@link #TURN_GAP_SECONDS} form one turn, at most
 * {@code maxTurnSeconds} long (a longer stretch of sound without a pause is cut evenly).</li>
 * </ul>
 */
final class SpeakerTurns {

    static final double FRAME_SECONDS = 0.02;
    static final float MIN_SPEECH_DB = -45f;
    static final float ECHO_MARGIN_DB = 15f;
    static final double BRIDGE_SECONDS = 0.3;
    static final double MIN_SEGMENT_SECONDS = 0.25;
    static final double PAD_SECONDS = 0.1;
    static final double TURN_GAP_SECONDS = 1.5;

    /** One party's track: frame levels, and where frame 0 sits on the call's time line. */
    record Track(boolean operator, double offsetSeconds, float[] levels) {
    }

    /** One turn: {@code track} is an index into the input; times in seconds of that track's own file. */
    record Turn(int track, boolean operator, double start, double end, double offsetSeconds) {
        double globalStart() {
            return offsetSeconds + start;
        }

        double seconds() {
            return end - start;
        }
    }

    private SpeakerTurns() {
    }

    static List<Turn> of(List<Track> tracks, double maxTurnSeconds) {
        List<Turn> segments = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            segments.addAll(segments(t, tracks, maxTurnSeconds));
        }
        segments.sort(Comparator.comparingDouble(Turn::globalStart));
        List<Turn> turns = new ArrayList<>();
        for (Turn s : segments) {
            Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (last != null && last.track() == s.track() && s.start() - last.end() <= TURN_GAP_SECONDS
                    && s.end() - last.start() <= maxTurnSeconds) {
                turns.set(turns.size() - 1, new Turn(last.track(), last.operator(), last.start(),
                        Math.max(last.end(), s.end()), last.offsetSeconds()));
            } else {
                turns.add(s);
            }
        }
        return List.copyOf(turns);
    }

    /** The speech segments of track {@code t}, each as a one-segment turn. */
    private static List<Turn> segments(int t, List<Track> tracks, double maxTurnSeconds) {
        Track track = tracks.get(t);
        float[] levels = track.levels();
        float threshold = threshold(levels);
        long base = Math.round(track.offsetSeconds() / FRAME_SECONDS);
        boolean[] speech = new boolean[levels.length];
        for (int i = 0; i < levels.length; i++) {
            speech[i] = levels[i] >= threshold && !echo(levels[i], base + i, t, tracks);
        }
        int bridge = (int) Math.round(BRIDGE_SECONDS / FRAME_SECONDS);
        int minFrames = (int) Math.round(MIN_SEGMENT_SECONDS / FRAME_SECONDS);
        double length = levels.length * FRAME_SECONDS;
        List<Turn> out = new ArrayList<>();
        int i = 0;
        while (i < levels.length) {
            if (!speech[i]) {
                i++;
                continue;
            }
            int start = i;
            int end = i + 1; // exclusive
            int j = end;
            while (j < levels.length && j - end <= bridge) {
                if (speech[j]) {
                    end = j + 1;
                }
                j++;
            }
            if (end - start >= minFrames) {
                double from = Math.max(0, start * FRAME_SECONDS - PAD_SECONDS);
                double to = Math.min(length, end * FRAME_SECONDS + PAD_SECONDS);
                // Sound with no pause longer than a part may be (music on hold, a line fault) is cut evenly.
                int pieces = (int) Math.ceil((to - from) / maxTurnSeconds);
                for (int k = 0; k < pieces; k++) {
                    out.add(new Turn(t, track.operator(), from + (to - from) * k / pieces,
                            from + (to - from) * (k + 1) / pieces, track.offsetSeconds()));
                }
            }
            i = end;
        }
        return out;
    }

    /** Another track is {@link #ECHO_MARGIN_DB} louder at the same moment: this frame is its echo. */
    private static boolean echo(float level, long globalFrame, int self, List<Track> tracks) {
        for (int u = 0; u < tracks.size(); u++) {
            if (u == self) {
                continue;
            }
            Track other = tracks.get(u);
            long j = globalFrame - Math.round(other.offsetSeconds() / FRAME_SECONDS);
            if (j >= 0 && j < other.levels().length && other.levels()[(int) j] - level >= ECHO_MARGIN_DB) {
                return true;
            }
        }
        return false;
    }

    /** Midpoint of the noise floor and the speech level; above anything a silent track reaches. */
    static float threshold(float[] levels) {
        if (levels.length == 0) {
            return Float.POSITIVE_INFINITY;
        }
        float[] sorted = levels.clone();
        Arrays.sort(sorted);
        float floor = sorted[(int) (0.10 * (sorted.length - 1))];
        float loud = sorted[(int) (0.95 * (sorted.length - 1))];
        return Math.max(MIN_SPEECH_DB, (floor + loud) / 2);
    }
}
