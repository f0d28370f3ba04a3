package kz.clinicai.local.sandbox.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Sandbox speech carried inside the PCM of a WAV, so that any cut of the file on sample boundaries (a splitter that
 * writes each part with a fresh 44-byte header and so drops every RIFF INFO comment) still tells exactly which
 * utterances are spoken in it. This is how the sandbox models a per-leg call track.
 *
 * <p>File: RIFF/WAVE, PCM 16-bit signed little-endian, 8000 Hz, mono, plain 44-byte header ({@code fmt } of 16
 * bytes, then {@code data}). That this is what UIS serves under {@code wav_call_records} is our assumption,
 * unconfirmed: the public evidence only says the files are WAV, one per leg.
 *
 * <p>Signal (every sample carries two marks in its two lowest bits, an amplitude change of at most 3):
 * <ul>
 * <li>silence is deterministic low noise, |amplitude| ≤ 28 (about -61 dBFS), both low bits 0;</li>
 * <li>the track owner's speech is a voice-like signal, peak about 7500 (about -13 dBFS; RMS about -18 dBFS): a
 * 200–300 Hz gliding fundamental plus its second harmonic under a 4 Hz syllable envelope that never drops below 60 %
 * of the peak (so a voice-activity detector sees one stretch of speech), with 20 ms ramps at the edges. Bit 1 of
 * each of its samples is 1 (this sample is the owner's speech); bit 0 is one bit of the utterance's payload, MSB
 * first, repeated back to back for the utterance's whole duration;</li>
 * <li>crosstalk (the other party leaking into this leg, as echo does on real per-leg tracks) is the same kind of
 * signal at peak about 100 (about -50 dBFS), both low bits 0, so it carries no speech.</li>
 * </ul>
 *
 * <p>Payload: {@code "SBXW"}, the text's UTF-8 length as 2 bytes big-endian, the UTF-8 text, then a CRC-8 (poly
 * 0x07) over length and text. At 1 bit a sample that is 1000 payload bytes a second, so a line of speech holds its
 * payload many times. An utterance shorter than one copy is lengthened to one copy (its start kept); the owner's
 * next utterance starts no earlier than 10 ms after the previous one ends (so each utterance is its own run of
 * speech samples); the track grows past the requested length only when its last utterance needs it. So no
 * utterance is ever dropped or truncated.
 *
 * <p>Decoding takes each run of speech samples (bit 1 set) as one utterance: it scans the run's bit-0 stream with a
 * 32-bit shift register (every bit offset, hence every byte alignment, so a cut anywhere still decodes) for the magic
 * followed by a valid length, CRC and UTF-8, and accepts the text only if its payload, repeated, explains every bit
 * of the run. Start and end are the run's first and last samples, exact also for a cut through an utterance. A part
 * that holds less than one whole copy of an utterance (about 0.05–0.2 s for a line) does not show it.
 */
final class WavSpeech {

