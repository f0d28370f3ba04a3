package kz.clinicai.analytics.worker;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A WAV file read in place: its {@code fmt } chunk and where its samples are. Gives the loudness of every short
 * frame (for voice activity) and cuts a time range into a WAV of its own, both streaming through a small buffer
 * (a 60-minute 8 kHz 16-bit track is 57.6 MB; it never sits in memory). Reads PCM (8/16/24/32-bit), 32-bit float,
 * A-law and µ-law, any channel count — telephony WAVs come in all of these, and which one UIS serves is unconfirmed.
 */
final class WavTrack {

    private static final int PCM = 1;
    private static final int FLOAT = 3;
    private static final int ALAW = 6;
    private static final int MULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final float[] ALAW_TABLE = new float[256];
    private static final float[] MULAW_TABLE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALAW_TABLE[i] = alaw(i) / 32768f;
            MULAW_TABLE[i] = mulaw(i) / 32768f;
        }
    }

    private final Path file;
    private final byte[] fmt;
    private final int format;
    private final int channels;
    private final int sampleRate;
    private final int blockAlign;
    private final int bits;
    private final long dataOffset;
    private final long dataSize;

    private WavTrack(Path file, byte[] fmt, long dataOffset, long dataSize) {
        this.file = file;
        this.fmt = fmt;
        ByteBuffer f = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
        int tag = f.getShort(0) & 0xffff;
        this.format = tag == EXTENSIBLE && fmt.length >= 26 ? f.getShort(24) & 0xffff : tag;
        this.channels = Math.max(1, f.getShort(2));
        this.sampleRate = f.getInt(4);
        this.blockAlign = Math.max(1, f.getShort(12));
        this.bits = f.getShort(14);
        this.dataOffset = dataOffset;
        this.dataSize = dataSize;
    }

    /** The file as a WAV whose samples this class can read; empty for anything else (the caller falls back). */
    static Optional<WavTrack> open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (read(ch, head, 0) < 12 || !ascii(head, 0).equals("RIFF") || !ascii(head, 8).equals("WAVE")) {
                return Optional.empty();
            }
            byte[] fmt = null;
            long pos = 12;
            ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (read(ch, chunk.clear(), pos) == 8) {
                String id = ascii(chunk, 0);
                long size = chunk.getInt(4) & 0xffffffffL;
                if (id.equals("fmt ") && size >= 16 && size < 1024) {
                    ByteBuffer f = ByteBuffer.allocate((int) size);
                    read(ch, f, pos + 8);
                    fmt = f.array();
                } else if (id.equals("data") && fmt != null) {
                    // Recorders that stream write 0 or 0xFFFFFFFF before they know the length: the file tells.
                    long size0 = size == 0 || size == 0xffffffffL ? ch.size() - pos - 8 : size;
                    WavTrack t = new WavTrack(file, fmt, pos + 8, Math.min(size0, ch.size() - pos - 8));
                    return t.readable() ? Optional.of(t) : Optional.empty();
                }
                pos += 8 + size + (size & 1);
            }
            return Optional.empty();
        }
    }

    private boolean readable() {
        boolean pcm = format == PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean g711 = (format == ALAW || format == MULAW) && bits == 8;
        return sampleRate > 0 && (pcm || g711 || (format == FLOAT && bits == 32))
                && blockAlign == channels * (bits / 8);
    }

    double seconds() {
        return dataSize / (double) blockAlign / sampleRate;
    }

    long bytesPerSecond() {
        return (long) blockAlign * sampleRate;
    }

    /**
     * The loudness of each {@code frameSeconds} frame in dBFS (mean square over all channels; -120 for digital
     * silence), read in one pass.
     */
    float[] frameLevels(double frameSeconds) throws IOException {
        int frameBlocks = Math.max(1, (int) Math.round(sampleRate * frameSeconds));
        long blocks = dataSize / blockAlign;
        float[] out = new float[(int) Math.max(0, (blocks + frameBlocks - 1) / frameBlocks)];
        int bytesPerSample = bits / 8;
        ByteBuffer buf = ByteBuffer.allocate(blockAlign * 4096).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        int inFrame = 0;
        int frame = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = dataOffset;
            long end = dataOffset + blocks * blockAlign;
            while (pos < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                int n = read(ch, buf, pos);
                if (n <= 0) {
                    break;
                }
                n -= n % blockAlign;
                pos += n;
                for (int b = 0; b < n; b += blockAlign) {
                    double block = 0;
                    for (int c = 0; c < channels; c++) {
                        float s = sample(buf, b + c * bytesPerSample);
                        block += s * s;
                    }
                    sum += block / channels;
                    if (++inFrame == frameBlocks) {
                        out[frame++] = level(sum / inFrame);
                        sum = 0;
                        inFrame = 0;
                    }
                }
            }
        }
        if (inFrame > 0 && frame < out.length) {
            out[frame++] = level(sum / inFrame);
        }
        return frame == out.length ? out : java.util.Arrays.copyOf(out, frame);
    }

    /** Writes [{@code from}, {@code to}) seconds of this track to {@code target} as a WAV with the same format. */
    void cut(double from, double to, Path target) throws IOException {
        long blocks = dataSize / blockAlign;
        long first = Math.max(0, Math.min(blocks, (long) Math.floor(from * sampleRate)));
        long last = Math.max(first, Math.min(blocks, (long) Math.ceil(to * sampleRate)));
        long n = (last - first) * blockAlign;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            out.write(header(fmt, n));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long pos = dataOffset + first * blockAlign;
            long left = n;
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int r = read(in, buf, pos);
                if (r <= 0) {
                    throw new IOException("WAV data shorter than its header says");
                }
                out.write(buf.array(), 0, r);
                pos += r;
                left -= r;
            }
        }
    }

    /** RIFF header + {@code fmt } chunk + the {@code data} chunk header of {@code dataBytes}. */
    static byte[] header(byte[] fmt, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(20 + fmt.length + (fmt.length & 1) + 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) (4 + 8 + fmt.length + (fmt.length & 1) + 8 + dataBytes))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmt.length).put(fmt);
        if ((fmt.length & 1) == 1) {
            h.put((byte) 0);
        }
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return h.array();
    }

    private float sample(ByteBuffer buf, int at) {
        return switch (format) {
            case ALAW -> ALAW_TABLE[buf.get(at) & 0xff];
            case MULAW -> MULAW_TABLE[buf.get(at) & 0xff];
            case FLOAT -> buf.getFloat(at);
            default -> switch (bits) {
                case 8 -> ((buf.get(at) & 0xff) - 128) / 128f;
                case 16 -> buf.getShort(at) / 32768f;
                case 24 -> ((buf.get(at) & 0xff) | (buf.get(at + 1) & 0xff) << 8 | buf.get(at + 2) << 16) / 8388608f;
                default -> buf.getInt(at) / 2147483648f;
            };
        };
    }

    private static float level(double meanSquare) {
        return meanSquare <= 1e-12 ? -120f : (float) (10 * Math.log10(meanSquare));
    }

    private static int read(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] four = new byte[4];
        for (int i = 0; i < 4; i++) {
            four[i] = b.get(at + i);
        }
        return new String(four, StandardCharsets.US_ASCII);
    }

    /** ITU-T G.711 A-law to 16-bit linear. */
    private static int alaw(int code) {
        int a = code ^ 0x55;
        int t = (a & 0x0f) << 4;
        int seg = (a & 0x70) >> 4;
        t = seg == 0 ? t + 8 : seg == 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
        return (a & 0x80) != 0 ? t : -t;
    }

    /** ITU-T G.711 µ-law to 16-bit linear. */
    private static int mulaw(int code) {
        int u = ~code & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }
}
