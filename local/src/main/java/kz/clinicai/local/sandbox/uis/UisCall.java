package kz.clinicai.local.sandbox.uis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.clinicai.local.sandbox.audio.SandboxAudio;

/**
 * One call session of the simulated account: its legs (client leg first, then operator legs in the order they
 * were dialled) and when its recordings become downloadable. For calls {@code communication_id} is the session id.
 * Each leg that talked has its own wav track ({@link #track}); each operator leg that talked a mixed mp3, and the
 * session a full mixed record.
 */
record UisCall(long id, Instant start, Instant end, String direction, String contactPhone, String virtualPhone,
        String finishReason, List<UisLeg> legs, Duration recordDelay, String fullRecordHash, String label) {

    List<UisLeg> operatorLegs() {
        return legs.stream().filter(UisLeg::operator).toList();
    }

    List<UisLeg> recordedLegs() {
        return legs.stream().filter(UisLeg::recorded).toList();
    }

    boolean lost() {
        return operatorLegs().stream().noneMatch(UisLeg::talked);
    }

    boolean transfer() {
        return legs.stream().anyMatch(UisLeg::transfered);
    }

    Optional<Instant> firstTalk() {
        return operatorLegs().stream().filter(UisLeg::talked).map(UisLeg::connect).min(Instant::compareTo);
    }

    int totalDuration() {
        return (int) Duration.between(start, end).toSeconds();
    }

    /** From the first talk to the end of the session. */
    int talkDuration() {
        return firstTalk().map(t -> (int) Duration.between(t, end).toSeconds()).orElse(0);
    }

    /** Only the time someone talked with the client. */
    int cleanTalkDuration() {
        return operatorLegs().stream().mapToInt(UisLeg::duration).sum();
    }

    int waitDuration() {
        return firstTalk().map(t -> (int) Duration.between(start, t).toSeconds()).orElse(totalDuration());
    }

    Instant recordsAvailableAt() {
        return end.plus(recordDelay);
    }

    Optional<UisLeg> legByRecord(String hash) {
        return recordedLegs().stream().filter(l -> hash.equals(l.recordHash())).findFirst();
    }

    /** Legs with their own wav track, in leg order (the client's first). */
    List<UisLeg> trackedLegs() {
        return legs.stream().filter(UisLeg::tracked).toList();
    }

    Optional<UisLeg> legByWav(String hash) {
        return trackedLegs().stream().filter(l -> hash.equals(l.wavHash())).findFirst();
    }

    /**
     * A leg's own wav track, timed from its {@code connect} (unconfirmed for real UIS). An operator leg's track
     * lasts until the leg ends and carries that operator's lines, with the client's as crosstalk; the client's
     * track lasts until the session ends and carries the client's lines of every operator leg, each at its place
     * in the session, with the operators' as crosstalk (between legs it is silent: ringing and hold music are not
     * modelled).
     */
    byte[] track(UisLeg leg) {
        List<SandboxAudio.Utterance> own = new ArrayList<>();
        List<SandboxAudio.Utterance> crosstalk = new ArrayList<>();
        if (leg.operator()) {
            split(leg, 0, SandboxAudio.OPERATOR, own, crosstalk);
            return SandboxAudio.wavTrack(own, crosstalk, seconds(leg.connect(), leg.end()));
        }
        for (UisLeg op : operatorLegs()) {
            if (op.talked()) {
                split(op, seconds(leg.connect(), op.connect()), SandboxAudio.CLIENT, own, crosstalk);
            }
        }
        return SandboxAudio.wavTrack(own, crosstalk, seconds(leg.connect(), end));
    }

    private static void split(UisLeg leg, double offset, String speaker, List<SandboxAudio.Utterance> own,
            List<SandboxAudio.Utterance> crosstalk) {
        for (SandboxAudio.Utterance u : leg.speech()) {
            SandboxAudio.Utterance shifted = new SandboxAudio.Utterance(u.start() + offset, u.end() + offset,
                    u.speaker(), u.text());
            (speaker.equals(u.speaker()) ? own : crosstalk).add(shifted);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** The whole conversation as one file: each recorded leg's speech at its place in the session. */
    byte[] fullMp3() {
        List<SandboxAudio.Utterance> all = new ArrayList<>();
        for (UisLeg leg : recordedLegs()) {
            double offset = Duration.between(start, leg.connect()).toMillis() / 1000.0;
            leg.speech().forEach(u -> all.add(new SandboxAudio.Utterance(u.start() + offset, u.end() + offset,
                    u.speaker(), u.text())));
        }
        return SandboxAudio.mp3(all, Math.max(1, totalDuration()));
    }
}
