package kz.clinicai.local.sandbox.openai;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Audio bytes of the speech simulator in the formats it generates for real: MP3 (MPEG-2 Layer III, 24 kHz mono,
 * 32 kbit/s silent frames that every decoder plays, led by an ID3v2.3 tag whose TXXX frame carries the input text,
 * so a transcription of the file gives the text back) and raw PCM (24 kHz, 16-bit signed little-endian mono, as the
 * API's {@code pcm} format). WAV comes from {@link kz.clinicai.local.sandbox.audio.SandboxAudio}.
 */
final class SpeechAudio {

    static final int SAMPLE_RATE = 24_000;
    /** MPEG-2 Layer III: sync, version 2, layer III, no CRC | 32 kbit/s, 24 kHz, no padding | mono. */
    private static final byte[] FRAME_HEADER = {(byte) 0xFF, (byte) 0xF3, (byte) 0x44, (byte) 0xC0};
    /** 72 × 32000 / 24000 bytes; 576 samples (24 ms) each. */
    static final int FRAME_BYTES = 96;
    static final double FRAME_SECONDS = 576.0 / SAMPLE_RATE;
    private static final String DESCRIPTION = "clinicai-sandbox-transcript";

    private SpeechAudio() {
    }

    static byte[] mp3(String transcript, double seconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] tag = id3(transcript);
        out.writeBytes(tag);
        int frames = (int) Math.max(1, Math.ceil(seconds / FRAME_SECONDS));
        byte[] frame = new byte[FRAME_BYTES];
        System.arraycopy(FRAME_HEADER, 0, frame, 0, FRAME_HEADER.length);
        // Side information and main data all zero: part2_3_length 0 decodes as silence.
        for (int i = 0; i < frames; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    static byte[] pcm(double seconds) {
        int samples = (int) Math.max(1, Math.round(seconds * SAMPLE_RATE));
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (800 * Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE)));
        }
        return pcm.array();
    }

    private static byte[] id3(String transcript) {
        byte[] text = (Base64.getUrlEncoder().withoutPadding()
                .encodeToString(transcript.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
        byte[] description = DESCRIPTION.getBytes(StandardCharsets.US_ASCII);
        int payload = 1 + description.length + 1 + text.length;
        ByteBuffer frame = ByteBuffer.allocate(10 + payload);
        frame.put("TXXX".getBytes(StandardCharsets.US_ASCII)).putInt(payload).putShort((short) 0);
        frame.put((byte) 0).put(description).put((byte) 0).put(text);
        byte[] body = frame.array();
        ByteBuffer tag = ByteBuffer.allocate(10 + body.length);
        tag.put("ID3".getBytes(StandardCharsets.US_ASCII)).put((byte) 3).put((byte) 0).put((byte) 0);
        tag.put(synchsafe(body.length)).put(body);
        return tag.array();
    }

    private static byte[] synchsafe(int n) {
        return new byte[] {(byte) ((n >> 21) & 0x7F), (byte) ((n >> 14) & 0x7F), (byte) ((n >> 7) & 0x7F), (byte) (n & 0x7F)};
    }

    /** Size of a leading ID3v2 tag (header included), 0 when there is none. */
    static int id3Length(byte[] audio) {
        if (audio.length < 10 || audio[0] != 'I' || audio[1] != 'D' || audio[2] != '3') {
            return 0;
        }
        int size = ((audio[6] & 0x7F) << 21) | ((audio[7] & 0x7F) << 14) | ((audio[8] & 0x7F) << 7) | (audio[9] & 0x7F);
        return Math.min(audio.length, 10 + size);
    }

    /** The text an MP3 of this simulator carries in its ID3 TXXX frame; empty for any other audio. */
    static Optional<String> transcriptOf(byte[] audio) {
        int end = id3Length(audio);
        if (end == 0 || audio[3] != 3) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(audio);
        int pos = 10;
        while (pos + 10 <= end) {
            String id = new String(audio, pos, 4, StandardCharsets.US_ASCII);
            int size = in.getInt(pos + 4);
            if (size <= 0 || pos + 10L + size > end) {
                return Optional.empty();
            }
            if (id.equals("TXXX")) {
                String content = new String(audio, pos + 11, size - 1, StandardCharsets.ISO_8859_1);
                int zero = content.indexOf('\0');
                if (zero > 0 && content.substring(0, zero).equals(DESCRIPTION)) {
                    try {
                        return Optional.of(new String(Base64.getUrlDecoder().decode(content.substring(zero + 1)),
                                StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            pos += 10 + size;
        }
        return Optional.empty();
    }

    /**
     * Seconds of an MPEG audio (Layer III) stream by walking its frame headers after any ID3 tag; -1 when the bytes
     * hold no frame.
     */
    static double mp3Seconds(byte[] audio) {
        int pos = id3Length(audio);
        double seconds = 0;
        int frames = 0;
        while (pos + 4 <= audio.length) {
            int b1 = audio[pos + 1] & 0xFF;
            int b2 = audio[pos + 2] & 0xFF;
            if ((audio[pos] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0 || ((b1 >> 1) & 3) != 1) {
                break;
            }
            int version = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            int bitrateIndex = b2 >> 4;
            int rateIndex = (b2 >> 2) & 3;
            if (version == 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                break;
            }
            int[] rates = version == 3 ? new int[] {44100, 48000, 32000} : version == 2 ? new int[] {22050, 24000, 16000}
                    : new int[] {11025, 12000, 8000};
            int[] bitrates = version == 3
                    ? new int[] {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
                    : new int[] {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
            int rate = rates[rateIndex];
            int samples = version == 3 ? 1152 : 576;
            int length = samples / 8 * bitrates[bitrateIndex] * 1000 / rate + ((b2 >> 1) & 1);
            seconds += samples / (double) rate;
            frames++;
            pos += length;
        }
        return frames == 0 ? -1 : seconds;
    }
}
