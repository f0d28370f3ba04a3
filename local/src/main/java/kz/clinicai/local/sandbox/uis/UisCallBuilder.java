package kz.clinicai.local.sandbox.uis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import kz.clinicai.local.sandbox.audio.SandboxAudio;

/**
 * Builds a call session from what happened in it: who was dialled in turn, who picked up, how long they talked and
 * what was said. Legs follow each other (a transfer dials the next employee when the previous one hangs up), the
 * client's leg spans the whole session. Ids and record hashes are pure functions of the session id: an operator leg
 * that talked gets an mp3 and a wav hash, the client's leg a wav hash when anyone talked with the client.
 */
final class UisCallBuilder {

    /** One spoken line; {@code at}/{@code seconds} negative means "spread evenly over the leg". */
    record Line(String speaker, String text, double at, double seconds) {
        Line(String speaker, String text) {
            this(speaker, text, -1, -1);
        }
    }

    /** One employee dialled: rings {@code ringSeconds}, then talks {@code talkSeconds} if {@code answered}. */
    record Dial(UisEmployee employee, boolean answered, int ringSeconds, int talkSeconds, List<Line> speech) {
    }

    private UisCallBuilder() {
    }

    static UisCall build(long id, Instant start, String direction, String contact, String virtualNumber,
            List<Dial> dials, Duration recordDelay, String label) {
        return build(id, start, direction, contact, virtualNumber, dials, recordDelay, label, true);
    }

    /**
     * @param wavTracks false: the call has mixed mp3 recordings only ({@code wav_call_records} empty on the call and
     *                  on every leg) — how an account without per-leg WAV recordings looks, as far as we can tell
     */
    static UisCall build(long id, Instant start, String direction, String contact, String virtualNumber,
            List<Dial> dials, Duration recordDelay, String label, boolean wavTracks) {
        List<UisLeg> operatorLegs = new ArrayList<>();
        Instant cursor = start.plusSeconds(direction.equals("in") ? 3 : 0);
        boolean anyTalk = false;
        for (int i = 0; i < dials.size(); i++) {
            Dial d = dials.get(i);
            Instant legStart = cursor;
            Instant connect = d.answered() ? legStart.plusSeconds(d.ringSeconds()) : null;
            Instant legEnd = d.answered() ? connect.plusSeconds(d.talkSeconds()) : legStart.plusSeconds(d.ringSeconds());
            boolean transfered = anyTalk && d.answered();
            List<SandboxAudio.Utterance> speech = d.answered() ? timed(d.speech(), d.talkSeconds()) : List.of();
            String number = direction.equals("in") ? virtualNumber : d.employee().phone();
            String called = direction.equals("in") ? d.employee().phone() : contact;
            String reason = !d.answered() ? "operator_not_responsible"
                    : i == dials.size() - 1 ? "subscriber_disconnects" : "transfer_disconnects";
            operatorLegs.add(new UisLeg(id * 10 + i + 1, true, d.employee(), legStart, connect, legEnd, transfered,
                    number, called, reason, speech, d.answered() ? hash("talk", id, i) : null,
                    d.answered() && wavTracks ? hash("wav", id, i) : null));
            anyTalk |= d.answered();
            cursor = legEnd;
        }
        Instant end = cursor.plusSeconds(anyTalk ? 1 : 2);
        String finishReason = anyTalk ? "subscriber_disconnects"
                : direction.equals("in") ? "subscriber_disconnects" : "no_success_subscriber_call";
        UisLeg client = new UisLeg(id * 10, false, null, start, anyTalk ? start : null, end, false,
                direction.equals("in") ? contact : virtualNumber, direction.equals("in") ? virtualNumber : contact,
                finishReason, List.of(), null, anyTalk && wavTracks ? hash("wav-client", id, 0) : null);
        List<UisLeg> legs = new ArrayList<>();
        legs.add(client);
        legs.addAll(operatorLegs);
        return new UisCall(id, start, end, direction, contact, virtualNumber, finishReason, List.copyOf(legs),
                recordDelay, anyTalk ? hash("full", id, 0) : null, label);
    }

    /** Lines without times share the leg evenly, each spoken over the first 80 % of its slot. */
    private static List<SandboxAudio.Utterance> timed(List<Line> lines, int talkSeconds) {
        List<SandboxAudio.Utterance> out = new ArrayList<>();
        double slot = talkSeconds / (double) Math.max(1, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            double at = l.at() >= 0 ? l.at() : i * slot;
            double seconds = l.seconds() > 0 ? l.seconds() : slot * 0.8;
            out.add(new SandboxAudio.Utterance(at, Math.min(talkSeconds, at + seconds), l.speaker(), l.text()));
        }
        return List.copyOf(out);
    }

    static String hash(String kind, long id, int leg) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("uis-" + kind + "-" + id + "-" + leg).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
