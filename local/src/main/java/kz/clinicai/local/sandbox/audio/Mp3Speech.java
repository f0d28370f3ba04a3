package kz.clinicai.local.sandbox.audio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Sandbox MP3: a stream of silent MPEG-1 Layer III frames (32 kHz, 32 kbit/s, mono; 144 bytes, 36 ms each) whose
 * unused main-data bytes carry the words spoken during that frame's 36 ms. Side information is all zero
 * ({@code part2_3_length} 0, {@code main_data_begin} 0), so a decoder reads no bits from those bytes and plays
 * silence; and because every word sits in the frame of the moment it is spoken, a file cut on frame boundaries
 * still yields, for each part, exactly the words of its time slice.
 *
 * <p>Payload of each frame (after the 4-byte header and 17 bytes of side information): {@code "SBX"}, one length
 * byte, then that many bytes of UTF-8. An utterance starts with {@code U+0001} and its speaker letter
 * ({@code O} operator, {@code C} client, {@code ?} unknown); words are separated by spaces. UTF-8 never contains
 * 0xFF, so no payload byte can look like a frame sync.
 */
final class Mp3Speech {

    static final int FRAME_BYTES = 144;
    static final double FRAME_SECONDS = 1152.0 / 32_000;
    private static final byte[] HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x18, (byte) 0xC4};
    private static final int SIDE_INFO = 17;
    private static final int PAYLOAD_AT = HEADER.length + SIDE_INFO;
    private static final int TEXT_ROOM = FRAME_BYTES - PAYLOAD_AT - 4;
    private static final byte[] MAGIC = "SBX".getBytes(StandardCharsets.US_ASCII);
    private static final char UTTERANCE = '\u0001';
    private static final int MAX_WORD_CHARS = 40;

    private Mp3Speech() {
    }

    private record Word(int frame, String text) {
    }

    static byte[] encode(List<SandboxAudio.Utterance> speech, double seconds) {
        int frames = (int) Math.max(1, Math.ceil(seconds / FRAME_SECONDS));
        List<Word> words = new ArrayList<>();
        for (SandboxAudio.Utterance u : speech) {
            List<String> parts = split(u.text());
            if (parts.isEmpty()) {
                continue;
            }
            double span = Math.max(FRAME_SECONDS, u.end() - u.start());
            for (int i = 0; i < parts.size(); i++) {
                double at = u.start() + span * i / parts.size();
                int frame = Math.min(frames - 1, Math.max(0, (int) Math.floor(at / FRAME_SECONDS)));
                String text = i == 0 ? "" + UTTERANCE + speakerLetter(u.speaker()) + parts.get(i) : parts.get(i);
                words.add(new Word(frame, text));
            }
        }
        words.sort((a, b) -> Integer.compare(a.frame(), b.frame()));
        Deque<Word> pending = new ArrayDeque<>(words);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * FRAME_BYTES);
        // Frames go on past the requested length only while words are still pending (none is ever dropped).
        for (int f = 0; f < frames || !pending.isEmpty(); f++) {
            StringBuilder text = new StringBuilder();
            int used = 0;
            // Words due by this frame go in it while they fit; the rest spill into the next frames.
            while (!pending.isEmpty() && pending.peek().frame() <= f) {
                String w = pending.peek().text();
                String piece = text.isEmpty() ? w : " " + w;
                int bytes = piece.getBytes(StandardCharsets.UTF_8).length;
                if (used + bytes > TEXT_ROOM) {
                    break;
                }
                text.append(piece);
                used += bytes;
                pending.poll();
            }
            out.writeBytes(frame(text.toString()));
        }
        return out.toByteArray();
    }

    private static byte[] frame(String text) {
        byte[] frame = new byte[FRAME_BYTES];
        System.arraycopy(HEADER, 0, frame, 0, HEADER.length);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(MAGIC, 0, frame, PAYLOAD_AT, MAGIC.length);
        frame[PAYLOAD_AT + 3] = (byte) utf8.length;
        System.arraycopy(utf8, 0, frame, PAYLOAD_AT + 4, utf8.length);
        return frame;
    }

    static boolean looksLikeMp3(byte[] audio) {
        int start = skipId3(audio);
        return audio.length >= start + 4 && (audio[start] & 0xFF) == 0xFF && (audio[start + 1] & 0xE0) == 0xE0;
    }

    /** The utterances a sandbox MP3 carries, timed from the first frame; empty when it is not sandbox audio. */
    static Optional<List<SandboxAudio.Utterance>> decode(byte[] audio) {
        int pos = skipId3(audio);
        int frameIndex = 0;
        boolean sandbox = false;
        List<SandboxAudio.Utterance> out = new ArrayList<>();
        String speaker = null;
        StringBuilder current = null;
        double start = 0;
        double lastWord = 0;
        while (pos + 4 <= audio.length) {
            int size = frameSize(audio, pos);
            if (size <= 0) {
                pos++;
                continue;
            }
            if (pos + PAYLOAD_AT + 4 <= audio.length && matchesMagic(audio, pos + PAYLOAD_AT)) {
                sandbox = true;
                int len = audio[pos + PAYLOAD_AT + 3] & 0xFF;
                if (len > 0 && pos + PAYLOAD_AT + 4 + len <= audio.length) {
                    String text = new String(audio, pos + PAYLOAD_AT + 4, len, StandardCharsets.UTF_8);
                    double at = frameIndex * FRAME_SECONDS;
                    for (String word : text.split(" ")) {
                        if (word.isEmpty()) {
                            continue;
                        }
                        if (word.charAt(0) == UTTERANCE && word.length() >= 2) {
                            if (current != null) {
                                out.add(new SandboxAudio.Utterance(start, lastWord + FRAME_SECONDS, speaker,
                                        current.toString()));
                            }
                            speaker = speakerOf(word.charAt(1));
                            current = new StringBuilder(word.substring(2));
                            start = at;
                        } else {
                            if (current == null) {
                                // A part cut from the middle of an utterance: its speaker is not known here.
                                current = new StringBuilder();
                                speaker = null;
                                start = at;
                            }
                            current.append(current.isEmpty() ? "" : " ").append(word);
                        }
                        lastWord = at;
                    }
                }
            }
            pos += size;
            frameIndex++;
        }
        if (current != null) {
            out.add(new SandboxAudio.Utterance(start, lastWord + FRAME_SECONDS, speaker, current.toString()));
        }
        return sandbox ? Optional.of(out) : Optional.empty();
    }

    /** Number of MPEG frames (any MPEG audio, not only sandbox frames). */
    static int frameCount(byte[] audio) {
        int pos = skipId3(audio);
        int n = 0;
        while (pos + 4 <= audio.length) {
            int size = frameSize(audio, pos);
            if (size <= 0) {
                pos++;
                continue;
            }
            pos += size;
            n++;
        }
        return n;
    }

    private static final int[] MPEG1_L3_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0};
    private static final int[] MPEG1_RATES = {44_100, 48_000, 32_000, 0};

    /** Size of the MPEG-1 Layer III frame at {@code pos}, or 0 when there is none. */
    private static int frameSize(byte[] a, int pos) {
        if ((a[pos] & 0xFF) != 0xFF || (a[pos + 1] & 0xFE) != 0xFA) {
            return 0;
        }
        int kbps = MPEG1_L3_KBPS[(a[pos + 2] >> 4) & 0x0F];
        int rate = MPEG1_RATES[(a[pos + 2] >> 2) & 0x03];
        if (kbps == 0 || rate == 0) {
            return 0;
        }
        int padding = (a[pos + 2] >> 1) & 0x01;
        return 144 * kbps * 1000 / rate + padding;
    }

    private static int skipId3(byte[] a) {
        if (a.length >= 10 && a[0] == 'I' && a[1] == 'D' && a[2] == '3') {
            return 10 + ((a[6] & 0x7F) << 21 | (a[7] & 0x7F) << 14 | (a[8] & 0x7F) << 7 | (a[9] & 0x7F));
        }
        return 0;
    }

    private static boolean matchesMagic(byte[] a, int at) {
        return a[at] == MAGIC[0] && a[at + 1] == MAGIC[1] && a[at + 2] == MAGIC[2];
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.trim().split("\\s+")) {
            for (int i = 0; i < w.length(); i += MAX_WORD_CHARS) {
                String piece = w.substring(i, Math.min(w.length(), i + MAX_WORD_CHARS)).replace(String.valueOf(UTTERANCE), "");
                if (!piece.isEmpty()) {
                    out.add(piece);
                }
            }
        }
        return out;
    }

    private static char speakerLetter(String speaker) {
        if (speaker == null) {
            return '?';
        }
        return switch (speaker) {
            case SandboxAudio.OPERATOR -> 'O';
            case SandboxAudio.CLIENT -> 'C';
            default -> '?';
        };
    }

    private static String speakerOf(char letter) {
        return switch (letter) {
            case 'O' -> SandboxAudio.OPERATOR;
            case 'C' -> SandboxAudio.CLIENT;
            default -> null;
        };
    }
}
