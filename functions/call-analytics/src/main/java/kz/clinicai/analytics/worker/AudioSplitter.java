package kz.clinicai.analytics.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a recording into parts the transcription API takes (≤ 25 MB, and ≤ ~20 minutes: longer audio was refused)
 * without decoding it — Lambda has no ffmpeg. MP3 is cut between frames (each part is a valid MP3 stream: frames
 * are independent apart from the bit reservoir, which costs at most a few milliseconds at a cut); WAV is cut between
 * sample blocks, each part with its own header. Streams file to file: memory stays at one frame.
 */
final class AudioSplitter {

    /** One part: its file and length in seconds. */
    record Part(Path file, double seconds) {
    }

    private static final int[] MPEG1_L3_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_L3_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[][] SAMPLE_RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000},
            {44100, 48000, 32000}};

    private final long maxBytes;
    private final double maxSeconds;

    AudioSplitter(long maxBytes, double maxSeconds) {
        this.maxBytes = maxBytes;
        this.maxSeconds = maxSeconds;
    }

    /** The parts of {@code audio} in order, written next to it; the file itself when no cut is needed. */
    List<Part> split(Path audio, String extension) throws IOException {
        if (extension.equals("wav")) {
            return splitWav(audio);
        }
        if (extension.equals("mp3")) {
            return splitMp3(audio);
        }
        return List.of(new Part(audio, -1));
    }

    /** Seconds of an MP3 by its frames (no decoding). */
    static double mp3Seconds(Path audio) throws IOException {
        return new AudioSplitter(Long.MAX_VALUE, Double.MAX_VALUE).splitMp3(audio).stream()
                .mapToDouble(Part::seconds).sum();
    }

    // ------------------------------------------------------------------ MP3

    private List<Part> splitMp3(Path audio) throws IOException {
        List<Part> parts = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(audio), 1 << 16)) {
            skipId3(in);
            OutputStream out = null;
            Path current = null;
            long bytes = 0;
            double seconds = 0;
            byte[] header = new byte[4];
            byte[] frame = new byte[8192];
            in.mark(4);
            while (readFully(in, header, 4)) {
                int len = frameLength(header);
                if (len <= 0) {
                    // Not a frame header (a trailing tag, garbage): resynchronise one byte on.
                    in.reset();
                    in.skip(1);
                    in.mark(4);
                    continue;
                }
                System.arraycopy(header, 0, frame, 0, 4);
                if (!readFully(in, frame, 4, len - 4)) {
                    break;
                }
                double frameSeconds = samplesPerFrame(header) / (double) sampleRate(header);
                if (out != null && (bytes + len > maxBytes || seconds + frameSeconds > maxSeconds)) {
                    out.close();
                    parts.add(new Part(current, seconds));
                    out = null;
                }
                if (out == null) {
                    current = audio.resolveSibling(name(audio) + ".part" + (parts.size() + 1) + ".mp3");
                    out = new BufferedOutputStream(Files.newOutputStream(current), 1 << 16);
                    bytes = 0;
                    seconds = 0;
                }
                out.write(frame, 0, len);
                bytes += len;
                seconds += frameSeconds;
                in.mark(4);
            }
            if (out != null) {
                out.close();
                parts.add(new Part(current, seconds));
            }
        }
        if (parts.size() == 1) {
            Files.delete(parts.get(0).file());
            return List.of(new Part(audio, parts.get(0).seconds()));
        }
        return parts;
    }

    private static void skipId3(InputStream in) throws IOException {
        in.mark(10);
        byte[] h = new byte[10];
        if (readFully(in, h, 10) && h[0] == 'I' && h[1] == 'D' && h[2] == '3') {
            long size = ((h[6] & 0x7f) << 21) | ((h[7] & 0x7f) << 14) | ((h[8] & 0x7f) << 7) | (h[9] & 0x7f);
            long footer = (h[5] & 0x10) != 0 ? 10 : 0;
            in.skipNBytes(size + footer);
        } else {
            in.reset();
        }
    }

    /** Bytes of the Layer III frame this header starts, or -1 if it is not one. */
    static int frameLength(byte[] h) {
        if ((h[0] & 0xff) != 0xff || (h[1] & 0xe0) != 0xe0) {
            return -1;
        }
        int version = (h[1] >> 3) & 3;
        int layer = (h[1] >> 1) & 3;
        int bitrateIndex = (h[2] >> 4) & 0xf;
        int rateIndex = (h[2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        int padding = (h[2] >> 1) & 1;
        int kbps = (version == 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex];
        int rate = SAMPLE_RATES[version][rateIndex];
        return (version == 3 ? 144 : 72) * kbps * 1000 / rate + padding;
    }

    private static int samplesPerFrame(byte[] h) {
        return ((h[1] >> 3) & 3) == 3 ? 1152 : 576;
    }

    private static int sampleRate(byte[] h) {
        return SAMPLE_RATES[(h[1] >> 3) & 3][(h[2] >> 2) & 3];
    }

    // ------------------------------------------------------------------ WAV

    private List<Part> splitWav(Path audio) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(audio), 1 << 16)) {
            byte[] riff = new byte[12];
            if (!readFully(in, riff, 12) || riff[0] != 'R' || riff[8] != 'W') {
                return List.of(new Part(audio, -1));
            }
            byte[] fmt = null;
            byte[] chunk = new byte[8];
            while (readFully(in, chunk, 8)) {
                String id = new String(chunk, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
                long size = ByteBuffer.wrap(chunk, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
                if (id.equals("fmt ")) {
                    fmt = in.readNBytes((int) size);
                    if ((size & 1) == 1) {
                        in.skip(1);
                    }
                } else if (id.equals("data")) {
                    if (fmt == null) {
                        return List.of(new Part(audio, -1));
                    }
                    return wavParts(audio, in, fmt, size);
                } else {
                    in.skipNBytes(size + (size & 1));
                }
            }
        }
        return List.of(new Part(audio, -1));
    }

    private List<Part> wavParts(Path audio, InputStream in, byte[] fmt, long dataSize) throws IOException {
        ByteBuffer f = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
        int byteRate = f.getInt(8);
        int blockAlign = Math.max(1, f.getShort(12));
        double total = byteRate == 0 ? -1 : dataSize / (double) byteRate;
        long perPart = Math.min(maxBytes - 64 - fmt.length, (long) (maxSeconds * byteRate));
        perPart -= perPart % blockAlign;
        if (dataSize <= perPart) {
            return List.of(new Part(audio, total));
        }
        List<Part> parts = new ArrayList<>();
        long left = dataSize;
        byte[] buffer = new byte[1 << 16];
        while (left > 0) {
            long n = Math.min(perPart, left);
            Path part = audio.resolveSibling(name(audio) + ".part" + (parts.size() + 1) + ".wav");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                out.write(WavTrack.header(fmt, n));
                long copy = n;
                while (copy > 0) {
                    int r = in.read(buffer, 0, (int) Math.min(buffer.length, copy));
                    if (r < 0) {
                        throw new EOFException("WAV data shorter than its header says");
                    }
                    out.write(buffer, 0, r);
                    copy -= r;
                }
            }
            parts.add(new Part(part, n / (double) byteRate));
            left -= n;
        }
        return parts;
    }

    private static String name(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static boolean readFully(InputStream in, byte[] b, int len) throws IOException {
        return readFully(in, b, 0, len);
    }

    private static boolean readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = in.readNBytes(b, off, len);
        return n == len;
    }
}
