package kz.clinicai.local.sandbox.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Recordings the sandbox hands out (UIS calls, Voximplant turns, speech) are real audio files that carry their own
 * speech, so the transcription simulator answers deterministically and any player still plays them:
 * <ul>
 * <li>WAV (mono 16-bit 8 kHz, a quiet tone) with the transcript in a RIFF INFO comment ({@link #wav});</li>
 * <li>WAV tracks (mono 16-bit 8 kHz, plain 44-byte header) whose samples carry the speech of one party, so that a
 * part cut anywhere on sample boundaries, with a new header, still yields the utterances spoken in it; the other
 * party is audible only faintly, as crosstalk ({@link #wavTrack}, see {@link WavSpeech});</li>
 * <li>MP3 (silent MPEG-1 Layer III frames) with each word in the frame of the moment it is spoken, so a file split
 * on frame boundaries yields the words of each part's time slice (see {@link Mp3Speech}). MP3 utterances also
 * carry their speaker ({@link #OPERATOR}, {@link #CLIENT}), which {@link #speechOf} exposes for diarization.</li>
 * </ul>
 * {@link #transcriptOf} reads all of them: utterances joined by newlines, without speaker labels. A PCM WAV that
 * carries neither a sandbox comment nor sandbox speech (silence, crosstalk, any other recording) reads as "", as
 * the real API answers for noise.
 */
public final class SandboxAudio {

    public static final String OPERATOR = "operator";
    public static final String CLIENT = "client";

    /**
     * One utterance: seconds from the start of the file, the speaker ({@link #OPERATOR}, {@link #CLIENT}, or null
     * when unknown) and the words.
     */
    public record Utterance(double start, double end, String speaker, String text) {
    }

    private static final String MARKER = "clinicai-sandbox-transcript:";
    private static final int SAMPLE_RATE = 8000;

    private SandboxAudio() {
    }

    /** A mono 16-bit 8 kHz WAV: a quiet tone of {@code seconds}, with {@code transcript} embedded. */
    public static byte[] wav(String transcript, double seconds) {
        int samples = (int) Math.max(1, Math.round(seconds * SAMPLE_RATE));
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (800 * Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE)));
        }
        byte[] comment = (MARKER + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(transcript.getBytes(StandardCharsets.UTF_8)) + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] icmt = chunk("ICMT", comment);
        byte[] list = chunk("LIST", concat("INFO".getBytes(StandardCharsets.US_ASCII), icmt));
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        byte[] body = concat("WAVE".getBytes(StandardCharsets.US_ASCII), chunk("fmt ", fmt.array()), list,
                chunk("data", pcm.array()));
        return chunk("RIFF", body);
    }

    /**
     * One party's track of a call, as a WAV of at least {@code seconds} (longer only if the last utterance needs
     * it; see {@link WavSpeech} for the format): {@code ownSpeech} is spoken in it and can be read back from any
     * part of it, {@code crosstalk} (the other party, leaking in as echo does) is faint and carries no speech.
     * Times are seconds from the start of the track; speakers are not kept.
     */
    public static byte[] wavTrack(List<Utterance> ownSpeech, List<Utterance> crosstalk, double seconds) {
        return WavSpeech.encode(ownSpeech, crosstalk, seconds);
    }

    /**
     * A sandbox MP3 of at least {@code seconds} (longer only if the last words need more frames) whose frames carry
     * {@code speech}; an empty list gives silence that still reads as sandbox audio (transcript "").
     */
    public static byte[] mp3(List<Utterance> speech, double seconds) {
        return Mp3Speech.encode(speech, seconds);
    }

    /** A sandbox MP3 of {@code seconds} with the lines of {@code transcript} spread evenly, speaker unknown. */
    public static byte[] mp3(String transcript, double seconds) {
        List<String> lines = transcript.lines().filter(l -> !l.isBlank()).toList();
        List<Utterance> speech = new ArrayList<>();
        double slot = seconds / Math.max(1, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            speech.add(new Utterance(i * slot, (i + 0.9) * slot, null, lines.get(i)));
        }
        return mp3(speech, seconds);
    }

    /** Length in seconds of a sandbox (or any MPEG-1 Layer III 32 kHz) MP3 or any PCM WAV; empty otherwise. */
    public static Optional<Double> secondsOf(byte[] audio) {
        if (audio == null) {
            return Optional.empty();
        }
        if (isWav(audio)) {
            ByteBuffer in = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
            int byteRate = 0;
            for (int pos = 12; pos + 8 <= audio.length; ) {
                String id = ascii(audio, pos, 4);
                int size = in.getInt(pos + 4);
                if (size < 0) {
                    return Optional.empty();
                }
                if (id.equals("fmt ") && size >= 12) {
                    byteRate = in.getInt(pos + 16);
                } else if (id.equals("data") && byteRate > 0) {
                    return Optional.of(Math.min(size, audio.length - pos - 8) / (double) byteRate);
                }
                pos += 8 + size + (size & 1);
            }
            return Optional.empty();
        }
        if (Mp3Speech.looksLikeMp3(audio)) {
            int frames = Mp3Speech.frameCount(audio);
            return frames == 0 ? Optional.empty() : Optional.of(frames * Mp3Speech.FRAME_SECONDS);
        }
        return Optional.empty();
    }

    /**
     * The utterances sandbox audio carries: MP3 with times and speakers; a WAV with a sandbox comment as one
     * utterance over the whole file with an unknown speaker; any other PCM WAV with the times of the speech in its
     * samples, speaker unknown (none for silence). Empty for any other audio.
     */
    public static Optional<List<Utterance>> speechOf(byte[] audio) {
        if (audio != null && !isWav(audio) && Mp3Speech.looksLikeMp3(audio)) {
            return Mp3Speech.decode(audio);
        }
        Optional<String> comment = wavComment(audio);
        if (comment.isPresent()) {
            String t = comment.get();
            return Optional.of(t.isEmpty() ? List.of()
                    : List.of(new Utterance(0, secondsOf(audio).orElse(0.0), null, t)));
        }
        return WavSpeech.decode(audio);
    }

    /**
     * The transcript sandbox audio carries (WAV or MP3; utterances one per line, without speakers); "" for silent
     * sandbox audio and for a PCM WAV without sandbox speech; empty for any other audio.
     */
    public static Optional<String> transcriptOf(byte[] audio) {
        if (audio != null && !isWav(audio) && Mp3Speech.looksLikeMp3(audio)) {
            return Mp3Speech.decode(audio).map(SandboxAudio::lines);
        }
        Optional<String> comment = wavComment(audio);
        return comment.isPresent() ? comment : WavSpeech.decode(audio).map(SandboxAudio::lines);
    }

    private static String lines(List<Utterance> speech) {
        return String.join("\n", speech.stream().map(Utterance::text).toList());
    }

    private static boolean isWav(byte[] audio) {
        return audio.length >= 12 && ascii(audio, 0, 4).equals("RIFF") && ascii(audio, 8, 4).equals("WAVE");
    }

    /** The transcript in a sandbox WAV's RIFF INFO comment; chunks that run past the end of the file end the search. */
    private static Optional<String> wavComment(byte[] audio) {
        if (audio == null || !isWav(audio)) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= audio.length) {
            String id = ascii(audio, pos, 4);
            int size = in.getInt(pos + 4);
            if (size < 0 || pos + 8L + size > audio.length) {
                return Optional.empty();
            }
            if (id.equals("LIST") && size >= 4 && ascii(audio, pos + 8, 4).equals("INFO")) {
                int sub = pos + 12;
                while (sub + 8 <= pos + 8 + size) {
                    String subId = ascii(audio, sub, 4);
                    int subSize = in.getInt(sub + 4);
                    if (subSize < 0 || sub + 8L + subSize > audio.length) {
                        return Optional.empty();
                    }
                    if (subId.equals("ICMT")) {
                        String text = ascii(audio, sub + 8, subSize).replace("\0", "");
                        if (text.startsWith(MARKER)) {
                            return Optional.of(new String(Base64.getUrlDecoder().decode(text.substring(MARKER.length())),
                                    StandardCharsets.UTF_8));
                        }
                    }
                    sub += 8 + subSize + (subSize & 1);
                }
            }
            pos += 8 + size + (size & 1);
        }
        return Optional.empty();
    }

    private static byte[] chunk(String id, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length);
        return (payload.length & 1) == 1 ? concat(header.array(), payload, new byte[1]) : concat(header.array(), payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, Math.min(length, data.length - offset), StandardCharsets.US_ASCII);
    }
}
