package kz.clinicai.local.sandbox.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Recordings the sandbox hands out (UIS calls, Voximplant turns, speech) are real WAV files that carry their own
 * transcript in a RIFF INFO comment, so the transcription simulator answers deterministically and any player
 * still plays them.
 */
public final class SandboxAudio {

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

    /** The transcript a sandbox WAV carries; empty for any other audio. */
    public static Optional<String> transcriptOf(byte[] audio) {
        if (audio == null || audio.length < 12 || !ascii(audio, 0, 4).equals("RIFF") || !ascii(audio, 8, 4).equals("WAVE")) {
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