    static final int SAMPLE_RATE = 8000;
    static final int HEADER_BYTES = 44;
    private static final int MAGIC = 0x53425857; // "SBXW"
    private static final int OVERHEAD_BITS = (4 + 2 + 1) * 8;
    private static final int MAX_TEXT_BYTES = 0xFFFF;
    private static final int OWN_PEAK = 8400;
    private static final int CROSSTALK_PEAK = 112;
    private static final int NOISE = 28;
    /** Bit 1 of a sample: set on the samples of the track owner's speech, clear everywhere else. */
    private static final int SPEECH = 2;
    /** Silence kept between two utterances of the owner, so that each is its own run of speech samples. */
    private static final int GAP = SAMPLE_RATE / 100;
    private static final int RAMP = SAMPLE_RATE / 50;
    private static final int TABLE = 1 << 12;
    private static final float[] SINE = new float[TABLE];
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < TABLE; i++) {
            SINE[i] = (float) Math.sin(2 * Math.PI * i / TABLE);
        }
    }

    private WavSpeech() {
    }

    /** Sample range {@code [from, to)} of an utterance and its payload bits (null for crosstalk). */
    private record Span(int from, int to, boolean[] payload) {
    }

    /**
     * A track of at least {@code seconds}: {@code own} speech with its payload, {@code crosstalk} faint and silent
     * in the LSBs. Speakers are not encoded: a track belongs to one party (its leg), and a transcription of it does
     * not know who that party is.
     */
    static byte[] encode(List<SandboxAudio.Utterance> own, List<SandboxAudio.Utterance> crosstalk, double seconds) {
        List<Span> ownSpans = ownSpans(own);
        long samples = Math.max(1, Math.round(Math.max(0, seconds) * SAMPLE_RATE));
        for (Span s : ownSpans) {
            samples = Math.max(samples, s.to());
        }
        if (HEADER_BYTES + samples * 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a sandbox WAV track is limited to about 37 hours");
        }
        int n = (int) samples;
        byte[] out = new byte[HEADER_BYTES + n * 2];
        header(out, n);
        // Silence everywhere first; crosstalk and speech are added on top of it.
        int state = 0x2545F491;
        for (int i = 0; i < n; i++) {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            int noise = Math.floorMod(state, 2 * NOISE + 1) - NOISE;
            SHORT.set(out, HEADER_BYTES + 2 * i, (short) (noise & ~3));
        }
        for (SandboxAudio.Utterance u : crosstalk) {
            int from = clamp(u.start(), n);
            int to = clamp(Math.max(u.start(), u.end()), n);
            voice(out, from, to, CROSSTALK_PEAK, null);
        }
        for (Span s : ownSpans) {
            voice(out, s.from(), s.to(), OWN_PEAK, s.payload());
        }
        return out;
    }

    private static List<Span> ownSpans(List<SandboxAudio.Utterance> own) {
        List<SandboxAudio.Utterance> sorted = own.stream()
                .filter(u -> u.text() != null && !u.text().isBlank())
                .sorted(Comparator.comparingDouble(SandboxAudio.Utterance::start)).toList();
        List<Span> out = new ArrayList<>();
        int cursor = 0;
        for (SandboxAudio.Utterance u : sorted) {
            boolean[] payload = payloadBits(u.text().strip());
            int from = Math.max(cursor, (int) Math.round(Math.max(0, u.start()) * SAMPLE_RATE));
            int to = Math.max(from + payload.length, (int) Math.round(u.end() * SAMPLE_RATE));
            out.add(new Span(from, to, payload));
            cursor = to + GAP;
        }
        return out;
    }

    private static int clamp(double seconds, int n) {
        return (int) Math.min(n, Math.max(0, Math.round(seconds * SAMPLE_RATE)));
    }

    private static void header(byte[] out, int samples) {
        ByteBuffer h = ByteBuffer.wrap(out, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    }

    /**
     * Adds a voice-like signal over samples {@code [from, to)}; with a payload, the LSBs of those samples become the
     * payload bits (repeated) and their speech bits are set, otherwise both stay 0.
     */
    private static void voice(byte[] out, int from, int to, int peak, boolean[] payload) {
        double phase = 0;
        int length = to - from;
        for (int i = from; i < to; i++) {
            int t = i - from;
            // Fundamental gliding between 200 and 300 Hz, about once every two seconds.
            double f0 = 250 + 50 * SINE[(int) ((long) t * TABLE / (SAMPLE_RATE * 2L) % TABLE)];
            phase += f0 / SAMPLE_RATE;
            phase -= Math.floor(phase);
            int p = (int) (phase * TABLE);
            double wave = 0.85 * SINE[p] + 0.15 * SINE[(2 * p) % TABLE];
            double syllables = 0.8 + 0.2 * SINE[(int) ((long) t * TABLE * 4 / SAMPLE_RATE % TABLE)];
            double ramp = Math.min(1.0, Math.min(t + 1, length - t) / (double) RAMP);
            int at = HEADER_BYTES + 2 * i;
            int value = (short) SHORT.get(out, at) + (int) Math.round(peak * syllables * ramp * wave);
            value = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE - 3, value)) & ~3;
            if (payload != null) {
                value |= SPEECH | (payload[t % payload.length] ? 1 : 0);
            }
            SHORT.set(out, at, (short) value);
        }
    }

    private static boolean[] payloadBits(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("an utterance of a sandbox WAV track holds at most 65535 bytes of UTF-8");
        }
        byte[] bytes = new byte[utf8.length + 7];
        ByteBuffer.wrap(bytes).putInt(MAGIC).putShort((short) utf8.length).put(utf8);
        bytes[bytes.length - 1] = (byte) crc8(bytes, 4, utf8.length + 2);
        boolean[] bits = new boolean[bytes.length * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = ((bytes[i >> 3] >> (7 - (i & 7))) & 1) == 1;
        }
        return bits;
    }

    private static int crc8(byte[] data, int from, int length) {
        int crc = 0;
        for (int i = from; i < from + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    // ------------------------------------------------------------------ reading

    /** Where the samples of a PCM WAV are and how they are laid out. */
    record Pcm(int format, int channels, int sampleRate, int bits, int dataAt, int dataBytes) {

        boolean mono16() {
            return channels == 1 && bits == 16;
        }

        int samples() {
            return dataBytes / 2;
        }
    }

    /**
     * The PCM layout of a RIFF/WAVE file (chunks walked properly, so {@code LIST} or other chunks may come
     * anywhere); empty when it is no WAV, not PCM (format 1, or extensible with the PCM sub-format) or has no
     * {@code data}. A {@code data} size beyond the end of the file (a truncated or streamed file) is cut to what
     * is there.
     */
    static Optional<Pcm> pcm(byte[] wav) {
        if (wav == null || wav.length < 12 || !ascii(wav, 0, "RIFF") || !ascii(wav, 8, "WAVE")) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        long pos = 12;
        while (pos + 8 <= wav.length) {
            int at = (int) pos;
            long size = in.getInt(at + 4) & 0xFFFFFFFFL;
            if (ascii(wav, at, "fmt ") && size >= 16 && at + 24 <= wav.length) {
                format = in.getShort(at + 8) & 0xFFFF;
                channels = in.getShort(at + 10) & 0xFFFF;
                rate = in.getInt(at + 12);
                bits = in.getShort(at + 22) & 0xFFFF;
                // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
                if (format == 0xFFFE && size >= 40 && at + 34 <= wav.length) {
                    format = in.getShort(at + 32) & 0xFFFF;
                }
            } else if (ascii(wav, at, "data")) {
                if (format != 1 || channels < 1 || rate <= 0 || bits == 0) {
                    return Optional.empty();
                }
                long available = wav.length - (pos + 8);
                int bytes = (int) Math.min(size, available);
                return Optional.of(new Pcm(format, channels, rate, bits, at + 8, bytes));
            }
            pos += 8 + size + (size & 1);
        }
        return Optional.empty();
    }

    /**
     * The utterances the PCM of a WAV carries, in order, timed from the first sample, speaker unknown; an empty
     * list for a PCM WAV without sandbox speech (silence, crosstalk, or any other recording); empty when the bytes
     * are not a PCM WAV. Only 16-bit mono is scanned.
     */
    static Optional<List<SandboxAudio.Utterance>> decode(byte[] wav) {
        return pcm(wav).map(p -> p.mono16() ? decode(wav, p) : List.of());
    }

    private static List<SandboxAudio.Utterance> decode(byte[] wav, Pcm pcm) {
        int n = pcm.samples();
        int base = pcm.dataAt();
        double rate = pcm.sampleRate();
        List<SandboxAudio.Utterance> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if ((wav[base + 2 * i] & SPEECH) == 0) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && (wav[base + 2 * i] & SPEECH) != 0) {
                i++;
            }
            String text = utteranceIn(wav, base, from, i);
            if (text != null) {
                out.add(new SandboxAudio.Utterance(from / rate, i / rate, null, text));
            }
        }
        return out;
    }

    /**
     * The text spoken over the run of speech samples {@code [from, to)}: the first copy of a payload found in it
     * (magic at any bit offset, valid length, CRC and UTF-8, wholly inside the run) whose repetition explains every
     * bit of the run; null when there is none (a sliver shorter than one copy, or no sandbox speech).
     */
    private static String utteranceIn(byte[] wav, int base, int from, int to) {
        int reg = 0;
        for (int i = from; i < to; i++) {
            reg = (reg << 1) | (wav[base + 2 * i] & 1);
            if (reg == MAGIC && i - from >= 31) {
                int at = i - 31;
                String text = copyAt(wav, base, to, at);
                if (text != null && repeats(wav, base, from, to, at, payloadBits(text))) {
                    return text;
                }
            }
        }
        return null;
    }

    private static boolean repeats(byte[] wav, int base, int from, int to, int at, boolean[] payload) {
        int k = Math.floorMod(from - at, payload.length);
        for (int i = from; i < to; i++) {
            if (((wav[base + 2 * i] & 1) == 1) != payload[k]) {
                return false;
            }
            if (++k == payload.length) {
                k = 0;
            }
        }
        return true;
    }

    /**
     * The text of the payload copy whose magic starts at sample {@code at} and that ends by sample {@code n}, or
     * null when length, CRC or UTF-8 do not hold.
     */
    private static String copyAt(byte[] wav, int base, int n, int at) {
        int lenAt = at + 32;
        if (lenAt + 16 > n) {
            return null;
        }
        int length = readBits(wav, base, lenAt, 16);
        int bits = OVERHEAD_BITS + length * 8;
        if (at + (long) bits > n) {
            return null;
        }
        byte[] body = new byte[length + 2];
        body[0] = (byte) (length >> 8);
        body[1] = (byte) length;
        for (int b = 0; b < length; b++) {
            body[b + 2] = (byte) readBits(wav, base, lenAt + 16 + b * 8, 8);
        }
        int crc = readBits(wav, base, lenAt + 16 + length * 8, 8);
        if (crc != crc8(body, 0, body.length)) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, 2, length)).toString();
            return text.isBlank() ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int readBits(byte[] wav, int base, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = (v << 1) | (wav[base + 2 * i] & 1);
        }
        return v;
    }

    private static boolean ascii(byte[] data, int at, String expected) {
        if (at + expected.length() > data.length) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (data[at + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
